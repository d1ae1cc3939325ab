import { selectExamples } from "./dataset";
import type { Split } from "./dataset";
import { Rng } from "./rng";
import { stratifiedPick } from "./stratify";

/**
 * Splits a single-file dataset into training and validation parts: `fraction` of every class,
 * drawn with `seed`, goes to validation and never to training. Both keep the stored order.
 */
export function holdOut(
  split: Split,
  shape: readonly number[],
  classes: number,
  fraction: number,
  seed: number,
): { train: Split; validation: Split } {
  if (!(fraction > 0 && fraction < 1))
    throw new RangeError(`validation fraction ${fraction} is not in (0, 1)`);
  const { picked, rest } = stratifiedPick(
    split.labels,
    classes,
    (n) => Math.round(n * fraction),
    Rng.fromSeed(seed),
  );
  if (picked.length === 0 || rest.length === 0) {
    throw new RangeError(
      `${split.count} examples are too few to hold out ${Math.round(fraction * 100)}% per class for validation`,
    );
  }
  return { train: selectExamples(split, shape, rest), validation: selectExamples(split, shape, picked) };
}
