// Synthetic problems shared by the search tests.
import { Prng } from "../../server/search/prng";
import type { Evaluator, Genome, SearchProblem } from "../../server/search/types";

/**
 * A supernet-like categorical problem: 16 genes of 4 choices. "cost" (minimise) grows linearly with
 * the choices, like MACs; "accuracy" (maximise) saturates with capacity and rewards matching pairs
 * of genes, so it is non-linear and the front is a real trade-off.
 */
export function syntheticSupernet(): {
  problem: SearchProblem;
  cost: (g: Genome) => number;
  accuracy: (g: Genome) => number;
  evaluate: Evaluator;
} {
  const genes = 16;
  const choices = 4;
  const rng = Prng.fromSeed(99);
  const costWeight = Array.from({ length: genes }, () => 0.5 + rng.next());
  const accuracyWeight = Array.from({ length: genes }, () => 0.2 + rng.next());
  const cost = (g: Genome): number => g.reduce((s, c, i) => s + costWeight[i] * c, 0);
  const accuracy = (g: Genome): number => {
    const capacity = g.reduce((s, c, i) => s + accuracyWeight[i] * Math.sqrt(c), 0);
    let pairs = 0;
    for (let i = 0; i + 1 < genes; i += 2) if (g[i] === g[i + 1]) pairs += 0.02;
    return 1 - Math.exp(-capacity / 6) + pairs;
  };
  const maxCost = costWeight.reduce((s, w) => s + w * (choices - 1), 0);
  const problem: SearchProblem = {
    genes: Array.from({ length: genes }, () => ({ kind: "categorical", cardinality: choices }) as const),
    senses: ["max", "min"],
    reference: [0, maxCost],
  };
  return {
    problem,
    cost,
    accuracy,
    evaluate: async (batch) => batch.map((g) => ({ objectives: [accuracy(g), cost(g)] })),
  };
}

/**
 * A space with a depth gene: gene 0 picks 1..3 blocks, genes 1..3 the width (3 choices) of each
 * block. Widths of blocks beyond the depth are hidden, so canonical encodings reset them to 0.
 * Canonical subnets: 3 + 9 + 27 = 39.
 */
export function depthSpace(): SearchProblem {
  return {
    genes: [
      { kind: "categorical", cardinality: 3 },
      { kind: "categorical", cardinality: 3 },
      { kind: "categorical", cardinality: 3 },
      { kind: "categorical", cardinality: 3 },
    ],
    senses: ["min", "max"],
    canonicalize: (g) => g.map((v, i) => (i > g[0] + 1 ? 0 : v)),
  };
}

/** For depthSpace: cost = total width, quality = depth plus width with diminishing returns. */
export const depthEvaluator: Evaluator = async (batch) =>
  batch.map((g) => {
    const widths = g.slice(1, g[0] + 2).map((w) => w + 1);
    const total = widths.reduce((a, b) => a + b, 0);
    return { objectives: [total, Math.log(1 + total) + 0.3 * g[0]] };
  });
