import * as tf from "@tensorflow/tfjs-core";

/**
 * Elastic resolution: a normalised image batch (N, H, W, C) resized to side × side on the fly.
 * Bilinear with half-pixel centres, as PyTorch's interpolate(align_corners=False) and TF2's
 * tf.image.resize. Because bilinear weights sum to one, resizing commutes with normalisation,
 * so batches are normalised once at the dataset's own resolution and resized per subnet.
 * Returns the input itself (not a copy) when it already has that size; the caller owns both.
 */
export function resizeBatch(x: tf.Tensor4D, side: number): tf.Tensor4D {
  if (!Number.isInteger(side) || side < 1) throw new RangeError(`resizeBatch: bad side ${side}`);
  const [, height, width] = x.shape;
  if (height === side && width === side) return x;
  return tf.image.resizeBilinear(x, [side, side], false, true);
}
