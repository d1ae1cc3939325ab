// Strategies are functions of (seed, measurements): the runner resumes a killed run by replaying
// the strategy with the logged measurements. These tests hold them to it.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { linas } from "../../server/search/linas";
import { nsga2 } from "../../server/search/nsga2";
import { randomSearch } from "../../server/search/random";
import { replayingEvaluator } from "../../server/search/replay";
import { singleObjectiveSearch } from "../../server/search/singleObjective";
import type { Evaluation, Evaluator, Genome, SearchEvent, SearchResult } from "../../server/search/types";
import { syntheticSupernet } from "./fixtures";

const { problem, cost, evaluate } = syntheticSupernet();
const key = (g: Genome): string => g.join(",");
const singleProblem = { ...problem, senses: ["max" as const], reference: undefined };
const accuracyOnly: Evaluator = async (batch) =>
  (await evaluate(batch)).map((m) => ({
    objectives: [m.objectives[0]],
    violation: Math.max(0, m.objectives[1] - 12),
  }));

type Run = (evaluator: Evaluator, seed: number, onEvent: (e: SearchEvent) => void) => Promise<SearchResult>;

/** Each strategy with the evaluator of its problem. */
const strategies: Record<string, { base: Evaluator; run: Run }> = {
  random: {
    base: evaluate,
    run: (e, seed, onEvent) =>
      randomSearch(problem, { evaluate: e, seed, onEvent, budget: 90, batchSize: 20 }),
  },
  nsga2: {
    base: evaluate,
    run: (e, seed, onEvent) => nsga2(problem, { evaluate: e, seed, onEvent, budget: 90, populationSize: 20 }),
  },
  singleObjective: {
    base: accuracyOnly,
    run: (e, seed, onEvent) =>
      singleObjectiveSearch(singleProblem, { evaluate: e, seed, onEvent, budget: 90, populationSize: 20 }),
  },
  linas: {
    base: evaluate,
    run: (e, seed, onEvent) =>
      linas(problem, {
        evaluate: e,
        seed,
        onEvent,
        budget: 90,
        populationSize: 20,
        predictedEvaluations: 300,
        cheap: { indices: [1], compute: (g) => [cost(g)] },
      }),
  },
};

async function record(run: Run, evaluator: Evaluator, seed: number) {
  const events: SearchEvent[] = [];
  const result = await run(evaluator, seed, (e) => events.push(e));
  return { result, events: JSON.stringify(events), genomes: result.evaluations.map((e) => key(e.genome)) };
}

/** An evaluator that logs every measurement one genome at a time and dies after `limit` of them. */
function killedAfter(limit: number, log: Evaluation[], base: Evaluator): Evaluator {
  return async (batch) => {
    const out = [];
    for (const genome of batch) {
      if (log.length === limit) throw new Error("killed");
      const [m] = await base([genome]);
      log.push({ genome, objectives: m.objectives, violation: m.violation ?? 0 });
      out.push(m);
    }
    return out;
  };
}

describe("determinism and replay", () => {
  for (const [name, { base, run }] of Object.entries(strategies)) {
    test(`${name}: the same seed and evaluator give the same genomes and events; another seed does not`, async () => {
      const a = await record(run, base, 11);
      const b = await record(run, base, 11);
      const c = await record(run, base, 12);
      assert.equal(a.genomes.length, 90);
      assert.deepEqual(b.genomes, a.genomes);
      assert.equal(b.events, a.events);
      assert.notDeepEqual(c.genomes, a.genomes);
    });

    test(`${name}: a run killed mid-batch and replayed from its log continues identically`, async () => {
      const reference = await record(run, base, 21);
      const log: Evaluation[] = [];
      await assert.rejects(
        run(killedAfter(47, log, base), 21, () => {}),
        /killed/,
      );
      assert.equal(log.length, 47);
      const live: string[] = [];
      const resumed = await record(
        run,
        replayingEvaluator(log, key, async (batch) => {
          live.push(...batch.map(key));
          return base(batch);
        }),
        21,
      );
      assert.deepEqual(resumed.genomes, reference.genomes);
      assert.equal(resumed.events, reference.events);
      assert.deepEqual(live, reference.genomes.slice(47), "nothing evaluated twice, nothing lost");
    });
  }

  test("a log that does not match the run is refused, not silently re-evaluated", async () => {
    const log: Evaluation[] = [{ genome: new Array(16).fill(3), objectives: [0.5, 1], violation: 0 }];
    await assert.rejects(
      nsga2(problem, {
        evaluate: replayingEvaluator(log, key, evaluate),
        seed: 1,
        budget: 40,
        populationSize: 20,
      }),
      /replay diverged at evaluation 1/,
    );
  });
});

describe("replaying with predictions", () => {
  test("the live part of a replayed batch gets the predictions of its own genomes", async () => {
    const log: Evaluation[] = [{ genome: [0], objectives: [1], violation: 0 }];
    const seen: (readonly (readonly number[])[] | undefined)[] = [];
    const evaluator = replayingEvaluator(log, key, async (batch, predicted) => {
      seen.push(predicted);
      return batch.map(() => ({ objectives: [2] }));
    });
    await evaluator([[0], [1], [2]], [[10], [11], [12]]);
    assert.deepEqual(seen, [[[11], [12]]]);
  });
});
