/**
 * A problem's anchors (a supernet's largest and smallest subnets) are what every strategy
 * evaluates first, once.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { linas } from "../../server/search/linas";
import { nsga2 } from "../../server/search/nsga2";
import { randomSearch } from "../../server/search/random";
import { singleObjectiveSearch } from "../../server/search/singleObjective";
import type { Evaluator, Genome, SearchProblem, SearchResult } from "../../server/search/types";
import { syntheticSupernet } from "./fixtures";

const { problem: base, evaluate } = syntheticSupernet();
const largest: Genome = base.genes.map((g) => (g.kind === "categorical" ? g.cardinality - 1 : g.hi));
const smallest: Genome = base.genes.map((g) => (g.kind === "categorical" ? 0 : g.lo));
const problem: SearchProblem = { ...base, anchors: [largest, smallest] };

const strategies: Record<string, (evaluator: Evaluator) => Promise<SearchResult>> = {
  random: (e) => randomSearch(problem, { evaluate: e, seed: 4, budget: 60, batchSize: 20 }),
  nsga2: (e) => nsga2(problem, { evaluate: e, seed: 4, budget: 60, populationSize: 20 }),
  linas: (e) =>
    linas(problem, { evaluate: e, seed: 4, budget: 60, populationSize: 20, predictedEvaluations: 200 }),
  singleObjective: (e) =>
    singleObjectiveSearch(
      { ...problem, senses: ["max"], reference: undefined },
      {
        evaluate: async (batch) => (await e(batch)).map((m) => ({ objectives: [m.objectives[0]] })),
        seed: 4,
        budget: 60,
        populationSize: 20,
      },
    ),
};

describe("anchors", () => {
  for (const [name, run] of Object.entries(strategies)) {
    test(`${name} evaluates the anchors first, and only once`, async () => {
      const asked: string[] = [];
      await run(async (batch) => {
        asked.push(...batch.map((g) => g.join(",")));
        return evaluate(batch);
      });
      assert.deepEqual(asked.slice(0, 2), [largest.join(","), smallest.join(",")]);
      assert.equal(asked.filter((k) => k === largest.join(",") || k === smallest.join(",")).length, 2);
      assert.equal(new Set(asked).size, asked.length, "nothing evaluated twice");
    });
  }
});
