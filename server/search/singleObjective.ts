// A constrained single-objective genetic algorithm for `search` blocks with one objective:
// tournament selection and elitist (μ+λ) survival, both ordering candidates by Deb's rules
// (feasible first, then smaller violation, then the better objective).
import { BatchBuilder } from "./batch";
import { randomGenome } from "./encoding";
import { Ledger, plain } from "./ledger";
import type { Individual } from "./ledger";
import { Prng } from "./prng";
import type { SearchProblem, SearchResult, StrategyOptions } from "./types";
import { crossover, defaultVariation, mutate } from "./variation";
import type { VariationOptions } from "./variation";

export interface SingleObjectiveOptions extends StrategyOptions {
  readonly populationSize: number;
  /** Candidates per tournament (2 = binary tournament). */
  readonly tournamentSize?: number;
  readonly variation?: Partial<VariationOptions>;
}

/** Negative when a is better. */
export function compareConstrained(a: Individual, b: Individual): number {
  const av = Math.max(0, a.violation);
  const bv = Math.max(0, b.violation);
  return av - bv || a.minimised[0] - b.minimised[0];
}

export async function singleObjectiveSearch(
  problem: SearchProblem,
  options: SingleObjectiveOptions,
): Promise<SearchResult> {
  if (problem.senses.length !== 1)
    throw new RangeError("single-objective search needs exactly one objective");
  const size = options.populationSize;
  const tournamentSize = options.tournamentSize ?? 2;
  if (!Number.isInteger(size) || size < 2) {
    throw new RangeError(`population must be an integer >= 2, got ${size}`);
  }
  if (!Number.isInteger(tournamentSize) || tournamentSize < 1) {
    throw new RangeError("tournament size must be >= 1");
  }
  const rng = Prng.fromSeed(options.seed);
  const ledger = new Ledger(problem, options);
  const variation = { ...defaultVariation, ...options.variation };
  const survivors = (pool: readonly Individual[]): Individual[] =>
    pool
      .map((individual, index) => ({ individual, index }))
      .sort((x, y) => compareConstrained(x.individual, y.individual) || x.index - y.index)
      .slice(0, size)
      .map((x) => x.individual);

  const random = () => [randomGenome(problem, rng)];
  let population = survivors(ledger.warmStart());
  population.push(
    ...(await ledger.evaluate(new BatchBuilder(ledger).fill(size - population.length, random).genomes)),
  );
  population = survivors(population);
  ledger.emitGeneration(0);
  for (let generation = 1; ledger.remaining() > 0 && population.length > 0; generation++) {
    const wanted = Math.min(size, ledger.remaining());
    // The population is kept sorted best first, so a tournament is the smallest of k indices.
    const parent = () => {
      let best = rng.int(0, population.length);
      for (let k = 1; k < tournamentSize; k++) best = Math.min(best, rng.int(0, population.length));
      return population[best].genome;
    };
    const batch = new BatchBuilder(ledger)
      .fill(wanted, () =>
        crossover(parent(), parent(), problem.genes, rng, variation).map((c) =>
          mutate(c, problem.genes, rng, variation),
        ),
      )
      .fill(wanted, random);
    if (batch.genomes.length === 0) break;
    population = survivors([...population, ...(await ledger.evaluate(batch.genomes))]);
    ledger.emitGeneration(generation);
  }
  return {
    evaluations: ledger.evaluations.map(plain),
    front: ledger.front().map(plain),
    population: population.map(plain),
  };
}
