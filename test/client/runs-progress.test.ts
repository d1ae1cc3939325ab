/** A live run's progress from its events: phase, epoch, evaluations, ETA, and the text shown for it. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RunEvent } from "../../protocol/runEvents";
import { formatDuration, phaseText, progressMessage, statusBarText } from "../../client/runs/progressText";
import type { RunProgress } from "../../client/runs/runProgress";
import {
  advance,
  endProgress,
  etaSeconds,
  overallFraction,
  startProgress,
} from "../../client/runs/runProgress";

const TIME = "2026-11-22T10:04:11.000Z";
const kinds = { largest: { loss: 1, accuracy: 0.5 } };

/** Folds `events`, the i-th arriving at `times[i]` ms (default: one a second). */
function fold(events: RunEvent[], times: number[] = events.map((_, i) => i * 1000)): RunProgress {
  return events.reduce((p, e, i) => advance(p, e, times[i]), startProgress("/runs/r", "Fast"));
}

const started = (resumedFrom = 0): RunEvent => ({
  type: "run-started",
  time: TIME,
  runId: "r",
  search: "Fast",
  space: "Tiny",
  backend: "cpu",
  resumedFrom,
});
const phase = (p: "data" | "train" | "latency" | "search" | "done"): RunEvent => ({
  type: "phase",
  time: TIME,
  phase: p,
});
const trainStart = (resumedAt = 0): RunEvent => ({
  type: "train-start",
  epochs: 4,
  stepsPerEpoch: 10,
  resumedAt,
  weights: 100,
});
const step = (s: number): RunEvent => ({
  type: "train-step",
  epoch: Math.floor(s / 10),
  step: s,
  stepInEpoch: s % 10,
  learningRate: 0.1,
  imagesPerSecond: 100,
  metrics: kinds,
});
const epoch = (e: number): RunEvent => ({
  type: "epoch",
  epoch: e,
  epochs: 4,
  learningRate: 0.1,
  imagesPerSecond: 100,
  seconds: 1,
  metrics: kinds,
});
const searchStart: RunEvent = {
  type: "search-start",
  strategy: "nsga2",
  budget: 20,
  objectives: [{ metric: "accuracy", sense: "maximize" }],
  reference: [0],
};
const evaluation = (index: number): RunEvent => ({
  type: "evaluation",
  index,
  key: `k${index}`,
  genome: [index],
  choices: {},
  metrics: { accuracy: 50, macs: 1, params: 1, model_size: 4 },
  objectives: [50],
  violation: 0,
  source: "measured",
  seconds: 0.1,
});
const generation = (g: number, front: number[]): RunEvent => ({
  type: "generation",
  generation: g,
  evaluations: 10,
  front,
  hypervolume: 0.5,
});

describe("run progress", () => {
  test("training: the epoch in progress, and the time left at the rate so far", () => {
    // train-start at t=0 (nothing done), then step 9 (a quarter done) at t=30 s.
    const p = fold([started(), phase("data"), phase("train"), trainStart(), step(9)], [0, 0, 0, 0, 30_000]);
    assert.equal(phaseText(p), "training epoch 1/4");
    assert.equal(p.training?.fraction, 0.25);
    assert.equal(etaSeconds(p, 30_000), 90);
    assert.equal(statusBarText(p, 30_000), "$(sync~spin) Fast: training epoch 1/4 · ETA 1:30");
    assert.equal(overallFraction(p), 0.15);
  });

  test("a resumed training measures its rate from where it resumed", () => {
    const p = fold([started(), phase("train"), trainStart(2), step(29)], [0, 0, 10_000, 20_000]);
    assert.equal(p.epoch, 3);
    // From 50% at 10 s to 75% at 20 s: 10 s more.
    assert.equal(etaSeconds(p, 20_000), 10);
  });

  test("search: evaluations of the budget and the generation", () => {
    const events = [
      started(),
      phase("train"),
      trainStart(),
      epoch(4),
      searchStart,
      phase("search"),
      ...[0, 1, 2, 3, 4].map(evaluation),
      generation(1, [0, 3]),
    ];
    const p = fold(
      events,
      events.map((_, i) => (i < 5 ? 0 : (i - 4) * 1000)),
    );
    assert.equal(phaseText(p), "search 5/20 · generation 1");
    assert.equal(p.frontSize, 2);
    // 5 of 20 in the 6 s since search-start: 18 s more.
    assert.equal(etaSeconds(p, 6000), 18);
    assert.equal(progressMessage(p, 6000), "search 5/20 · generation 1 · ETA 18s");
    assert.equal(overallFraction(p), 0.6 + 0.4 * 0.25);
  });

  test("no ETA before any progress, or in phases without a measure", () => {
    assert.equal(etaSeconds(fold([started(), phase("train"), trainStart()]), 5000), undefined);
    assert.equal(etaSeconds(fold([started(), phase("data")]), 5000), undefined);
    assert.equal(progressMessage(fold([started(), phase("latency")]), 0), "measuring latency");
  });

  test("a resumed search counts the evaluations it had, and the run's outcome ends the progress", () => {
    const resumed = fold([started(12), searchStart, phase("search"), evaluation(12)]);
    assert.equal(phaseText(resumed), "search 13/20");
    const finished = advance(
      resumed,
      { type: "run-finished", time: TIME, evaluations: 20, front: [1, 2, 3], seconds: 9 },
      9000,
    );
    assert.equal(statusBarText(finished, 9000), "$(pass) Fast: finished · 20 evaluations · 3 on the front");
    assert.equal(overallFraction(finished), 1);
    assert.equal(etaSeconds(finished, 9000), undefined);
  });

  test("how the process ended decides what the events did not say", () => {
    const running = fold([started(), searchStart, evaluation(0)]);
    assert.equal(endProgress(running, { code: 130, stopped: false }).outcome, "stopped");
    assert.equal(endProgress(running, { code: null, stopped: true }).outcome, "stopped");
    assert.equal(endProgress(running, { code: 1, stopped: false }).outcome, "failed");
    assert.equal(endProgress(running, { code: 0, stopped: false }).outcome, "finished");
    assert.equal(
      phaseText(endProgress(running, { code: 130, stopped: true })),
      "stopped after 1/20 evaluations",
    );
    const failed = advance(running, { type: "run-failed", time: TIME, message: "out of memory" }, 0);
    assert.equal(endProgress(failed, { code: 1, stopped: true }).outcome, "failed");
    assert.equal(statusBarText(failed, 0), "$(error) Fast: failed");
  });

  test("a resume starts the progress over", () => {
    const stopped = endProgress(fold([started(), searchStart, evaluation(0)]), { code: 130, stopped: true });
    const again = advance(stopped, started(1), 0);
    assert.deepEqual(again, { ...startProgress("/runs/r", "Fast"), evaluations: 1 });
  });
});

describe("durations", () => {
  test("seconds, minutes and hours", () => {
    assert.deepEqual([0.4, 42, 59.6, 187, 3729].map(formatDuration), [
      "0s",
      "42s",
      "1:00",
      "3:07",
      "1:02:09",
    ]);
  });
});
