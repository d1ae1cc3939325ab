/** Timing loops with the clock and the work injected, so their logic is testable without time. */
import { Rng } from "../data/rng";

/** Milliseconds from an arbitrary origin. */
export type Clock = () => number;

export interface TimingOptions {
  /** Untimed runs of each candidate first: lazy initialisation, kernel compilation, caches. */
  readonly warmup: number;
  /** Timed runs of each candidate. */
  readonly runs: number;
  readonly clock?: Clock;
}

export const DEFAULT_TIMING: TimingOptions = { warmup: 10, runs: 50 };

/** Runs `run` warmup + runs times, one after the other, and returns the duration of each timed run (ms). */
export async function timeRuns(run: () => Promise<void>, options: TimingOptions): Promise<number[]> {
  const [durations] = await timeInterleaved([run], options);
  return durations;
}

/**
 * Times several candidates against each other: after each one's warm-up, every round runs each
 * candidate once, in a new random order, so a busy spell of the machine (other processes, GC)
 * falls on all of them alike rather than on whichever was being timed. Returns, per candidate,
 * the duration of each of its timed runs (ms).
 */
export async function timeInterleaved(
  runs: readonly (() => Promise<void>)[],
  options: TimingOptions,
  seed = 0,
): Promise<number[][]> {
  if (!Number.isInteger(options.warmup) || options.warmup < 0)
    throw new RangeError(`warmup must be a whole number ≥ 0, got ${options.warmup}`);
  if (!Number.isInteger(options.runs) || options.runs < 1)
    throw new RangeError(`runs must be a whole number ≥ 1, got ${options.runs}`);
  const clock = options.clock ?? (() => performance.now());
  for (const run of runs) for (let i = 0; i < options.warmup; i++) await run();
  const durations = runs.map((): number[] => []);
  const rng = Rng.fromSeed(seed);
  const order = Uint32Array.from(runs.keys());
  for (let round = 0; round < options.runs; round++) {
    for (const i of rng.shuffle(order)) {
      const start = clock();
      await runs[i]();
      durations[i].push(clock() - start);
    }
  }
  return durations;
}
