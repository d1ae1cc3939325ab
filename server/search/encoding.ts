// Canonical encodings: every genome a strategy proposes goes through `canonical` before it is
// keyed, compared or evaluated, so two encodings of the same subnet are one candidate.
import type { Prng } from "./prng";
import type { GeneSpec, Genome, SearchProblem } from "./types";

export function validateGenes(genes: readonly GeneSpec[]): void {
  if (genes.length === 0) throw new RangeError("a search space needs at least one gene");
  genes.forEach((gene, i) => {
    if (gene.kind === "categorical") {
      if (!Number.isInteger(gene.cardinality) || gene.cardinality < 1) {
        throw new RangeError(`gene ${i}: cardinality must be a positive integer`);
      }
    } else if (!(Number.isFinite(gene.lo) && Number.isFinite(gene.hi) && gene.lo <= gene.hi)) {
      throw new RangeError(`gene ${i}: bounds must be finite with lo <= hi`);
    }
  });
}

export function canonical(problem: SearchProblem, genome: Genome): Genome {
  return problem.canonicalize ? problem.canonicalize(genome) : genome;
}

export function genomeKey(problem: SearchProblem, genome: Genome): string {
  return problem.key ? problem.key(genome) : genome.join(",");
}

export function uniformGenome(genes: readonly GeneSpec[], rng: Prng): number[] {
  return genes.map((gene) =>
    gene.kind === "categorical" ? rng.int(0, gene.cardinality) : gene.lo + (gene.hi - gene.lo) * rng.next(),
  );
}

/** A canonical random genome from the problem's sampler (uniform per gene by default). */
export function randomGenome(problem: SearchProblem, rng: Prng): Genome {
  return canonical(problem, problem.sample ? problem.sample(rng) : uniformGenome(problem.genes, rng));
}
