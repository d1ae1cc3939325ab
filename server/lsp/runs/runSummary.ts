/**
 * What the Runs view shows of a run: its state, how far it got and its best metrics, derived
 * from `run.json` and the logged events. Pure.
 */
import type { EvaluationEvent, RunEvent } from "../../../protocol/runEvents";
import type { RunManifest } from "../../../protocol/runFiles";
import type { BestMetric, RunState, RunSummary } from "../../../protocol/runsLsp";
import { formatMetric } from "../../language/printer";

export function summarizeRun(
  runDir: string,
  manifest: RunManifest,
  events: readonly RunEvent[],
  running: boolean,
): RunSummary {
  const evaluations = new Map<number, EvaluationEvent>();
  let budget: number | null = null;
  let frontSize: number | null = null;
  let objectives: { metric: string; sense: "maximize" | "minimize" }[] = [];
  // The outcome of the latest process: a resume starts over from `run-started`.
  let ended: Extract<RunEvent, { type: "run-finished" | "run-failed" }> | undefined;
  for (const e of events) {
    switch (e.type) {
      case "run-started":
        ended = undefined;
        break;
      case "search-start":
        budget = e.budget;
        objectives = e.objectives;
        break;
      case "evaluation":
        evaluations.set(e.index, e);
        break;
      case "generation":
        frontSize = e.front.length;
        break;
      case "run-finished":
        frontSize = e.front.length;
        ended = e;
        break;
      case "run-failed":
        ended = e;
        break;
    }
  }
  const state: RunState = running
    ? "running"
    : ended?.type === "run-finished"
      ? "finished"
      : ended?.type === "run-failed"
        ? "failed"
        : "stopped";
  return {
    runDir,
    id: manifest.id,
    search: manifest.search,
    space: manifest.space,
    file: manifest.file,
    created: manifest.created,
    backend: manifest.backend,
    state,
    evaluations: evaluations.size,
    budget,
    frontSize,
    best: bestMetrics(objectives, [...evaluations.values()]),
    ...(state === "failed" && ended?.type === "run-failed" ? { failure: ended.message } : {}),
    imported: manifest.importedFrom !== undefined,
  };
}

/** Each objective's best value over the feasible, measured evaluations (none when there are none). */
export function bestMetrics(
  objectives: readonly { metric: string; sense: "maximize" | "minimize" }[],
  evaluations: readonly EvaluationEvent[],
): BestMetric[] {
  const feasible = evaluations.filter((e) => e.violation === 0 && e.source === "measured");
  if (feasible.length === 0) return [];
  return objectives.map(({ metric, sense }, i) => {
    // The metric in its own units when the runner recorded it, else the objective's value.
    const values = feasible.map(
      (e) => e.metrics[metric as keyof EvaluationEvent["metrics"]] ?? e.objectives[i],
    );
    const value = values.reduce((a, b) => (sense === "maximize" ? Math.max(a, b) : Math.min(a, b)));
    return { metric, sense, value, text: metricText(metric, value) };
  });
}

function metricText(metric: string, value: number): string {
  try {
    return formatMetric(metric, value);
  } catch {
    return String(value);
  }
}
