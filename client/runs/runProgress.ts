/**
 * How far a live run has got, folded from its events as they arrive: phase, epoch, evaluations,
 * and for training and search each a meter (how much is done, and a clock for the time left).
 * Pure: the caller passes the time each event arrived.
 */
import type { RunEvent } from "../../protocol/runEvents";

export type RunPhase = "starting" | "data" | "train" | "latency" | "search" | "done";
export type RunOutcome = "finished" | "stopped" | "failed";

/** How much of a part of the run is done (0..1), and when and at what point it was first seen. */
export interface Meter {
  readonly fraction: number;
  readonly since: { readonly at: number; readonly fraction: number };
}

export interface RunProgress {
  readonly runDir: string;
  readonly search: string;
  readonly phase: RunPhase;
  readonly outcome?: RunOutcome;
  readonly failure?: string;
  /** The epoch in progress (1-based), of `epochs`. */
  readonly epoch?: number;
  readonly epochs?: number;
  readonly stepsPerEpoch?: number;
  readonly evaluations: number;
  readonly budget?: number;
  readonly generation?: number;
  readonly frontSize?: number;
  readonly training?: Meter;
  readonly searching?: Meter;
}

export function startProgress(runDir: string, search: string): RunProgress {
  return { runDir, search, phase: "starting", evaluations: 0 };
}

export function advance(p: RunProgress, e: RunEvent, now: number): RunProgress {
  switch (e.type) {
    case "run-started":
      // A resume starts a new process: its meters start over.
      return { ...startProgress(p.runDir, e.search), evaluations: e.resumedFrom };
    case "phase":
      return { ...p, phase: e.phase };
    case "train-start":
      return {
        ...p,
        epochs: e.epochs,
        stepsPerEpoch: e.stepsPerEpoch,
        epoch: Math.min(e.resumedAt + 1, e.epochs),
        training: meter(p.training, e.epochs === 0 ? 1 : e.resumedAt / e.epochs, now),
      };
    case "train-step":
      // `step` counts over the whole training, resumed epochs included.
      if (!p.epochs || !p.stepsPerEpoch) return p;
      return {
        ...p,
        epoch: e.epoch + 1,
        training: meter(p.training, Math.min((e.step + 1) / (p.epochs * p.stepsPerEpoch), 1), now),
      };
    case "epoch":
      return { ...p, epoch: e.epoch, epochs: e.epochs, training: meter(p.training, e.epoch / e.epochs, now) };
    case "search-start":
      return {
        ...p,
        budget: e.budget,
        searching: meter(p.searching, Math.min(p.evaluations / Math.max(e.budget, 1), 1), now),
      };
    case "evaluation": {
      const evaluations = Math.max(p.evaluations, e.index + 1);
      return p.budget === undefined
        ? { ...p, evaluations }
        : {
            ...p,
            evaluations,
            searching: meter(p.searching, Math.min(evaluations / Math.max(p.budget, 1), 1), now),
          };
    }
    case "generation":
      return { ...p, generation: e.generation, frontSize: e.front.length };
    case "run-finished":
      return {
        ...p,
        phase: "done",
        outcome: "finished",
        evaluations: e.evaluations,
        frontSize: e.front.length,
      };
    case "run-failed":
      return { ...p, outcome: "failed", failure: e.message };
    default:
      return p;
  }
}

/** What `supernet search --events` exits with when it was interrupted (resumable). */
const STOPPED_EXIT_CODE = 130;

/** The runner process ended: what its events did not already say follows from how it exited. */
export function endProgress(p: RunProgress, ended: { code: number | null; stopped: boolean }): RunProgress {
  if (p.outcome) return p;
  if (ended.code === 0) return { ...p, outcome: "finished" };
  return ended.stopped || ended.code === STOPPED_EXIT_CODE
    ? { ...p, outcome: "stopped" }
    : { ...p, outcome: "failed" };
}

/** The meter of the phase the run is in, if that phase is measured. */
export function phaseMeter(p: RunProgress): Meter | undefined {
  return p.phase === "train" ? p.training : p.phase === "search" ? p.searching : undefined;
}

/** Seconds left in the current phase at the rate so far; undefined until there is a rate. */
export function etaSeconds(p: RunProgress, now: number): number | undefined {
  const m = phaseMeter(p);
  if (p.outcome || !m) return undefined;
  const done = m.fraction - m.since.fraction;
  const elapsed = now - m.since.at;
  if (done <= 0 || elapsed <= 0) return undefined;
  return ((elapsed / done) * (1 - m.fraction)) / 1000;
}

/** Training's share of a progress bar over the whole run; the search is the rest. */
const TRAIN_SHARE = 0.6;

/** The whole run's progress, 0..1, for a progress bar. */
export function overallFraction(p: RunProgress): number {
  if (p.outcome === "finished") return 1;
  switch (p.phase) {
    case "starting":
    case "data":
      return 0;
    case "train":
      return TRAIN_SHARE * (p.training?.fraction ?? 0);
    case "latency":
      return TRAIN_SHARE;
    case "search":
      return TRAIN_SHARE + (1 - TRAIN_SHARE) * (p.searching?.fraction ?? 0);
    case "done":
      return 1;
  }
}

function meter(previous: Meter | undefined, fraction: number, now: number): Meter {
  return { fraction, since: previous?.since ?? { at: now, fraction } };
}
