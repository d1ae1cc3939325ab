// Regression quality measures reported for every predictor.
import type { RegressionMetrics } from "./report";

export function rmse(actual: readonly number[], predicted: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (actual[i] - predicted[i]) ** 2;
  return Math.sqrt(sum / actual.length);
}

export function mape(actual: readonly number[], predicted: readonly number[]): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) continue;
    sum += Math.abs((actual[i] - predicted[i]) / actual[i]);
    count++;
  }
  return count === 0 ? null : (100 * sum) / count;
}

/** Kendall's τ-b (accounts for ties), O(n²). */
export function kendallTau(x: readonly number[], y: readonly number[]): number | null {
  let balance = 0;
  let tiedX = 0;
  let tiedY = 0;
  let pairs = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      pairs++;
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      balance += dx * dy;
    }
  }
  const denominator = Math.sqrt((pairs - tiedX) * (pairs - tiedY));
  return denominator === 0 ? null : balance / denominator;
}

export function regressionMetrics(
  actual: readonly number[],
  predicted: readonly number[],
): RegressionMetrics {
  return {
    points: actual.length,
    mape: mape(actual, predicted),
    rmse: rmse(actual, predicted),
    kendallTau: kendallTau(predicted, actual),
  };
}
