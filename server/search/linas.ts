// LINAS (Lightweight Iterative NAS, from Intel's DyNAS-T): predictor-accelerated NSGA-II.
// Each iteration evaluates a population for real, trains one predictor per expensive objective on
// every evaluation so far, runs an inner NSGA-II against the predictors (cheap objectives computed
// exactly by the caller) for a fixed number of predicted evaluations, and takes that search's final
// population as the next one to evaluate. Unlike DyNAS-T, the last predicted population is
// evaluated too, so no reported point rests on a prediction.
import { BatchBuilder } from "./batch";
import { randomGenome } from "./encoding";
import { Ledger, plain } from "./ledger";
import type { Individual } from "./ledger";
import { nsga2 } from "./nsga2";
import { minimised, selectSurvivors } from "./pareto";
import { regressionMetrics } from "./predictors/metrics";
import { trainPredictor } from "./predictors/predictor";
import type { ModelKind, Predictor } from "./predictors/predictor";
import { Prng } from "./prng";
import type { Evaluation, Genome, Measurement, SearchProblem, SearchResult, StrategyOptions } from "./types";
import type { VariationOptions } from "./variation";

/** Objectives the caller computes analytically (e.g. MACs, params): never predicted. */
export interface CheapObjectives {
  readonly indices: readonly number[];
  /** Values of the objectives at `indices`, in that order. */
  readonly compute: (genome: Genome) => readonly number[];
}

export interface LinasOptions extends StrategyOptions {
  readonly populationSize: number;
  /** Predicted evaluations the inner NSGA-II spends per iteration. */
  readonly predictedEvaluations: number;
  /** Most populations to evaluate (the first, random one included); the budget also stops the run. */
  readonly iterations?: number;
  readonly cheap?: CheapObjectives;
  /** Violation of a candidate from its predicted objectives; without it the inner search sees every
   *  candidate as feasible (real evaluations still apply the constraints). */
  readonly violation?: (objectives: readonly number[], genome: Genome) => number;
  readonly predictor?: { readonly models?: readonly ModelKind[]; readonly folds?: number };
  readonly variation?: Partial<VariationOptions>;
}

export async function linas(problem: SearchProblem, options: LinasOptions): Promise<SearchResult> {
  const size = options.populationSize;
  if (!Number.isInteger(size) || size < 2) {
    throw new RangeError(`population must be an integer >= 2, got ${size}`);
  }
  const cheapIndices = options.cheap?.indices ?? [];
  if (cheapIndices.some((i) => !Number.isInteger(i) || i < 0 || i >= problem.senses.length)) {
    throw new RangeError("cheap objective indices must name objectives");
  }
  const predicted = problem.senses.map((_, i) => i).filter((i) => !cheapIndices.includes(i));
  const maxIterations = options.iterations ?? Infinity;
  const rng = Prng.fromSeed(options.seed);
  const ledger = new Ledger(problem, options);
  const warm = ledger.warmStart();

  let population: Individual[] = [];
  let evaluatedPopulations = 0;
  if (warm.length < size) {
    const initial = new BatchBuilder(ledger).fill(size, () => [randomGenome(problem, rng)]);
    population = await ledger.evaluate(initial.genomes);
    evaluatedPopulations++;
    ledger.emitGeneration(0);
  }
  for (let iteration = 1; ledger.remaining() > 0 && evaluatedPopulations < maxIterations; iteration++) {
    const known = [...warm, ...ledger.evaluations];
    const predictors = new Map<number, Predictor>();
    for (const target of predicted) {
      const { predictor, report } = trainPredictor(
        problem.genes,
        known.map((e) => e.genome),
        known.map((e) => e.objectives[target]),
        { rng, models: options.predictor?.models, folds: options.predictor?.folds },
      );
      predictors.set(target, predictor);
      options.onEvent?.({ type: "predictor", iteration, target, report });
    }
    const estimate = (genome: Genome): Measurement => {
      const cheapValues = options.cheap?.compute(genome) ?? [];
      const objectives = problem.senses.map((_, i) => {
        const c = cheapIndices.indexOf(i);
        return c >= 0 ? cheapValues[c] : (predictors.get(i) as Predictor).predict(genome);
      });
      return { objectives, violation: options.violation?.(objectives, genome) ?? 0 };
    };
    const inner = await nsga2(
      { ...problem, reference: undefined },
      {
        populationSize: size,
        budget: options.predictedEvaluations,
        seed: rng.nextUint32(),
        warmStart: known.map(plain),
        evaluate: async (batch) => batch.map(estimate),
        variation: options.variation,
      },
    );
    const next = nextPopulation(ledger, inner.population, inner.evaluations, size);
    if (next.length === 0) break; // the inner search found nothing new
    population = await ledger.evaluate(
      next.map((e) => e.genome),
      next.map((e) => e.objectives),
    );
    evaluatedPopulations++;
    for (const target of predicted) {
      const check = regressionMetrics(
        population.map((e) => e.objectives[target]),
        population.map((_, k) => next[k].objectives[target]),
      );
      options.onEvent?.({ type: "predictionCheck", iteration, target, check });
    }
    ledger.emitGeneration(iteration);
  }
  return {
    evaluations: ledger.evaluations.map(plain),
    front: ledger.front().map(plain),
    population: population.map(plain),
  };
}

/**
 * The inner search's final population minus what was already evaluated, topped up with the best
 * (by predicted rank and crowding) of its other new candidates. All inner evaluations are new:
 * the inner search was warm-started with every real evaluation, so it never proposes one again.
 */
function nextPopulation(
  ledger: Ledger,
  finalPopulation: readonly Evaluation[],
  candidates: readonly Evaluation[],
  size: number,
): Evaluation[] {
  const fresh = new Set(candidates.map((e) => ledger.key(e.genome)));
  const finalKeys = new Set(finalPopulation.map((e) => ledger.key(e.genome)));
  const chosen = finalPopulation.filter((e) => fresh.has(ledger.key(e.genome))); // in rank order
  const others = candidates.filter((e) => !finalKeys.has(ledger.key(e.genome)));
  if (chosen.length < size) {
    const ranked = others.map((e) => ({
      minimised: minimised(e.objectives, ledger.problem.senses),
      violation: e.violation,
    }));
    chosen.push(...selectSurvivors(ranked, size - chosen.length).map((i) => others[i]));
  }
  return chosen.slice(0, size);
}
