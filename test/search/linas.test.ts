import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { hypervolume } from "../../server/search/hypervolume";
import { linas } from "../../server/search/linas";
import { minimised } from "../../server/search/pareto";
import { randomSearch } from "../../server/search/random";
import type { Evaluation, Genome, SearchEvent } from "../../server/search/types";
import { syntheticSupernet } from "./fixtures";

const { problem, cost, accuracy, evaluate } = syntheticSupernet();
const hv = (evaluations: readonly Evaluation[]): number =>
  hypervolume(
    evaluations.filter((e) => e.violation === 0).map((e) => minimised(e.objectives, problem.senses)),
    minimised(problem.reference ?? [], problem.senses),
  );
const cheapCost = { indices: [1], compute: (g: Genome) => [cost(g)] };

describe("LINAS", () => {
  test("beats random search at equal budget (200 evaluations, seeds 1–3)", async () => {
    for (const seed of [1, 2, 3]) {
      const l = await linas(problem, {
        budget: 200,
        seed,
        evaluate,
        populationSize: 20,
        predictedEvaluations: 600,
        cheap: cheapCost,
      });
      const r = await randomSearch(problem, { budget: 200, seed, evaluate, batchSize: 20 });
      assert.equal(l.evaluations.length, 200);
      assert.ok(
        hv(l.front) > 1.15 * hv(r.front),
        `seed ${seed}: LINAS ${hv(l.front)} vs random ${hv(r.front)}`,
      );
    }
  });

  test("predicts only the expensive objectives, reports predictor quality, and evaluates the last predicted population", async () => {
    const events: SearchEvent[] = [];
    let cheapCalls = 0;
    const r = await linas(problem, {
      budget: 1000,
      iterations: 3,
      seed: 4,
      evaluate,
      populationSize: 10,
      predictedEvaluations: 200,
      cheap: { indices: [1], compute: (g) => (cheapCalls++, [cost(g)]) },
      onEvent: (e) => events.push(e),
    });
    assert.equal(r.evaluations.length, 30, "three populations, the initial random one included");
    assert.ok(cheapCalls >= 2 * 200, "the inner searches computed the cheap objective exactly");
    assert.deepEqual(
      events.map((e) => `${e.type}:${e.type === "generation" ? e.generation : `${e.iteration}/${e.target}`}`),
      [
        "generation:0",
        "predictor:1/0",
        "predictionCheck:1/0",
        "generation:1",
        "predictor:2/0",
        "predictionCheck:2/0",
        "generation:2",
      ],
    );
    for (const e of events) {
      if (e.type === "predictor") {
        assert.ok(e.report.heldOut && e.report.heldOut.points === e.report.points);
        assert.ok(["ridge", "svr"].includes(e.report.chosen.model));
      }
      if (e.type === "predictionCheck") {
        assert.equal(e.check.points, 10);
        assert.ok(Number.isFinite(e.check.rmse));
      }
    }
  });

  test("a violation hook keeps the inner search on feasible subnets", async () => {
    const limit = 10;
    const r = await linas(problem, {
      budget: 100,
      seed: 5,
      populationSize: 20,
      predictedEvaluations: 400,
      cheap: cheapCost,
      evaluate: async (batch) =>
        batch.map((g) => ({ objectives: [accuracy(g), cost(g)], violation: Math.max(0, cost(g) - limit) })),
      violation: (objectives) => Math.max(0, objectives[1] - limit),
    });
    assert.ok(
      r.evaluations.slice(0, 20).some((e) => e.violation > 0),
      "the random start holds infeasible subnets",
    );
    assert.ok(r.evaluations.slice(20).every((e) => e.violation === 0));
  });

  test("a warm start of a full population skips the random one", async () => {
    const earlier = await randomSearch(problem, { budget: 40, seed: 6, evaluate, batchSize: 20 });
    const events: SearchEvent[] = [];
    const r = await linas(problem, {
      budget: 20,
      seed: 6,
      evaluate,
      populationSize: 20,
      predictedEvaluations: 200,
      cheap: cheapCost,
      warmStart: earlier.evaluations,
      onEvent: (e) => events.push(e),
    });
    assert.equal(r.evaluations.length, 20);
    assert.equal(events[0].type, "predictor");
    const first = events[0];
    assert.ok(first.type === "predictor" && first.report.points === 40);
  });

  test("rejects cheap indices that name no objective", async () => {
    await assert.rejects(
      linas(problem, {
        budget: 10,
        seed: 1,
        evaluate,
        populationSize: 4,
        predictedEvaluations: 10,
        cheap: { indices: [2], compute: () => [0] },
      }),
      RangeError,
    );
  });
});
