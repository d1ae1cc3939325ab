import { selectExamples } from "./dataset";
import type { Split } from "./dataset";
import { Rng } from "./rng";
import { stratifiedPick } from "./stratify";

/**
 * How the embedded Fashion-MNIST subset is drawn from the official files: with one generator
 * seeded SUBSET_SEED, 600 training images per class from the official training set, then 100
 * validation images per class from the official test set; each kept in official order.
 */
export const SUBSET_SEED = 20170825;
export const SUBSET_TRAIN_PER_CLASS = 600;
export const SUBSET_VALIDATION_PER_CLASS = 100;

export function drawSubset(full: {
  readonly shape: readonly number[];
  readonly classes: number;
  readonly train: Split;
  readonly validation: Split;
}): { train: Split; validation: Split; trainIndices: number[]; validationIndices: number[] } {
  const rng = Rng.fromSeed(SUBSET_SEED);
  const trainIndices = stratifiedPick(
    full.train.labels,
    full.classes,
    () => SUBSET_TRAIN_PER_CLASS,
    rng,
  ).picked;
  const validationIndices = stratifiedPick(
    full.validation.labels,
    full.classes,
    () => SUBSET_VALIDATION_PER_CLASS,
    rng,
  ).picked;
  return {
    train: selectExamples(full.train, full.shape, trainIndices),
    validation: selectExamples(full.validation, full.shape, validationIndices),
    trainIndices,
    validationIndices,
  };
}
