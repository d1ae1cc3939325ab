import type { Features } from "./dataset";

/**
 * THE normalisation of every model input, defined here and nowhere else:
 *
 *     x = (raw × scale − mean[c]) / std[c]
 *
 * where c is the index along the last axis of an example (the channel of an image, the feature
 * of a vector). Images: scale = 1/255 and mean/std per channel (so pixels first map to [0, 1]);
 * features: scale = 1 and mean/std per feature. Named datasets carry fixed mean/std measured on
 * their full official training set (see catalog.ts), so a model trained on the embedded subset
 * sees the same inputs as one trained on the full set; other datasets fit them on their training
 * split. Export and evaluation must apply the same object, so it is plain JSON.
 */
export interface Normalization {
  readonly scale: number;
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

export const PIXEL_SCALE = 1 / 255;

/** Normalises `rows` examples of `rowSize` values starting at example `first` into `out` at `outOffset`. */
export function normalizeInto(
  features: Features,
  first: number,
  rows: number,
  rowSize: number,
  norm: Normalization,
  out: Float32Array,
  outOffset: number,
): void {
  const channels = norm.mean.length;
  // Fold the affine map into one multiply-add per value: x = raw × a[c] + b[c].
  const a = norm.std.map((s) => norm.scale / s);
  const b = norm.mean.map((m, c) => -m / norm.std[c]);
  const start = first * rowSize;
  const n = rows * rowSize;
  for (let i = 0; i < n; i++) {
    const c = i % channels;
    out[outOffset + i] = features[start + i] * a[c] + b[c];
  }
}

/**
 * Mean and standard deviation per channel (last axis) of `raw × scale` over all examples; a
 * constant channel gets std 1 so it normalises to 0 instead of dividing by zero.
 */
export function fitNormalization(features: Features, channels: number, scale: number): Normalization {
  const sum = new Float64Array(channels);
  const sumSq = new Float64Array(channels);
  for (let i = 0; i < features.length; i++) {
    const v = features[i] * scale;
    sum[i % channels] += v;
    sumSq[i % channels] += v * v;
  }
  const perChannel = features.length / channels;
  const mean = Array.from(sum, (s) => s / perChannel);
  const std = Array.from(sumSq, (s, c) => {
    const variance = Math.max(0, s / perChannel - mean[c] * mean[c]);
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return { scale, mean, std };
}
