/** How well predicted latencies match measured ones: pure. */

/** Mean absolute percentage error of `predicted` against `measured` (in %); measured values must be positive. */
export function meanAbsolutePercentageError(
  measured: readonly number[],
  predicted: readonly number[],
): number {
  checkPaired(measured, predicted);
  if (measured.some((m) => !(m > 0))) throw new RangeError("MAPE needs positive measured values");
  const total = measured.reduce((sum, m, i) => sum + Math.abs(predicted[i] - m) / m, 0);
  return (100 * total) / measured.length;
}

/**
 * Kendall's τ-b between two rankings (ties counted as neither concordant nor discordant, and
 * corrected for): 1 when the prediction orders the subnets as the measurement does. O(n²);
 * null when either side is constant.
 */
export function kendallTauB(a: readonly number[], b: readonly number[]): number | null {
  checkPaired(a, b);
  let concordance = 0;
  let untiedA = 0;
  let untiedB = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const da = Math.sign(a[i] - a[j]);
      const db = Math.sign(b[i] - b[j]);
      concordance += da * db;
      untiedA += Math.abs(da);
      untiedB += Math.abs(db);
    }
  }
  return untiedA === 0 || untiedB === 0 ? null : concordance / Math.sqrt(untiedA * untiedB);
}

function checkPaired(a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length || a.length === 0)
    throw new RangeError(`need paired, non-empty values (got ${a.length} and ${b.length})`);
}
