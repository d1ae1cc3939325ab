// Ridge regression in closed form: w = (XcᵀXc + λI)⁻¹ Xcᵀyc on centred data, with an unpenalised
// intercept. The Gram matrix is built once per training set so every λ tried reuses it.
import type { SparseRow } from "./features";
import { solveSpd } from "./linalg";

export interface LinearModel {
  readonly weights: Float64Array;
  readonly intercept: number;
}

export function predictLinear(model: LinearModel, row: SparseRow): number {
  let sum = model.intercept;
  for (let k = 0; k < row.index.length; k++) sum += model.weights[row.index[k]] * row.value[k];
  return sum;
}

export class RidgeSystem {
  private readonly gram: Float64Array;
  private readonly moment: Float64Array;
  private readonly featureSums: Float64Array;
  private readonly targetSum: number;
  private readonly n: number;

  constructor(
    rows: readonly SparseRow[],
    targets: readonly number[],
    private readonly features: number,
  ) {
    const p = features;
    this.n = rows.length;
    this.gram = new Float64Array(p * p);
    this.moment = new Float64Array(p);
    this.featureSums = new Float64Array(p);
    let targetSum = 0;
    rows.forEach((row, r) => {
      targetSum += targets[r];
      for (let a = 0; a < row.index.length; a++) {
        const i = row.index[a];
        this.featureSums[i] += row.value[a];
        this.moment[i] += row.value[a] * targets[r];
        for (let b = 0; b < row.index.length; b++)
          this.gram[i * p + row.index[b]] += row.value[a] * row.value[b];
      }
    });
    this.targetSum = targetSum;
  }

  solve(lambda: number): LinearModel {
    const p = this.features;
    const n = this.n;
    const a = new Float64Array(p * p);
    const b = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      b[i] = this.moment[i] - (this.featureSums[i] * this.targetSum) / n;
      for (let j = 0; j < p; j++)
        a[i * p + j] = this.gram[i * p + j] - (this.featureSums[i] * this.featureSums[j]) / n;
      a[i * p + i] += lambda;
    }
    const weights = solveSpd(a, b, p);
    let intercept = this.targetSum;
    for (let i = 0; i < p; i++) intercept -= this.featureSums[i] * weights[i];
    return { weights, intercept: intercept / n };
  }
}
