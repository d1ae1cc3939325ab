/**
 * Subnets by their choices (gene path → value), the form runs log them in, mapped onto a space as
 * it is now: the file may have changed since the run, so every difference is said, not hidden.
 */
import type { Genome } from "./encoding";
import { canonicalize, isActive, nearestIndex } from "./encoding";
import type { SpaceModel } from "./model";

export type Choices = Readonly<Record<string, number>>;

export interface ResolvedChoices {
  /** Canonical: genes beyond a stage's depth at their first value. */
  readonly genome: Genome;
  /** What could not be taken as given, one sentence each. */
  readonly notes: readonly string[];
}

/** Choices onto the space's genes: a missing choice takes the largest value, an unknown value the nearest one. */
export function genomeFromChoices(model: SpaceModel, choices: Choices): ResolvedChoices {
  const notes: string[] = [];
  const missing: string[] = [];
  const genome = model.genes.map((g) => {
    const v = choices[g.path];
    if (v === undefined) {
      missing.push(g.path);
      return g.values.length - 1;
    }
    const i = g.values.indexOf(v);
    if (i >= 0) return i;
    const near = nearestIndex(g.values, v);
    notes.push(
      `${g.path} = ${v} is no longer a choice of ${model.name}; the nearest, ${g.values[near]}, is used`,
    );
    return near;
  });
  const canonical = canonicalize(model, genome);
  // A gene the run did not know matters only when it is active; inactive ones have no effect.
  const activeMissing = missing.filter((path) =>
    isActive(
      model,
      canonical,
      model.genes.find((g) => g.path === path)!,
    ),
  );
  if (activeMissing.length)
    notes.push(
      `${list(activeMissing)} ${activeMissing.length === 1 ? "is" : "are"} not in the run's choices; the largest value is used`,
    );
  const known = new Set(model.genes.map((g) => g.path));
  const unknown = Object.keys(choices).filter((path) => !known.has(path));
  if (unknown.length)
    notes.push(`${list(unknown)} ${unknown.length === 1 ? "is" : "are"} no longer in ${model.name}`);
  return { genome: canonical, notes };
}

/** The value of each active gene of a genome, by path, in the model's order. */
export function activeChoices(model: SpaceModel, genome: Genome): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of model.genes) if (isActive(model, genome, g)) out[g.path] = g.values[genome[g.index]];
  return out;
}

function list(paths: readonly string[]): string {
  const shown = paths.slice(0, 4).join(", ");
  return paths.length > 4 ? `${shown} and ${paths.length - 4} more` : shown;
}
