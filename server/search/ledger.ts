// A run's bookkeeping shared by all strategies: the budget, the canonical keys already seen (so
// no subnet is evaluated twice), every evaluation in order, the non-dominated archive, and the
// per-generation event.
import { canonical, genomeKey, validateGenes } from "./encoding";
import { hypervolume } from "./hypervolume";
import { minimised, withCandidate } from "./pareto";
import type { RankedPoint } from "./pareto";
import type { Evaluation, Genome, SearchProblem, StrategyOptions } from "./types";

/** An evaluation with what ranking needs precomputed. */
export interface Individual extends Evaluation, RankedPoint {
  readonly key: string;
}

export class Ledger {
  readonly evaluations: Individual[] = [];
  private readonly seen = new Set<string>();
  private archive: Individual[] = [];

  constructor(
    readonly problem: SearchProblem,
    private readonly options: StrategyOptions,
  ) {
    validateGenes(problem.genes);
    if (!Number.isInteger(options.budget) || options.budget < 0) {
      throw new RangeError(`budget must be a non-negative integer, got ${options.budget}`);
    }
    if (problem.reference && problem.reference.length !== problem.senses.length) {
      throw new RangeError("the reference point needs one value per objective");
    }
  }

  /** Registers earlier evaluations as seen and archived; returns them, one per key. */
  warmStart(): Individual[] {
    const unique: Individual[] = [];
    for (const e of this.options.warmStart ?? []) {
      const individual = this.individual(canonical(this.problem, e.genome), e);
      if (this.seen.has(individual.key)) continue;
      this.seen.add(individual.key);
      this.archiveInsert(individual);
      unique.push(individual);
    }
    return unique;
  }

  key(genome: Genome): string {
    return genomeKey(this.problem, genome);
  }

  isNew(genome: Genome): boolean {
    return !this.seen.has(this.key(genome));
  }

  remaining(): number {
    return this.options.signal?.aborted ? 0 : this.options.budget - this.evaluations.length;
  }

  /**
   * Evaluates the genomes that fit in the budget (all must be new, canonical and distinct);
   * `predicted`, aligned with `batch`, goes to the evaluator with them.
   */
  async evaluate(
    batch: readonly Genome[],
    predicted?: readonly (readonly number[])[],
  ): Promise<Individual[]> {
    const taken = batch.slice(0, Math.max(0, this.remaining()));
    if (taken.length === 0) return [];
    const keys = taken.map((g) => this.key(g));
    keys.forEach((k) => {
      if (this.seen.has(k)) throw new Error(`internal: genome ${k} proposed twice`);
      this.seen.add(k);
    });
    const measurements = await this.options.evaluate(taken, predicted?.slice(0, taken.length));
    if (measurements.length !== taken.length) {
      throw new Error(`the evaluator returned ${measurements.length} results for ${taken.length} genomes`);
    }
    const fresh = taken.map((genome, i) => this.individual(genome, measurements[i], keys[i]));
    for (const individual of fresh) {
      this.evaluations.push(individual);
      this.archiveInsert(individual);
    }
    return fresh;
  }

  individual(
    genome: Genome,
    m: { objectives: readonly number[]; violation?: number },
    key?: string,
  ): Individual {
    const violation = m.violation ?? 0;
    if (m.objectives.some((v) => !Number.isFinite(v)) || !(violation >= 0)) {
      throw new RangeError(`bad measurement for ${this.key(genome)}: ${JSON.stringify(m)}`);
    }
    return {
      genome,
      objectives: m.objectives,
      violation,
      minimised: minimised(m.objectives, this.problem.senses),
      key: key ?? this.key(genome),
    };
  }

  /** The non-dominated archive (constraint domination: feasible points only once any exists). */
  front(): Individual[] {
    return this.archive;
  }

  emitGeneration(generation: number): void {
    const onEvent = this.options.onEvent;
    if (!onEvent) return;
    const front = this.front().map(plain);
    onEvent({
      type: "generation",
      generation,
      evaluations: this.evaluations.length,
      front,
      hypervolume: this.frontHypervolume(),
    });
  }

  frontHypervolume(): number | null {
    const reference = this.problem.reference;
    if (!reference) return null;
    const feasible = this.archive.filter((e) => e.violation <= 0);
    return hypervolume(
      feasible.map((e) => e.minimised),
      minimised(reference, this.problem.senses),
    );
  }

  private archiveInsert(candidate: Individual): void {
    this.archive = withCandidate(this.archive, candidate);
  }
}

/** Strips ranking internals so results and events carry only the public fields. */
export function plain(e: Evaluation): Evaluation {
  return { genome: e.genome, objectives: e.objectives, violation: e.violation };
}
