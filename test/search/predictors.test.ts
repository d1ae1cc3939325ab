import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { regressionMetrics } from "../../server/search/predictors/metrics";
import { rmse } from "../../server/stats/agreement";
import { trainPredictor } from "../../server/search/predictors/predictor";
import { solveSvr } from "../../server/search/predictors/svr";
import { Prng } from "../../server/search/prng";
import type { GeneSpec, Genome } from "../../server/search/types";

const categorical = (n: number, cardinality: number): GeneSpec[] =>
  Array.from({ length: n }, () => ({ kind: "categorical", cardinality }));
const sampleGenomes = (genes: readonly GeneSpec[], n: number, rng: Prng): number[][] =>
  Array.from({ length: n }, () =>
    genes.map((g) => (g.kind === "categorical" ? rng.int(0, g.cardinality) : rng.next())),
  );

/** A per-choice additive function of the genes: exactly linear in the one-hot features. */
function additive(genes: readonly GeneSpec[], rng: Prng): (g: Genome) => number {
  const w = genes.map((g) =>
    Array.from({ length: g.kind === "categorical" ? g.cardinality : 1 }, () => rng.gaussian()),
  );
  return (g) => 3 + g.reduce((s, c, i) => s + w[i][c], 0);
}

describe("ε-SVR solver", () => {
  test("with a linear kernel on 1-D data it fits a line within ε", () => {
    const xs = [0, 1, 2, 3, 4, 5];
    const ys = xs.map((x) => 0.5 * x - 1);
    const kernel = new Float64Array(36).map((_, k) => xs[Math.floor(k / 6)] * xs[k % 6]);
    const { coefficients, bias } = solveSvr(kernel, ys, 100, 0.01);
    const predict = (x: number): number => coefficients.reduce((s, c, i) => s + c * xs[i] * x, bias);
    xs.forEach((x, i) => assert.ok(Math.abs(predict(x) - ys[i]) <= 0.01 + 1e-3, `x=${x}: ${predict(x)}`));
    // Dual feasibility: Σ(α − α*) = 0 and |α − α*| ≤ C.
    assert.ok(Math.abs(coefficients.reduce((a, b) => a + b, 0)) < 1e-9);
    assert.ok(coefficients.every((c) => Math.abs(c) <= 100 + 1e-9));
  });
});

describe("predictor training with k-fold model selection", () => {
  test("ridge recovers a linear function of one-hot choices, and cross-validation picks it", () => {
    const rng = Prng.fromSeed(1);
    const genes = categorical(10, 4);
    const f = additive(genes, rng);
    const train = sampleGenomes(genes, 150, rng);
    const { predictor, report } = trainPredictor(genes, train, train.map(f), { rng });
    assert.equal(report.chosen.model, "ridge");
    assert.equal(report.folds, 5);
    assert.equal(report.points, 150);
    assert.equal(report.candidates.length, 6 + 9);
    assert.ok(
      report.heldOut !== null && report.heldOut.rmse < 0.01 && (report.heldOut.kendallTau ?? 0) > 0.99,
    );
    const unseen = sampleGenomes(genes, 200, rng);
    const m = regressionMetrics(
      unseen.map(f),
      unseen.map((g) => predictor.predict(g)),
    );
    assert.ok(m.rmse < 0.01, `held-out RMSE ${m.rmse}`);
  });

  test("the RBF SVR beats ridge on a non-linear function", () => {
    const rng = Prng.fromSeed(5);
    const genes = categorical(6, 3);
    const linear = additive(genes, rng);
    const f = (g: Genome): number => (linear(g) - 3) ** 2; // a bowl: not monotone in any gene
    const train = sampleGenomes(genes, 200, rng);
    const unseen = sampleGenomes(genes, 300, rng);
    const score = (models: ("ridge" | "svr")[]) => {
      const { predictor, report } = trainPredictor(genes, train, train.map(f), {
        rng: Prng.fromSeed(1),
        models,
      });
      return {
        report,
        test: regressionMetrics(
          unseen.map(f),
          unseen.map((g) => predictor.predict(g)),
        ),
      };
    };
    const ridge = score(["ridge"]);
    const svr = score(["svr"]);
    assert.ok(svr.test.rmse < 0.5 * ridge.test.rmse, `SVR ${svr.test.rmse} vs ridge ${ridge.test.rmse}`);
    assert.ok((svr.test.kendallTau ?? 0) > (ridge.test.kendallTau ?? 0) + 0.3);
    // Given both, cross-validation chooses the SVR.
    assert.equal(score(["ridge", "svr"]).report.chosen.model, "svr");
  });

  test("continuous genes: the SVR fits a sine", () => {
    const rng = Prng.fromSeed(2);
    const genes: GeneSpec[] = [{ kind: "continuous", lo: 0, hi: 1 }];
    const f = (g: Genome): number => Math.sin(2 * Math.PI * g[0]);
    const xs = sampleGenomes(genes, 80, rng);
    const { predictor } = trainPredictor(genes, xs, xs.map(f), { rng });
    const grid = Array.from({ length: 101 }, (_, i) => [i / 100]);
    assert.ok(
      rmse(
        grid.map(f),
        grid.map((g) => predictor.predict(g)),
      ) < 0.06,
    );
  });

  test("too few points to cross-validate: a regularised ridge and no held-out report", () => {
    const genes = categorical(3, 2);
    const { predictor, report } = trainPredictor(
      genes,
      [
        [0, 1, 0],
        [1, 1, 1],
        [0, 0, 0],
      ],
      [1, 2, 3],
      { rng: Prng.fromSeed(1) },
    );
    assert.equal(report.folds, 0);
    assert.equal(report.heldOut, null);
    assert.ok(Number.isFinite(predictor.predict([1, 0, 1])));
  });

  test("training is deterministic given the generator's seed", () => {
    const genes = categorical(5, 3);
    const data = sampleGenomes(genes, 60, Prng.fromSeed(8));
    const f = additive(genes, Prng.fromSeed(9));
    const once = trainPredictor(
      genes,
      data,
      data.map((g) => f(g) ** 2),
      { rng: Prng.fromSeed(3) },
    );
    const again = trainPredictor(
      genes,
      data,
      data.map((g) => f(g) ** 2),
      { rng: Prng.fromSeed(3) },
    );
    assert.deepEqual(once.report, again.report);
  });
});
