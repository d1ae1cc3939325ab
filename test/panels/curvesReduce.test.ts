import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { emptyCurves, reduceCurves } from "../../webview/curves/reduce";
import { quickRun } from "./events";

describe("reduceCurves", () => {
  const events = quickRun();

  test("a replayed log and the same events one by one give the same state", () => {
    const replayed = reduceCurves(emptyCurves(), events);
    const live = events.reduce((s, e) => reduceCurves(s, [e]), emptyCurves());
    assert.deepEqual(live, replayed);
  });

  test("events seen twice (a replay overlapping live events) change nothing", () => {
    const once = reduceCurves(emptyCurves(), events);
    const half = Math.floor(events.length / 2);
    const overlapped = reduceCurves(reduceCurves(emptyCurves(), events), events.slice(half));
    assert.deepEqual(overlapped, once);
  });

  test("loss and accuracy per sampled kind by step, accuracy in percent, epoch means where the epoch ends", () => {
    const s = reduceCurves(emptyCurves(), events);
    const steps = events.filter((e) => e.type === "train-step");
    assert.equal(s.loss.largest.length, steps.length);
    assert.deepEqual(
      s.loss.largest.map(([x]) => x),
      steps.map((e) => e.step),
    );
    const first = steps[0];
    assert.equal(s.accuracy.smallest[0][1], first.metrics.smallest!.accuracy * 100);
    assert.equal(s.learningRate[0][1], first.learningRate);
    assert.equal(s.stepsPerEpoch, 46);
    assert.deepEqual(
      s.epochLoss.largest.map(([x]) => x),
      [46],
    );
    assert.equal(s.status, "finished");
    assert.equal(s.run?.space, "QuickFashion");
  });

  test("search progress: hypervolume per generation and the predictor's error", () => {
    const s = reduceCurves(emptyCurves(), events);
    const generations = events.filter((e) => e.type === "generation");
    assert.deepEqual(
      s.hypervolume.map(([x]) => x),
      generations.map((g) => g.generation),
    );
    assert.ok(Object.keys(s.predictorMape).length + Object.keys(s.checkMape).length > 0);
  });

  test("leaves the state it was given as it was", () => {
    const before = reduceCurves(emptyCurves(), events.slice(0, 10));
    const copy = structuredClone(before);
    reduceCurves(before, events.slice(10));
    assert.deepEqual(before, copy);
  });

  test("a failed run says why", () => {
    const s = reduceCurves(emptyCurves(), [
      events[0],
      { type: "run-failed", time: "t", message: "out of memory" },
    ]);
    assert.equal(s.status, "failed");
    assert.equal(s.message, "out of memory");
  });
});
