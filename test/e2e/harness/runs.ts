/** The runs the extension started in a sandbox's workspace, read back from their run directories. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { EvaluationEvent, RunEvent } from "../../../protocol/runEvents";
import { RUNS_FOLDER, readEvents, runPaths } from "../../../server/runs/runDirectory";

/** Every event the workspace's one run logged, in order. */
export function onlyRunEvents(workspace: string): RunEvent[] {
  const folder = join(workspace, RUNS_FOLDER);
  const dirs = readdirSync(folder);
  if (dirs.length !== 1)
    throw new Error(`expected one run in ${folder}, found: ${dirs.join(", ") || "none"}`);
  return readEvents(runPaths(join(folder, dirs[0])).events).events;
}

export function finishedEvent(events: readonly RunEvent[]): Extract<RunEvent, { type: "run-finished" }> {
  const finished = events.find((e) => e.type === "run-finished");
  if (!finished)
    throw new Error(`the run did not log run-finished; its last event: ${JSON.stringify(events.at(-1))}`);
  return finished;
}

export function evaluationEvent(events: readonly RunEvent[], index: number): EvaluationEvent {
  const evaluation = events.find((e): e is EvaluationEvent => e.type === "evaluation" && e.index === index);
  if (!evaluation) throw new Error(`the run logged no evaluation #${index}`);
  return evaluation;
}
