// What a person sees to decide whether to trust a predictor.

export type ModelSpec =
  | { readonly model: "ridge"; readonly lambda: number }
  | { readonly model: "svr"; readonly c: number; readonly epsilon: number; readonly gamma: number };

export interface RegressionMetrics {
  readonly points: number;
  /** Mean absolute percentage error in %, over targets that are not 0; null when all are. */
  readonly mape: number | null;
  readonly rmse: number;
  /** Kendall's τ-b between predicted and actual; null when either side is constant. */
  readonly kendallTau: number | null;
}

export interface PredictorReport {
  /** The model and hyper-parameters k-fold cross-validation chose. */
  readonly chosen: ModelSpec;
  readonly folds: number;
  readonly points: number;
  /** The chosen model's out-of-fold predictions, each point predicted by a model not trained on it;
   * null when there were too few points to hold any out. */
  readonly heldOut: RegressionMetrics | null;
  /** Cross-validated RMSE of every candidate tried. */
  readonly candidates: readonly { readonly spec: ModelSpec; readonly rmse: number }[];
}

/** Predictions made before evaluating a batch, compared with what was then measured. */
export type PredictionCheck = RegressionMetrics;
