/**
 * Series of (x, y) points kept sorted by x with one point per x: adding a point at an x already
 * present replaces it, so the same event seen twice (a replayed log overlapping live events, a
 * resumed run repeating its last epoch) leaves the series as if seen once.
 */
export type Point = readonly [number, number];
export type Series = Point[];

export function upsert(series: Series, x: number, y: number): void {
  const last = series[series.length - 1];
  if (!last || last[0] < x) {
    series.push([x, y]);
    return;
  }
  let lo = 0;
  let hi = series.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (series[mid][0] < x) lo = mid + 1;
    else hi = mid;
  }
  if (series[lo]?.[0] === x) series[lo] = [x, y];
  else series.splice(lo, 0, [x, y]);
}

/**
 * TensorBoard-style smoothing: an exponential moving average with `weight` in [0, 1), debiased
 * so the first points are not pulled toward zero.
 */
export function smooth(series: readonly Point[], weight: number): Point[] {
  if (weight <= 0) return series.slice();
  let average = 0;
  let count = 0;
  return series.map(([x, y]) => {
    if (!Number.isFinite(y)) return [x, y] as const;
    average = average * weight + (1 - weight) * y;
    count++;
    return [x, average / (1 - weight ** count)] as const;
  });
}
