import * as tf from "@tensorflow/tfjs-core";
import type { OpContext } from "../context";
import type { OpKernel } from "./kernel";
import { biasWeight, heWeight, imageShape, intArg } from "./kernel";

/** Same-padded convolution without bias, optionally grouped; elastic kernel, input and output width. */
export const conv: OpKernel = {
  weights(step) {
    const { c } = imageShape(step.input);
    const k = intArg(step, "kernel"),
      groups = intArg(step, "groups");
    return [heWeight("w", [k, k, c / groups, intArg(step, "out")], (k * k * c) / groups)];
  },
  forward(ctx, step, x) {
    const groups = intArg(step, "groups"),
      stride = intArg(step, "stride");
    const w = ctx.kernel("w", intArg(step, "kernel"), [
      x.shape[3]! / groups,
      intArg(step, "out"),
    ]) as tf.Tensor4D;
    const y =
      groups === 1
        ? tf.conv2d(x as tf.Tensor4D, w, stride, "same")
        : groupedConv(x as tf.Tensor4D, w, groups, stride);
    ctx.countMacs(w.size * y.shape[1]! * y.shape[2]!);
    return y;
  },
};

/** Group g convolves input channels [g·cin/G, …) with output channels [g·out/G, …) of the weight. */
function groupedConv(x: tf.Tensor4D, w: tf.Tensor4D, groups: number, stride: number): tf.Tensor4D {
  const inputs = tf.split(x, groups, 3) as tf.Tensor4D[];
  const filters = tf.split(w, groups, 3) as tf.Tensor4D[];
  return tf.concat4d(
    inputs.map((part, g) => tf.conv2d(part, filters[g], stride, "same")),
    3,
  );
}

/** Same-padded depthwise convolution; elastic kernel (centre) and width (leading channels). */
export const dwconv: OpKernel = {
  weights(step) {
    const k = intArg(step, "kernel");
    return [heWeight("w", [k, k, imageShape(step.input).c, 1], k * k)];
  },
  forward(ctx, step, x) {
    return depthwise(ctx, "w", x as tf.Tensor4D, intArg(step, "kernel"), intArg(step, "stride"));
  },
};

export function depthwise(
  ctx: OpContext,
  name: string,
  x: tf.Tensor4D,
  k: number,
  stride: number,
): tf.Tensor4D {
  const w = ctx.kernel(name, k, [x.shape[3], 1]) as tf.Tensor4D;
  const y = tf.depthwiseConv2d(x, w, stride, "same");
  ctx.countMacs(w.size * y.shape[1] * y.shape[2]);
  return y;
}

/** 1×1 convolution (expand and project of an inverted residual block). */
export function pointwise(ctx: OpContext, name: string, x: tf.Tensor4D, out: number): tf.Tensor4D {
  const w = ctx.weight(name, [1, 1, x.shape[3], out]) as tf.Tensor4D;
  ctx.countMacs(w.size * x.shape[1] * x.shape[2]);
  return tf.conv2d(x, w, 1, "same");
}

/** ViT patches: a size×size convolution with stride size and a bias, flattened to a sequence. */
export const patchify: OpKernel = {
  weights(step) {
    const { c } = imageShape(step.input);
    const size = intArg(step, "size"),
      dim = intArg(step, "dim");
    return [heWeight("w", [size, size, c, dim], size * size * c), biasWeight("b", dim)];
  },
  forward(ctx, step, x) {
    const size = intArg(step, "size"),
      dim = intArg(step, "dim");
    const w = ctx.weight("w", [size, size, x.shape[3]!, dim]) as tf.Tensor4D;
    const patches = tf.add(tf.conv2d(x as tf.Tensor4D, w, size, "valid"), ctx.weight("b", [dim]));
    const [n, h, wide] = patches.shape;
    ctx.countMacs(w.size * h * wide);
    return tf.reshape(patches, [n, h * wide, dim]);
  },
};
