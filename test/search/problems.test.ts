import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { hypervolume } from "../../server/search/hypervolume";
import { invertedGenerationalDistance } from "../../server/search/igd";
import { curveFrontHypervolume, testProblem, testProblemNames } from "../../server/search/problems";

describe("test problems", () => {
  test("known true-front hypervolumes at the stated reference points", () => {
    assert.equal(testProblem("zdt1").trueHypervolume, 2 / 3);
    assert.equal(testProblem("zdt2").trueHypervolume, 1 / 3);
    assert.equal(testProblem("dtlz2").trueHypervolume, 1 - Math.PI / 6);
    assert.deepEqual(testProblem("zdt1").reference, [1, 1]);
    assert.deepEqual(testProblem("dtlz2").reference, [1, 1, 1]);
  });

  test("the numeric front integral agrees with the closed forms", () => {
    assert.ok(Math.abs(curveFrontHypervolume((a) => 1 - Math.sqrt(a), 0) - 2 / 3) < 1e-6);
    assert.ok(Math.abs(curveFrontHypervolume((a) => 1 - a * a, 0) - 1 / 3) < 1e-6);
    const zdt6 = testProblem("zdt6");
    const start = Math.min(...zdt6.trueFront().map((p) => p[0]));
    assert.ok(Math.abs(start - 0.2807753191) < 1e-8, `ZDT6 front starts at ${start}`);
    assert.ok(Math.abs(curveFrontHypervolume((a) => 1 - a * a, start) - zdt6.trueHypervolume) < 1e-6);
  });

  test("Pareto-optimal decision vectors land on the sampled true front", () => {
    for (const name of testProblemNames) {
      const problem = testProblem(name);
      const front = problem.trueFront();
      const optimalTail = name === "dtlz2" ? 0.5 : 0;
      const free = name === "dtlz2" ? 2 : 1;
      for (const t of [0, 0.1, 0.37, 0.8, 1]) {
        const x = problem.genes.map((_, i) => (i < free ? t : optimalTail));
        const f = problem.objectives(x);
        // On the curve (or sphere), so the distance to a dense sample of it is small.
        const distance = invertedGenerationalDistance(front, [f]);
        if (name === "zdt3") continue; // most of ZDT3's curve is dominated, hence not in its front
        assert.ok(distance < 0.02, `${name} at t=${t}: ${f} is ${distance} from the front`);
      }
    }
  });

  test("the sampled fronts' hypervolume approaches the true value from below", () => {
    for (const name of testProblemNames) {
      const problem = testProblem(name);
      const sampled = hypervolume(problem.trueFront(), problem.reference);
      const ratio = sampled / problem.trueHypervolume;
      // A 1000-point curve sample loses little; an 861-point sphere sample loses a few percent.
      const floor = problem.reference.length === 2 ? 0.995 : 0.95;
      assert.ok(ratio <= 1 + 1e-12 && ratio > floor, `${name}: ${ratio}`);
    }
  });

  test("IGD is 0 on the sample itself and grows with distance", () => {
    const front = testProblem("zdt1").trueFront();
    assert.equal(invertedGenerationalDistance(front, front), 0);
    const shifted = (by: number): number[][] => front.map(([a, b]) => [a, b + by]);
    const near = invertedGenerationalDistance(shifted(0.1), front);
    const far = invertedGenerationalDistance(shifted(0.2), front);
    assert.ok(near > 0 && near <= 0.1 + 1e-12 && far > near, `${near} ${far}`);
    assert.equal(invertedGenerationalDistance([], front), Infinity);
  });

  test("unknown problems are named in the error", () => {
    assert.throws(() => testProblem("zdt9"), /unknown problem "zdt9"/);
  });
});
