/** Order statistics of timing samples: pure, no clock. */

export interface SampleSummary {
  readonly count: number;
  readonly median: number;
  /** 10th and 90th percentiles: the spread without the rare outliers a busy machine adds. */
  readonly p10: number;
  readonly p90: number;
  /** Quartiles and their distance (interquartile range). */
  readonly q1: number;
  readonly q3: number;
  readonly iqr: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** The q-quantile of ascending values, interpolating between the closest ranks (R's type 7, NumPy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no values");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function summarizeSamples(samples: readonly number[]): SampleSummary {
  if (samples.length === 0) throw new RangeError("no samples to summarise");
  const sorted = [...samples].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return {
    count: sorted.length,
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    q1,
    q3,
    iqr: q3 - q1,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/**
 * The figure a latency is given as. The median is the usual one; on a busy machine the scheduler
 * preempts long runs more often than short ones, which inflates medians of whole networks more
 * than those of single ops, while the 10th percentile and the minimum stay near the uncontended
 * time (and stay additive over layers).
 */
export const LATENCY_STATISTICS = ["median", "p10", "min"] as const;
export type LatencyStatistic = (typeof LATENCY_STATISTICS)[number];

/**
 * What tables and latency meters use unless told otherwise. Measured on a 2-core machine under
 * load average ~10 (bench/latency.ts): tables on the 10th percentile predicted whole subnets
 * within 6–7% (Kendall's τ 0.93–0.98), tables on the median within 9–25%.
 */
export const DEFAULT_STATISTIC: LatencyStatistic = "p10";
