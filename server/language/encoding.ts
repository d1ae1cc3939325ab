/**
 * Subnet encodings: a gene vector holds, for each gene of the space, an index into its values.
 * Genes of blocks beyond a stage's chosen depth are canonicalised to 0, so equal subnets have
 * equal encodings (search deduplicates on them).
 */
import type { Gene, SpaceModel } from "./model";

export type Genome = readonly number[];

/** The largest subnet: every gene at its largest value (what an unassigned choice takes). */
export function largestGenome(model: SpaceModel): number[] {
  return canonicalize(
    model,
    model.genes.map((g) => g.values.length - 1),
  );
}

export function smallestGenome(model: SpaceModel): number[] {
  return canonicalize(
    model,
    model.genes.map(() => 0),
  );
}

/** The depth a genome gives a stage. */
export function stageDepth(model: SpaceModel, genome: Genome, stage: string): number {
  const s = model.stages.get(stage);
  if (!s) throw new Error(`no stage ${stage}`);
  return s.depth.kind === "fixed"
    ? (s.depth.value as number)
    : model.genes[s.depth.gene].values[genome[s.depth.gene]];
}

/** Whether a gene matters in this genome (its block is within its stage's depth). */
export function isActive(model: SpaceModel, genome: Genome, gene: Gene): boolean {
  return (
    gene.stage === undefined || gene.block === undefined || gene.block < stageDepth(model, genome, gene.stage)
  );
}

export function canonicalize(model: SpaceModel, genome: Genome): number[] {
  return genome.map((v, i) => (isActive(model, genome, model.genes[i]) ? v : 0));
}

/** A stable key for deduplication. */
export function genomeKey(genome: Genome): string {
  return genome.join(",");
}

/** The value each gene takes, by path. */
export function genomeValues(model: SpaceModel, genome: Genome): Map<string, number> {
  return new Map(model.genes.map((g, i) => [g.path, g.values[genome[i]]]));
}

/** The choices a subnet makes, by path: only the genes that matter (blocks within their stage's depth). */
export function activeChoices(model: SpaceModel, genome: Genome): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of model.genes) if (isActive(model, genome, g)) out[g.path] = g.values[genome[g.index]];
  return out;
}

/** The number of choices of each gene (the categorical cardinalities search works with). */
export function cardinalities(model: SpaceModel): number[] {
  return model.genes.map((g) => g.values.length);
}

/** Index of the value nearest to `value` in a gene's values (ties go to the smaller value). */
export function nearestIndex(values: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++)
    if (Math.abs(values[i] - value) < Math.abs(values[best] - value)) best = i;
  return best;
}

/**
 * Draws a subnet uniformly over the space's distinct subnets (not over raw genomes, which
 * would favour shallow stages): a stage's depth d is drawn with weight equal to the number of
 * subnets of that stage with depth d, then its active blocks' genes uniformly.
 */
export function sampleUniform(model: SpaceModel, random: () => number): number[] {
  const genome = model.genes.map(() => 0);
  const pick = (n: number): number => Math.min(n - 1, Math.floor(random() * n));
  for (const g of model.genes) if (g.stage === undefined) genome[g.index] = pick(g.values.length);
  for (const stage of model.stages.values()) {
    const blockGenes = (b: number): Gene[] =>
      model.genes.filter((g) => g.stage === stage.name && g.block === b);
    let depth: number;
    if (stage.depth.kind === "gene") {
      const gene = model.genes[stage.depth.gene];
      // weight(d) = product of the choice counts of blocks 0..d-1 (as a float: only ratios matter).
      const weights = gene.values.map((d) => {
        let w = 1;
        for (let b = 0; b < d; b++) for (const g of blockGenes(b)) w *= g.values.length;
        return w;
      });
      const total = weights.reduce((a, b) => a + b, 0);
      let r = random() * total;
      let i = 0;
      while (i < weights.length - 1 && r >= weights[i]) r -= weights[i++];
      genome[gene.index] = i;
      depth = gene.values[i];
    } else depth = stage.depth.value as number;
    for (let b = 0; b < depth; b++) for (const g of blockGenes(b)) genome[g.index] = pick(g.values.length);
  }
  return genome;
}
