import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { quantile, summarizeSamples } from "../../server/engine/latency/statistics";
import { DEFAULT_TIMING, timeInterleaved, timeRuns } from "../../server/engine/latency/timer";
import { predictionError } from "../../server/engine/latency/table-error";

describe("latency statistics", () => {
  test("quantiles interpolate between ranks as NumPy's default does", () => {
    const sorted = [1, 2, 3, 4, 10];
    assert.equal(quantile(sorted, 0), 1);
    assert.equal(quantile(sorted, 0.5), 3);
    assert.equal(quantile(sorted, 1), 10);
    assert.ok(Math.abs(quantile(sorted, 0.9) - 7.6) < 1e-12);
    assert.equal(quantile([5], 0.3), 5);
    assert.throws(() => quantile([], 0.5), RangeError);
  });

  test("a summary of unsorted samples: median, p10/p90, quartiles and IQR", () => {
    const s = summarizeSamples([9, 1, 5, 3, 7, 2, 8, 4, 6, 10]);
    assert.deepEqual(s, {
      count: 10,
      median: 5.5,
      p10: 1.9,
      p90: 9.1,
      q1: 3.25,
      q3: 7.75,
      iqr: 4.5,
      mean: 5.5,
      min: 1,
      max: 10,
    });
  });

  test("the summary's order statistics are ordered for any samples", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (samples) => {
          const s = summarizeSamples(samples);
          assert.ok(
            s.min <= s.p10 &&
              s.p10 <= s.q1 &&
              s.q1 <= s.median &&
              s.median <= s.q3 &&
              s.q3 <= s.p90 &&
              s.p90 <= s.max,
          );
          assert.ok(s.iqr >= 0 && s.min <= s.mean && s.mean <= s.max + 1e-9);
        },
      ),
    );
  });
});

describe("prediction error", () => {
  test("predictionError pairs MAPE with τ of the prediction against the measurement", () => {
    assert.deepEqual(predictionError([1, 2, 4], [1.5, 2, 3]), { mape: (50 + 0 + 25) / 3, kendallTau: 1 });
    assert.throws(() => predictionError([0, 1], [1, 1]), RangeError);
  });
});

describe("the timing loop", () => {
  test("warms up untimed, then times each run with the injected clock", async () => {
    let now = 0;
    let calls = 0;
    const run = async (): Promise<void> => {
      calls++;
      now += calls; // the n-th call takes n ms
    };
    const durations = await timeRuns(run, { warmup: 3, runs: 4, clock: () => now });
    assert.equal(calls, 7);
    assert.deepEqual(durations, [4, 5, 6, 7]);
  });

  test("awaits each run before the clock is read again", async () => {
    let now = 0;
    const run = (): Promise<void> =>
      new Promise((resolve) =>
        setImmediate(() => {
          now += 2;
          resolve();
        }),
      );
    assert.deepEqual(await timeRuns(run, { warmup: 1, runs: 3, clock: () => now }), [2, 2, 2]);
  });

  test("interleaves candidates: each round runs every one once, in varying order, after all warm-ups", async () => {
    let now = 0;
    const calls: number[] = [];
    const candidates = [0, 1, 2].map((i) => async (): Promise<void> => {
      calls.push(i);
      now += i + 1; // candidate i takes i + 1 ms
    });
    const durations = await timeInterleaved(candidates, { warmup: 2, runs: 6, clock: () => now }, 9);
    assert.deepEqual(durations, [Array(6).fill(1), Array(6).fill(2), Array(6).fill(3)]);
    assert.deepEqual(calls.slice(0, 6), [0, 0, 1, 1, 2, 2]);
    const rounds = Array.from({ length: 6 }, (_, r) => calls.slice(6 + 3 * r, 9 + 3 * r));
    for (const round of rounds) assert.deepEqual([...round].sort(), [0, 1, 2]);
    assert.ok(new Set(rounds.map((r) => r.join())).size > 1, "the order changes between rounds");
  });

  test("rejects impossible settings", async () => {
    const run = async (): Promise<void> => {};
    await assert.rejects(timeRuns(run, { warmup: -1, runs: 3 }), RangeError);
    await assert.rejects(timeRuns(run, { ...DEFAULT_TIMING, runs: 0 }), RangeError);
  });
});
