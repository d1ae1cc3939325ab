// What every strategy asks of its caller, and what it refuses.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { nsga2 } from "../../server/search/nsga2";
import { randomSearch } from "../../server/search/random";
import type { Evaluator } from "../../server/search/types";
import { syntheticSupernet } from "./fixtures";

const { problem, evaluate } = syntheticSupernet();

describe("strategy contract", () => {
  test("an evaluator that returns the wrong number of results is an error", async () => {
    const short: Evaluator = async (batch) => (await evaluate(batch)).slice(1);
    await assert.rejects(
      randomSearch(problem, { batchSize: 5, budget: 10, seed: 1, evaluate: short }),
      /returned 4 results for 5/,
    );
  });

  test("non-finite objectives and negative violations are refused", async () => {
    const nan: Evaluator = async (batch) => batch.map(() => ({ objectives: [Number.NaN, 1] }));
    await assert.rejects(
      randomSearch(problem, { batchSize: 5, budget: 10, seed: 1, evaluate: nan }),
      /bad measurement/,
    );
    const negative: Evaluator = async (batch) => batch.map(() => ({ objectives: [0.5, 1], violation: -1 }));
    await assert.rejects(
      randomSearch(problem, { batchSize: 5, budget: 10, seed: 1, evaluate: negative }),
      /bad measurement/,
    );
  });

  test("an abort signal stops before the next batch and returns what was evaluated", async () => {
    const controller = new AbortController();
    let batches = 0;
    const r = await nsga2(problem, {
      populationSize: 10,
      budget: 1000,
      seed: 1,
      signal: controller.signal,
      evaluate: async (batch) => {
        if (++batches === 3) controller.abort();
        return evaluate(batch);
      },
    });
    assert.equal(batches, 3);
    assert.equal(r.evaluations.length, 30);
    assert.ok(r.front.length > 0);
  });

  test("malformed problems are refused", async () => {
    await assert.rejects(
      randomSearch({ ...problem, genes: [] }, { batchSize: 1, budget: 1, seed: 1, evaluate }),
      RangeError,
    );
    await assert.rejects(
      randomSearch(
        { ...problem, genes: [{ kind: "categorical", cardinality: 0 }] },
        { batchSize: 1, budget: 1, seed: 1, evaluate },
      ),
      RangeError,
    );
    await assert.rejects(
      randomSearch({ ...problem, reference: [1] }, { batchSize: 1, budget: 1, seed: 1, evaluate }),
      RangeError,
    );
  });
});
