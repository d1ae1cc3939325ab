/**
 * One run's state for the Pareto panel, reduced from its events: the search's objectives and
 * every evaluated subnet by index. The same `reduce` folds a replayed log and live events; an
 * evaluation seen twice is kept once (its index is stable across resumes).
 */
import type { Objective } from "../../protocol/panels";
import type { EvaluationEvent, RunEvent } from "../../protocol/runEvents";

export interface ParetoRun {
  readonly runId: string | undefined;
  readonly search: string | undefined;
  readonly space: string | undefined;
  readonly objectives: readonly Objective[];
  /** By evaluation index; holes until every index has arrived. */
  readonly evaluations: readonly (EvaluationEvent | undefined)[];
  readonly count: number;
  readonly status: "waiting" | "running" | "finished" | "failed";
}

export function emptyRun(): ParetoRun {
  return {
    runId: undefined,
    search: undefined,
    space: undefined,
    objectives: [],
    evaluations: [],
    count: 0,
    status: "waiting",
  };
}

export function reduceRun(state: ParetoRun, events: readonly RunEvent[]): ParetoRun {
  let next: { -readonly [K in keyof ParetoRun]: ParetoRun[K] } | undefined;
  let evaluations: (EvaluationEvent | undefined)[] | undefined;
  for (const e of events) {
    next ??= { ...state };
    switch (e.type) {
      case "run-started":
        next.runId = e.runId;
        next.search = e.search;
        next.space = e.space;
        next.status = "running";
        break;
      case "search-start":
        next.objectives = e.objectives;
        break;
      case "evaluation":
        evaluations ??= state.evaluations.slice();
        if (evaluations[e.index] === undefined) next.count++;
        evaluations[e.index] = e;
        break;
      case "run-finished":
        next.status = "finished";
        break;
      case "run-failed":
        next.status = "failed";
        break;
      default:
        break;
    }
  }
  if (!next) return state;
  if (evaluations) next.evaluations = evaluations;
  return next;
}

/** The evaluations that have arrived, in index order. */
export function evaluationsOf(run: ParetoRun): EvaluationEvent[] {
  return run.evaluations.filter((e): e is EvaluationEvent => e !== undefined);
}
