// Random search: canonical genomes drawn from the problem's sampler, never the same one twice,
// evaluated in batches (a batch is one "generation" for events).
import { BatchBuilder } from "./batch";
import { randomGenome } from "./encoding";
import { Ledger, plain } from "./ledger";
import { Prng } from "./prng";
import type { SearchProblem, SearchResult, StrategyOptions } from "./types";

export interface RandomSearchOptions extends StrategyOptions {
  /** Genomes per evaluator call. */
  readonly batchSize: number;
}

export async function randomSearch(
  problem: SearchProblem,
  options: RandomSearchOptions,
): Promise<SearchResult> {
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new RangeError(`batch size must be a positive integer, got ${options.batchSize}`);
  }
  const rng = Prng.fromSeed(options.seed);
  const ledger = new Ledger(problem, options);
  ledger.warmStart();
  for (let generation = 0; ledger.remaining() > 0; generation++) {
    const batch = new BatchBuilder(ledger).fill(Math.min(options.batchSize, ledger.remaining()), () => [
      randomGenome(problem, rng),
    ]);
    if (batch.genomes.length === 0) break; // the sampler finds nothing new: the space is exhausted
    await ledger.evaluate(batch.genomes);
    ledger.emitGeneration(generation);
  }
  const evaluations = ledger.evaluations.map(plain);
  return { evaluations, front: ledger.front().map(plain), population: evaluations };
}
