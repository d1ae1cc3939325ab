// Regression quality measures reported for every predictor.
import { kendallTau, mape, rmse } from "../../stats/agreement";
import type { RegressionMetrics } from "./report";

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
