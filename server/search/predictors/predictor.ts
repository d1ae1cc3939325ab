// Trains a predictor of one target from evaluated genomes: k-fold cross-validation over ridge
// (λ grid) and RBF ε-SVR (C, ε, γ grid) picks the model with the smallest out-of-fold RMSE, which is
// then refitted on all points. Targets are standardised inside every fit.
import type { Prng } from "../prng";
import type { GeneSpec, Genome } from "../types";
import { encode, featureCount, featureDistance } from "./features";
import type { SparseRow } from "./features";
import { rmse } from "../../stats/agreement";
import { regressionMetrics } from "./metrics";
import type { ModelSpec, PredictorReport } from "./report";
import { predictLinear, RidgeSystem } from "./ridge";
import { solveSvr } from "./svr";

export type ModelKind = ModelSpec["model"];

export interface Predictor {
  readonly spec: ModelSpec;
  predict(genome: Genome): number;
}

export interface TrainOptions {
  readonly rng: Prng;
  readonly folds?: number;
  /** Model families cross-validation may choose from (default both). */
  readonly models?: readonly ModelKind[];
}

const LAMBDAS = [1e-3, 1e-2, 1e-1, 1, 10, 100];
const SVR_C = [1, 10, 100];
/** ε on standardised targets: errors within 5% of a standard deviation cost nothing. */
const SVR_EPSILON = [0.05];
/** γ as multiples of 1 / (mean squared feature distance), like scikit-learn's gamma="scale". */
const SVR_GAMMA_SCALE = [0.25, 1, 4];

/** Everything derived from the training data once, shared by all folds and candidates. */
interface Data {
  readonly genes: readonly GeneSpec[];
  readonly genomes: readonly Genome[];
  readonly targets: readonly number[];
  readonly rows: readonly SparseRow[];
  readonly distance: Float64Array; // n×n squared feature distances
}

export function trainPredictor(
  genes: readonly GeneSpec[],
  genomes: readonly Genome[],
  targets: readonly number[],
  options: TrainOptions,
): { predictor: Predictor; report: PredictorReport } {
  const n = genomes.length;
  if (n === 0 || n !== targets.length)
    throw new RangeError("a predictor needs as many targets as genomes (> 0)");
  const data = prepare(genes, genomes, targets);
  const candidates = candidateSpecs(data, options.models ?? ["ridge", "svr"]);
  const folds = Math.min(options.folds ?? 5, Math.floor(n / 2));
  if (folds < 2) {
    // Too few points to cross-validate: the most regularised ridge, reported without held-out data.
    const spec: ModelSpec = { model: "ridge", lambda: LAMBDAS[LAMBDAS.length - 1] };
    return {
      predictor: finalPredictor(data, spec),
      report: { chosen: spec, folds: 0, points: n, heldOut: null, candidates: [] },
    };
  }
  const foldOf = options.rng.shuffle([...Array(n).keys()]).reduce<number[]>((acc, point, position) => {
    acc[point] = position % folds;
    return acc;
  }, []);
  const scored = candidates.map((spec) => {
    const predictions = outOfFold(data, spec, foldOf, folds);
    return { spec, predictions, rmse: rmse(targets, predictions) };
  });
  const best = scored.reduce((a, b) => (b.rmse < a.rmse ? b : a));
  return {
    predictor: finalPredictor(data, best.spec),
    report: {
      chosen: best.spec,
      folds,
      points: n,
      heldOut: regressionMetrics(targets, best.predictions),
      candidates: scored.map(({ spec, rmse }) => ({ spec, rmse })),
    },
  };
}

function prepare(genes: readonly GeneSpec[], genomes: readonly Genome[], targets: readonly number[]): Data {
  const n = genomes.length;
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = featureDistance(genes, genomes[i], genomes[j]);
      distance[i * n + j] = d;
      distance[j * n + i] = d;
    }
  }
  return { genes, genomes, targets, rows: genomes.map((g) => encode(genes, g)), distance };
}

function candidateSpecs(data: Data, models: readonly ModelKind[]): ModelSpec[] {
  const specs: ModelSpec[] = [];
  if (models.includes("ridge")) for (const lambda of LAMBDAS) specs.push({ model: "ridge", lambda });
  if (models.includes("svr")) {
    const n = data.genomes.length;
    let sum = 0;
    for (const d of data.distance) sum += d;
    const meanDistance = n > 1 ? sum / (n * (n - 1)) : 1;
    const unit = meanDistance > 0 ? 1 / meanDistance : 1;
    for (const c of SVR_C) {
      for (const epsilon of SVR_EPSILON) {
        for (const scale of SVR_GAMMA_SCALE) specs.push({ model: "svr", c, epsilon, gamma: scale * unit });
      }
    }
  }
  if (specs.length === 0) throw new RangeError("no predictor model to choose from");
  return specs;
}

/** Every point predicted by the model fitted on the other folds. */
function outOfFold(data: Data, spec: ModelSpec, foldOf: readonly number[], folds: number): number[] {
  const predictions = new Array<number>(foldOf.length);
  for (let f = 0; f < folds; f++) {
    const fitted = fit(
      data,
      spec,
      foldOf.flatMap((g, i) => (g === f ? [] : [i])),
    );
    foldOf.forEach((g, i) => {
      if (g === f) predictions[i] = fitted.predictIndex(i);
    });
  }
  return predictions;
}

/** Mean and standard deviation of the targets at `indices` (sd 1 when they are constant). */
function scaling(targets: readonly number[], indices: readonly number[]): { mean: number; sd: number } {
  const mean = indices.reduce((s, i) => s + targets[i], 0) / indices.length;
  const variance = indices.reduce((s, i) => s + (targets[i] - mean) ** 2, 0) / indices.length;
  return { mean, sd: variance > 0 ? Math.sqrt(variance) : 1 };
}

/** A model fitted on some of the data, able to predict a data point (by index) or any genome. */
interface Fitted {
  readonly predictIndex: (index: number) => number;
  readonly predictGenome: (genome: Genome) => number;
}

function fit(data: Data, spec: ModelSpec, train: readonly number[]): Fitted {
  const { mean, sd } = scaling(data.targets, train);
  const z = train.map((i) => (data.targets[i] - mean) / sd);
  if (spec.model === "ridge") {
    const rows = train.map((i) => data.rows[i]);
    const model = new RidgeSystem(rows, z, featureCount(data.genes)).solve(spec.lambda);
    return {
      predictIndex: (index) => mean + sd * predictLinear(model, data.rows[index]),
      predictGenome: (genome) => mean + sd * predictLinear(model, encode(data.genes, genome)),
    };
  }
  const m = train.length;
  const n = data.genomes.length;
  const kernel = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    kernel[a * m + a] = 1;
    for (let b = a + 1; b < m; b++) {
      kernel[a * m + b] = kernel[b * m + a] = Math.exp(-spec.gamma * data.distance[train[a] * n + train[b]]);
    }
  }
  const { coefficients, bias } = solveSvr(kernel, z, spec.c, spec.epsilon);
  const support = train.flatMap((point, a) =>
    coefficients[a] !== 0 ? [{ point, weight: coefficients[a] }] : [],
  );
  const predictBy = (squaredDistance: (point: number) => number): number => {
    let sum = bias;
    for (const s of support) sum += s.weight * Math.exp(-spec.gamma * squaredDistance(s.point));
    return mean + sd * sum;
  };
  return {
    predictIndex: (index) => predictBy((point) => data.distance[index * n + point]),
    predictGenome: (genome) => predictBy((point) => featureDistance(data.genes, data.genomes[point], genome)),
  };
}

/** Refits `spec` on all points. */
function finalPredictor(data: Data, spec: ModelSpec): Predictor {
  const fitted = fit(data, spec, [...data.genomes.keys()]);
  return { spec, predict: fitted.predictGenome };
}
