/** The terminal progress line: progress and ETA from the run's events. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ProgressSink } from "../../server/cli/progress";

/** What a TTY progress sink prints for a 2 × 10-step training resumed at `resumedAt`, then one step event. */
function progressAfter(
  resumedAt: number,
  step: { epoch: number; step: number; stepInEpoch: number },
  seconds: number,
): string {
  let now = 0;
  let out = "";
  const sink = new ProgressSink(
    (text) => (out += text),
    true,
    () => now,
  );
  sink.emit({ type: "train-start", epochs: 2, stepsPerEpoch: 10, resumedAt, weights: 100 });
  now = seconds * 1000;
  sink.emit({
    type: "train-step",
    ...step,
    learningRate: 0.1,
    imagesPerSecond: 100,
    metrics: { largest: { loss: 1, accuracy: 0.5 } },
  });
  return out;
}

test("training progress counts steps by step number (step events come every few steps), not by events", () => {
  const out = progressAfter(0, { epoch: 0, step: 4, stepInEpoch: 4 }, 5);
  // 5 of 20 steps in 5 s: 25% done, 15 s to go.
  assert.match(out, /25%/);
  assert.match(out, /ETA 15s/);
});

test("a resumed training counts from the step it resumed at", () => {
  const out = progressAfter(1, { epoch: 1, step: 11, stepInEpoch: 1 }, 2);
  // 2 of the 10 remaining steps in 2 s: 8 s to go.
  assert.match(out, /20%/);
  assert.match(out, /ETA 8s/);
});
