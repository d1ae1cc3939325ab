import type { Split } from "./dataset";
import { DataError } from "./errors";
import type { IdxArray } from "./idx";

export interface IdxExamples {
  /** One example's shape: [H, W, 1] for N×H×W files, [H, W, C] for N×H×W×C, [F] for N×F. */
  readonly shape: number[];
  readonly split: Split;
}

/**
 * Pairs an images file with its labels file into a split, checking that they agree; `where`
 * names the two files in errors.
 */
export function examplesFromIdx(
  images: IdxArray,
  labels: IdxArray,
  where: { readonly images: string; readonly labels: string },
): IdxExamples {
  if (images.dims.length < 2 || images.dims.length > 4) {
    throw new DataError(
      where.images,
      `expected examples of rank 2 (N×F), 3 (N×H×W) or 4 (N×H×W×C), found dimensions ${images.dims.join("×")}`,
    );
  }
  if (labels.dims.length !== 1) {
    throw new DataError(
      where.labels,
      `expected a labels file of rank 1 (N), found dimensions ${labels.dims.join("×")}`,
    );
  }
  if (labels.dtype === "float32" || labels.dtype === "float64") {
    throw new DataError(where.labels, `labels must be integers, the file holds ${labels.dtype}`);
  }
  const count = images.dims[0];
  if (labels.dims[0] !== count) {
    throw new DataError(
      where.labels,
      `count mismatch: ${labels.dims[0]} labels, but ${where.images} holds ${count} examples`,
    );
  }
  const negative = labels.data.findIndex((l) => l < 0);
  if (negative >= 0) {
    throw new DataError(where.labels, `label ${labels.data[negative]} at index ${negative} is negative`);
  }
  const rest = images.dims.slice(1);
  const shape = rest.length === 2 ? [...rest, 1] : rest;
  const features = images.dtype === "uint8" ? (images.data as Uint8Array) : Float32Array.from(images.data);
  return { shape, split: { count, features, labels: Int32Array.from(labels.data) } };
}

/** The inverse of examplesFromIdx: a split as an images array and a labels array. */
export function idxFromExamples(
  split: Split,
  shape: readonly number[],
): { images: IdxArray; labels: IdxArray } {
  // Single-channel images are stored N×H×W, as in the MNIST files.
  const exampleDims = shape.length === 3 && shape[2] === 1 ? shape.slice(0, 2) : [...shape];
  const images: IdxArray =
    split.features instanceof Uint8Array
      ? { dtype: "uint8", dims: [split.count, ...exampleDims], data: split.features }
      : { dtype: "float32", dims: [split.count, ...exampleDims], data: split.features };
  const byteLabels = split.labels.every((l) => l < 256);
  const labels: IdxArray = byteLabels
    ? { dtype: "uint8", dims: [split.count], data: Uint8Array.from(split.labels) }
    : { dtype: "int32", dims: [split.count], data: split.labels };
  return { images, labels };
}
