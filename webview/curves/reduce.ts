/**
 * The training-curves panel's state, reduced from run events. The same `reduce` folds a replayed
 * `events.jsonl` and live events, so a replayed run looks exactly like one watched live; an event
 * seen twice (replay overlapping live events) changes nothing.
 */
import type { RunEvent } from "../../protocol/runEvents";
import type { Series } from "../shared/series";
import { upsert } from "../shared/series";

export const KINDS = ["largest", "smallest", "random"] as const;
export type Kind = (typeof KINDS)[number];
type PerKind = Record<Kind, Series>;

export interface CurvesState {
  readonly run:
    | { readonly runId: string; readonly search: string; readonly space: string; readonly backend: string }
    | undefined;
  readonly phase: string | undefined;
  readonly status: "waiting" | "running" | "finished" | "failed";
  readonly message: string | undefined;
  readonly stepsPerEpoch: number | undefined;
  readonly epochs: number | undefined;
  /** Per training step, by sampled kind; accuracy in percent. */
  readonly loss: PerKind;
  readonly accuracy: PerKind;
  /** Epoch means, at the step that ends the epoch. */
  readonly epochLoss: PerKind;
  readonly epochAccuracy: PerKind;
  readonly learningRate: Series;
  /** Per generation. */
  readonly hypervolume: Series;
  /** Per LINAS iteration and predicted metric: held-out MAPE (%) and Kendall's τ, and the check against what was then measured. */
  readonly predictorMape: Record<string, Series>;
  readonly predictorTau: Record<string, Series>;
  readonly checkMape: Record<string, Series>;
}

const perKind = (): PerKind => ({ largest: [], smallest: [], random: [] });

export function emptyCurves(): CurvesState {
  return {
    run: undefined,
    phase: undefined,
    status: "waiting",
    message: undefined,
    stepsPerEpoch: undefined,
    epochs: undefined,
    loss: perKind(),
    accuracy: perKind(),
    epochLoss: perKind(),
    epochAccuracy: perKind(),
    learningRate: [],
    hypervolume: [],
    predictorMape: {},
    predictorTau: {},
    checkMape: {},
  };
}

/** The state after `events`, in order; `state` itself is left as it was. */
export function reduceCurves(state: CurvesState, events: readonly RunEvent[]): CurvesState {
  const draft = clone(state);
  for (const event of events) apply(draft, event);
  return draft;
}

type Draft = { -readonly [K in keyof CurvesState]: CurvesState[K] };

function apply(s: Draft, e: RunEvent): void {
  switch (e.type) {
    case "run-started":
      s.run = { runId: e.runId, search: e.search, space: e.space, backend: e.backend };
      s.status = "running";
      s.message = undefined;
      return;
    case "phase":
      s.phase = e.phase;
      if (e.phase === "done") s.status = "finished";
      return;
    case "train-start":
      s.stepsPerEpoch = e.stepsPerEpoch;
      s.epochs = e.epochs;
      return;
    case "train-step":
      for (const kind of KINDS) {
        const m = e.metrics[kind];
        if (!m) continue;
        upsert(s.loss[kind], e.step, m.loss);
        upsert(s.accuracy[kind], e.step, m.accuracy * 100);
      }
      upsert(s.learningRate, e.step, e.learningRate);
      return;
    case "epoch": {
      // `epoch` counts completed epochs (1-based): the mean belongs where the epoch ends.
      const x = s.stepsPerEpoch !== undefined ? e.epoch * s.stepsPerEpoch : e.epoch;
      for (const kind of KINDS) {
        const m = e.metrics[kind];
        if (!m) continue;
        upsert(s.epochLoss[kind], x, m.loss);
        upsert(s.epochAccuracy[kind], x, m.accuracy * 100);
      }
      return;
    }
    case "generation":
      if (e.hypervolume !== null) upsert(s.hypervolume, e.generation, e.hypervolume);
      return;
    case "predictor":
      if (e.heldOut?.mape != null) upsert(series(s.predictorMape, e.metric), e.iteration, e.heldOut.mape);
      if (e.heldOut?.kendallTau != null)
        upsert(series(s.predictorTau, e.metric), e.iteration, e.heldOut.kendallTau);
      return;
    case "prediction-check":
      if (e.check.mape !== null) upsert(series(s.checkMape, e.metric), e.iteration, e.check.mape);
      return;
    case "run-finished":
      s.status = "finished";
      return;
    case "run-failed":
      s.status = "failed";
      s.message = e.message;
      return;
    default:
      return;
  }
}

function series(record: Record<string, Series>, key: string): Series {
  return (record[key] ??= []);
}

function clone(s: CurvesState): Draft {
  const kinds = (p: PerKind): PerKind => ({
    largest: p.largest.slice(),
    smallest: p.smallest.slice(),
    random: p.random.slice(),
  });
  const byKey = (r: Record<string, Series>): Record<string, Series> =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.slice()]));
  return {
    ...s,
    loss: kinds(s.loss),
    accuracy: kinds(s.accuracy),
    epochLoss: kinds(s.epochLoss),
    epochAccuracy: kinds(s.epochAccuracy),
    learningRate: s.learningRate.slice(),
    hypervolume: s.hypervolume.slice(),
    predictorMape: byKey(s.predictorMape),
    predictorTau: byKey(s.predictorTau),
    checkMape: byKey(s.checkMape),
  };
}
