/** The runs on disk: listing the runs folders, reading a run's log, deleting a run. */
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RunEvent } from "../../../protocol/runEvents";
import type { RunSummary } from "../../../protocol/runsLsp";
import { readEvents, readManifest, runPaths } from "../../runs/runDirectory";
import { summarizeRun } from "./runSummary";

export interface RunListing {
  readonly runs: RunSummary[];
  /** Folders in a runs folder that are not readable runs, and why. */
  readonly skipped: { dir: string; reason: string }[];
}

export function listRuns(folders: readonly string[], isRunning: (runDir: string) => boolean): RunListing {
  const runs: RunSummary[] = [];
  const skipped: { dir: string; reason: string }[] = [];
  for (const folder of new Set(folders)) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const dir = join(folder, name);
      if (!statSync(dir).isDirectory()) continue;
      try {
        const paths = runPaths(dir);
        runs.push(summarizeRun(dir, readManifest(paths), readEvents(paths.events).events, isRunning(dir)));
      } catch (e) {
        skipped.push({ dir, reason: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  // Newest first; ids start with the creation time, which breaks ties between runs of one second.
  runs.sort((a, b) => b.created.localeCompare(a.created) || b.id.localeCompare(a.id));
  return { runs, skipped };
}

export function loggedEvents(runDir: string): { events: RunEvent[]; invalidLines: number } {
  const paths = runPaths(runDir);
  readManifest(paths);
  const { events, invalid } = readEvents(paths.events);
  return { events, invalidLines: invalid.length };
}

/** Deletes a run directory; refuses a folder that is not a run (no valid `run.json`). */
export function deleteRunDirectory(runDir: string): void {
  readManifest(runPaths(runDir));
  rmSync(runDir, { recursive: true, force: true });
}
