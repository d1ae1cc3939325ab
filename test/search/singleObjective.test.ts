import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Prng } from "../../server/search/prng";
import { randomSearch } from "../../server/search/random";
import { singleObjectiveSearch } from "../../server/search/singleObjective";
import type { Evaluation, Genome, SearchProblem } from "../../server/search/types";

/** A multiple-choice knapsack: 10 genes of 3 choices, maximise value under a weight limit. */
function knapsack() {
  const rng = Prng.fromSeed(3);
  const genes = 10;
  const choices = 3;
  const values = Array.from({ length: genes }, () => Array.from({ length: choices }, () => rng.next()));
  const weights = Array.from({ length: genes }, () => Array.from({ length: choices }, () => rng.next()));
  const value = (g: Genome): number => g.reduce((s, c, i) => s + values[i][c], 0);
  const weight = (g: Genome): number => g.reduce((s, c, i) => s + weights[i][c], 0);
  const limit = 4;
  let optimum = -Infinity;
  for (let code = 0; code < choices ** genes; code++) {
    const g = Array.from({ length: genes }, (_, i) => Math.floor(code / choices ** i) % choices);
    if (weight(g) <= limit) optimum = Math.max(optimum, value(g));
  }
  const problem: SearchProblem = {
    genes: Array.from({ length: genes }, () => ({ kind: "categorical", cardinality: choices }) as const),
    senses: ["max"],
  };
  const evaluate = async (batch: readonly Genome[]) =>
    batch.map((g) => ({ objectives: [value(g)], violation: Math.max(0, weight(g) - limit) }));
  return { problem, evaluate, optimum };
}

const bestFeasible = (evaluations: readonly Evaluation[]): number =>
  Math.max(...evaluations.filter((e) => e.violation === 0).map((e) => e.objectives[0]));

describe("constrained single-objective search", () => {
  test("finds the brute-force optimum of a constrained knapsack with 600 of 59 049 evaluations", async () => {
    const { problem, evaluate, optimum } = knapsack();
    for (const seed of [1, 2, 3]) {
      const r = await singleObjectiveSearch(problem, { populationSize: 20, budget: 600, seed, evaluate });
      assert.equal(r.evaluations.length, 600);
      assert.ok(Math.abs(bestFeasible(r.evaluations) - optimum) < 1e-12, `seed ${seed}`);
      assert.equal(r.front.length, 1);
      assert.equal(r.front[0].objectives[0], bestFeasible(r.evaluations));
      // Elitism: the final population is the best 20 evaluated, best first.
      assert.equal(r.population[0].objectives[0], optimum);
    }
  });

  test("beats random search at the same budget", async () => {
    const { problem, evaluate } = knapsack();
    const ga = await singleObjectiveSearch(problem, { populationSize: 20, budget: 300, seed: 4, evaluate });
    const random = await randomSearch(problem, { batchSize: 20, budget: 300, seed: 4, evaluate });
    const randomBest = random.evaluations.some((e) => e.violation === 0)
      ? bestFeasible(random.evaluations)
      : -Infinity;
    assert.ok(bestFeasible(ga.evaluations) > randomBest);
  });

  test("minimises too, and refuses more than one objective", async () => {
    const { problem, evaluate } = knapsack();
    const r = await singleObjectiveSearch(
      { ...problem, senses: ["min"] },
      { populationSize: 10, budget: 200, seed: 1, evaluate, tournamentSize: 3 },
    );
    const feasible = r.evaluations.filter((e) => e.violation === 0).map((e) => e.objectives[0]);
    assert.equal(r.population[0].violation, 0);
    assert.equal(r.population[0].objectives[0], Math.min(...feasible));
    await assert.rejects(
      singleObjectiveSearch(
        { ...problem, senses: ["max", "min"] },
        { populationSize: 10, budget: 10, seed: 1, evaluate },
      ),
      RangeError,
    );
  });
});
