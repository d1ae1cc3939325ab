/**
 * How well predicted values agree with actual ones: shared by the search's predictors (accuracy,
 * latency, …) and the engine's latency table. Pure.
 */

/** Root-mean-square error. */
export function rmse(actual: readonly number[], predicted: readonly number[]): number {
  checkPaired(actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (actual[i] - predicted[i]) ** 2;
  return Math.sqrt(sum / actual.length);
}

/** Mean absolute percentage error (in %), over the points whose actual value is not 0; null if none. */
export function mape(actual: readonly number[], predicted: readonly number[]): number | null {
  checkPaired(actual, predicted);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) continue;
    sum += Math.abs((actual[i] - predicted[i]) / actual[i]);
    count++;
  }
  return count === 0 ? null : (100 * sum) / count;
}

/**
 * Kendall's τ-b between two rankings (ties count as neither concordant nor discordant, and are
 * corrected for): 1 when one orders the points as the other does. O(n²); null when either side
 * is constant.
 */
export function kendallTau(a: readonly number[], b: readonly number[]): number | null {
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
