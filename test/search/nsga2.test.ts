import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { runBenchmark } from "../../server/search/benchmark";
import { hypervolume } from "../../server/search/hypervolume";
import { nsga2 } from "../../server/search/nsga2";
import { minimised } from "../../server/search/pareto";
import type { Evaluation, Genome, SearchEvent, SearchProblem } from "../../server/search/types";
import { depthEvaluator, depthSpace, syntheticSupernet } from "./fixtures";

const hvOf = (problem: SearchProblem, evaluations: readonly Evaluation[]): number =>
  hypervolume(
    evaluations.filter((e) => e.violation === 0).map((e) => minimised(e.objectives, problem.senses)),
    minimised(problem.reference ?? [], problem.senses),
  );

describe("NSGA-II on standard problems (population 100, 200 generations, seed 1)", () => {
  // The front is the non-dominated set of all 20 000 evaluations; see benchmark.ts for why the
  // final population alone cannot come within 1.5% on ZDT2.
  for (const problem of ["zdt1", "zdt2"]) {
    test(`${problem}: the front's hypervolume is within 1.5% of the true front's`, async () => {
      const r = await runBenchmark({
        problem,
        strategy: "nsga2",
        population: 100,
        generations: 200,
        seed: 1,
      });
      assert.equal(r.evaluations, 20_000);
      assert.ok(
        r.front.ratio >= 0.985 && r.front.ratio <= 1,
        `${problem}: ${r.front.hypervolume} is ${r.front.ratio} of ${r.trueHypervolume}`,
      );
      assert.ok(r.front.igd < 0.01, `IGD ${r.front.igd}`);
    });
  }
});

describe("NSGA-II over categorical genes", () => {
  test("evaluates each canonical subnet once and stops when the space is exhausted", async () => {
    const problem = depthSpace();
    const r = await nsga2(problem, { populationSize: 8, budget: 1000, seed: 3, evaluate: depthEvaluator });
    const keys = r.evaluations.map((e) => e.genome.join(","));
    assert.equal(new Set(keys).size, keys.length, "a subnet was evaluated twice");
    for (const e of r.evaluations) assert.deepEqual(e.genome, problem.canonicalize?.(e.genome));
    assert.equal(r.evaluations.length, 39, "every one of the 39 canonical subnets, then stop");
  });

  test("never exceeds the budget and spends all of it on a large space", async () => {
    const { problem, evaluate } = syntheticSupernet();
    let asked = 0;
    const r = await nsga2(problem, {
      populationSize: 16,
      budget: 150,
      seed: 1,
      evaluate: async (batch) => {
        asked += batch.length;
        return evaluate(batch);
      },
    });
    assert.equal(asked, 150);
    assert.equal(r.evaluations.length, 150);
    assert.equal(r.population.length, 16);
  });

  test("constraint domination drives the population into the feasible region", async () => {
    const { problem, cost, accuracy } = syntheticSupernet();
    const limit = 8;
    const r = await nsga2(problem, {
      populationSize: 20,
      budget: 400,
      seed: 2,
      evaluate: async (batch) =>
        batch.map((g: Genome) => ({
          objectives: [accuracy(g), cost(g)],
          violation: Math.max(0, cost(g) - limit),
        })),
    });
    assert.ok(
      r.evaluations.slice(0, 20).some((e) => e.violation > 0),
      "the random start should hold infeasible subnets",
    );
    assert.ok(r.population.every((e) => e.violation === 0));
    assert.ok(r.front.length > 0 && r.front.every((e) => e.violation === 0 && e.objectives[1] <= limit));
  });

  test("one-point crossover works as well", async () => {
    const { problem, evaluate } = syntheticSupernet();
    const r = await nsga2(problem, {
      populationSize: 20,
      budget: 300,
      seed: 4,
      evaluate,
      variation: { crossover: "onePoint" },
    });
    assert.ok(hvOf(problem, r.front) > hvOf(problem, r.evaluations.slice(0, 20)));
  });

  test("a warm start continues from the given front instead of starting over", async () => {
    const { problem, evaluate } = syntheticSupernet();
    const earlier = await nsga2(problem, { populationSize: 20, budget: 600, seed: 1, evaluate });
    const events: SearchEvent[] = [];
    const warm = await nsga2(problem, {
      populationSize: 20,
      budget: 100,
      seed: 7,
      evaluate,
      warmStart: earlier.evaluations,
      onEvent: (e) => events.push(e),
    });
    const cold = await nsga2(problem, { populationSize: 20, budget: 100, seed: 7, evaluate });
    const first = events[0];
    assert.ok(first.type === "generation" && first.evaluations === 0, "no random population is evaluated");
    const earlierKeys = new Set(earlier.evaluations.map((e) => e.genome.join(",")));
    assert.ok(
      warm.evaluations.every((e) => !earlierKeys.has(e.genome.join(","))),
      "warm points are not re-evaluated",
    );
    // What the warm run paid for is far better than what the same budget buys from scratch.
    assert.ok(hvOf(problem, warm.evaluations) > 1.1 * hvOf(problem, cold.evaluations));
    assert.ok(hvOf(problem, warm.front) >= hvOf(problem, earlier.front));
  });

  test("generation events carry the front so far and a non-decreasing hypervolume", async () => {
    const { problem, evaluate } = syntheticSupernet();
    const events: SearchEvent[] = [];
    await nsga2(problem, {
      populationSize: 10,
      budget: 100,
      seed: 5,
      evaluate,
      onEvent: (e) => events.push(e),
    });
    const generations = events.filter((e) => e.type === "generation");
    assert.deepEqual(
      generations.map((e) => e.generation),
      [...Array(10).keys()],
    );
    const volumes = generations.map((e) => e.hypervolume ?? NaN);
    volumes.slice(1).forEach((v, i) => assert.ok(v >= volumes[i]));
    const last = generations[generations.length - 1];
    assert.equal(last.evaluations, 100);
    assert.equal(last.hypervolume, hvOf(problem, last.front));
  });

  test("rejects a population below 2 and a bad budget", async () => {
    const { problem, evaluate } = syntheticSupernet();
    await assert.rejects(nsga2(problem, { populationSize: 1, budget: 10, seed: 1, evaluate }), RangeError);
    await assert.rejects(nsga2(problem, { populationSize: 4, budget: -1, seed: 1, evaluate }), RangeError);
  });
});
