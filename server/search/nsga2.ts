// NSGA-II (Deb et al. 2002) over canonical genomes: binary tournament on (rank, crowding) under
// constraint domination, gene-kind-aware variation, (μ+λ) survival by rank then crowding. Offspring
// that equal anything already evaluated are discarded and re-bred, so the budget buys new subnets.
import { BatchBuilder } from "./batch";
import { randomGenome } from "./encoding";
import { Ledger, plain } from "./ledger";
import type { Individual } from "./ledger";
import { rankAndCrowding, selectSurvivors } from "./pareto";
import { Prng } from "./prng";
import type { Genome, SearchProblem, SearchResult, StrategyOptions } from "./types";
import { crossover, defaultVariation, mutate } from "./variation";
import type { VariationOptions } from "./variation";

export interface Nsga2Options extends StrategyOptions {
  readonly populationSize: number;
  readonly variation?: Partial<VariationOptions>;
}

export async function nsga2(problem: SearchProblem, options: Nsga2Options): Promise<SearchResult> {
  const size = options.populationSize;
  if (!Number.isInteger(size) || size < 2) {
    throw new RangeError(`population must be an integer >= 2, got ${size}`);
  }
  const rng = Prng.fromSeed(options.seed);
  const ledger = new Ledger(problem, options);
  const variation = { ...defaultVariation, ...options.variation };

  let population = await initialPopulation(ledger, size, rng);
  ledger.emitGeneration(0);
  for (let generation = 1; ledger.remaining() > 0 && population.length > 0; generation++) {
    const wanted = Math.min(size, ledger.remaining());
    const { rank, crowding } = rankAndCrowding(population);
    const parent = (): Genome => population[binaryTournament(rank, crowding, rng)].genome;
    const batch = new BatchBuilder(ledger)
      .fill(wanted, () =>
        crossover(parent(), parent(), problem.genes, rng, variation).map((child) =>
          mutate(child, problem.genes, rng, variation),
        ),
      )
      // When variation keeps producing known subnets (a small or converged space), explore at random.
      .fill(wanted, () => [randomGenome(problem, rng)]);
    if (batch.genomes.length === 0) break; // every reachable subnet has been evaluated
    const pool = [...population, ...(await ledger.evaluate(batch.genomes))];
    population = selectSurvivors(pool, size).map((i) => pool[i]);
    ledger.emitGeneration(generation);
  }
  return {
    evaluations: ledger.evaluations.map(plain),
    front: ledger.front().map(plain),
    population: population.map(plain),
  };
}

/** The best ranks of the warm-start points, topped up with new random genomes. */
async function initialPopulation(ledger: Ledger, size: number, rng: Prng): Promise<Individual[]> {
  const warm = ledger.warmStart();
  const population = selectSurvivors(warm, size).map((i) => warm[i]);
  const fresh = new BatchBuilder(ledger).fill(size - population.length, () => [
    randomGenome(ledger.problem, rng),
  ]);
  population.push(...(await ledger.evaluate(fresh.genomes)));
  return population;
}

/** Lower rank wins, then larger crowding distance, then a coin flip. */
function binaryTournament(rank: readonly number[], crowding: readonly number[], rng: Prng): number {
  const a = rng.int(0, rank.length);
  const b = rng.int(0, rank.length);
  if (rank[a] !== rank[b]) return rank[a] < rank[b] ? a : b;
  if (crowding[a] !== crowding[b]) return crowding[a] > crowding[b] ? a : b;
  return rng.chance(0.5) ? a : b;
}
