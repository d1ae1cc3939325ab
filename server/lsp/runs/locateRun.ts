/**
 * Which run directory a freshly started runner writes: the runner logs each event to
 * `events.jsonl` before it prints it, so the new directory whose log holds the exact
 * `run-started` line printed is the one (two runs started in the same second get `-2` names).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { runPaths } from "../../runs/runDirectory";

export function findNewRunDirectory(
  runsFolder: string,
  before: ReadonlySet<string>,
  runStartedLine: string,
): string | undefined {
  for (const name of readdirSync(runsFolder)) {
    if (before.has(name)) continue;
    const events = runPaths(join(runsFolder, name)).events;
    if (existsSync(events) && readFileSync(events, "utf8").split("\n").includes(runStartedLine))
      return join(runsFolder, name);
  }
  return undefined;
}
