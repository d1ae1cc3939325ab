import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomSearch } from "../../server/search/random";
import type { SearchEvent } from "../../server/search/types";
import { depthEvaluator, depthSpace, syntheticSupernet } from "./fixtures";

describe("random search", () => {
  test("draws canonical subnets without repeats until the space is exhausted", async () => {
    const problem = depthSpace();
    const r = await randomSearch(problem, { batchSize: 5, budget: 500, seed: 1, evaluate: depthEvaluator });
    const keys = r.evaluations.map((e) => e.genome.join(","));
    assert.equal(new Set(keys).size, 39);
    assert.equal(keys.length, 39);
    for (const e of r.evaluations) assert.deepEqual(e.genome, problem.canonicalize?.(e.genome));
  });

  test("spends exactly the budget in batches of the given size", async () => {
    const { problem, evaluate } = syntheticSupernet();
    const sizes: number[] = [];
    const events: SearchEvent[] = [];
    const r = await randomSearch(problem, {
      batchSize: 30,
      budget: 100,
      seed: 2,
      evaluate: async (batch) => {
        sizes.push(batch.length);
        return evaluate(batch);
      },
      onEvent: (e) => events.push(e),
    });
    assert.deepEqual(sizes, [30, 30, 30, 10]);
    assert.equal(r.evaluations.length, 100);
    assert.equal(events.length, 4);
  });

  test("uses the problem's own sampler when it has one", async () => {
    const { problem, evaluate } = syntheticSupernet();
    const r = await randomSearch(
      { ...problem, sample: (rng) => problem.genes.map(() => rng.int(0, 2)) },
      { batchSize: 10, budget: 50, seed: 3, evaluate },
    );
    assert.ok(r.evaluations.every((e) => e.genome.every((c) => c < 2)));
  });
});
