// How predictors see a genome: one-hot columns for a categorical gene (choices have no order),
// the value scaled to [0, 1] for a continuous one.
import type { GeneSpec, Genome } from "../types";

export function featureCount(genes: readonly GeneSpec[]): number {
  return genes.reduce((n, g) => n + (g.kind === "categorical" ? g.cardinality : 1), 0);
}

/** Indices and values of the non-zero features (one-hot rows are sparse). */
export interface SparseRow {
  readonly index: readonly number[];
  readonly value: readonly number[];
}

export function encode(genes: readonly GeneSpec[], genome: Genome): SparseRow {
  const index: number[] = [];
  const value: number[] = [];
  let offset = 0;
  genes.forEach((gene, i) => {
    if (gene.kind === "categorical") {
      index.push(offset + genome[i]);
      value.push(1);
      offset += gene.cardinality;
    } else {
      index.push(offset);
      value.push(gene.hi > gene.lo ? (genome[i] - gene.lo) / (gene.hi - gene.lo) : 0);
      offset += 1;
    }
  });
  return { index, value };
}

/** Squared Euclidean distance between two genomes' feature vectors, without building them. */
export function featureDistance(genes: readonly GeneSpec[], a: Genome, b: Genome): number {
  let sum = 0;
  genes.forEach((gene, i) => {
    if (gene.kind === "categorical") {
      if (a[i] !== b[i]) sum += 2;
    } else if (gene.hi > gene.lo) {
      sum += ((a[i] - b[i]) / (gene.hi - gene.lo)) ** 2;
    }
  });
  return sum;
}
