import type { Normalization } from "./normalization";

/** Raw example values as stored: uint8 pixels, or float features (CSV, non-byte IDX). */
export type Features = Uint8Array | Float32Array;

/** One split of a dataset: `count` examples, row-major, each of `shape` values. */
export interface Split {
  readonly count: number;
  readonly features: Features;
  readonly labels: Int32Array;
}

export interface Dataset {
  readonly name: string;
  /** One example's shape: [H, W, C] for images, [F] for feature vectors. */
  readonly shape: readonly number[];
  readonly classes: number;
  readonly classNames: readonly string[];
  readonly normalization: Normalization;
  readonly train: Split;
  /** Held out: never part of `train`, so validation accuracy measures generalisation. */
  readonly validation: Split;
  /** Where the data came from, for the run's log (e.g. "Debian package dataset-fashion-mnist at …"). */
  readonly source: string;
}

export function exampleSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The examples at `indices`, in that order, copied into a new split. */
export function selectExamples(split: Split, shape: readonly number[], indices: ArrayLike<number>): Split {
  const size = exampleSize(shape);
  const features =
    split.features instanceof Uint8Array
      ? new Uint8Array(indices.length * size)
      : new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i];
    features.set(split.features.subarray(from * size, (from + 1) * size), i * size);
    labels[i] = split.labels[from];
  }
  return { count: indices.length, features, labels };
}

/** How many examples of each class the split holds. */
export function classCounts(split: Split, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of split.labels) counts[label]++;
  return counts;
}
