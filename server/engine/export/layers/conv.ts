import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { intArg } from "../../supernet/ops/kernel";
import type { LayerScope, OpLayers } from "./scope";
import { on } from "./scope";

/** `conv`: a Conv2D without bias; a grouped one as a dense Conv2D with a block-diagonal kernel. */
export const conv: OpLayers = (scope, x) => {
  const { step } = scope;
  const groups = intArg(step, "groups");
  const w = scope.weights.weight("w") as tf.Tensor4D;
  const kernel = groups === 1 ? w : blockDiagonal(w, groups);
  return on(
    tfl.layers.conv2d({
      filters: intArg(step, "out"),
      kernelSize: intArg(step, "kernel"),
      strides: intArg(step, "stride"),
      padding: "same",
      useBias: false,
      weights: [kernel],
      name: scope.name("conv"),
    }),
    x,
  );
};

/**
 * The grouped kernel [k, k, cin/G, out] as a dense [k, k, cin, out] one: group g's output
 * channels read only its input channels (the engine splits both into G equal parts, in order).
 * tfjs-layers' Conv2D has no groups; the zeros cost MACs but give the same function.
 */
function blockDiagonal(w: tf.Tensor4D, groups: number): tf.Tensor4D {
  const perGroup = w.shape[2];
  const parts = tf.split(w, groups, 3).map((part, g) =>
    tf.pad(part as tf.Tensor4D, [
      [0, 0],
      [0, 0],
      [g * perGroup, (groups - 1 - g) * perGroup],
      [0, 0],
    ]),
  );
  return tf.concat4d(parts, 3);
}

/** A same-padded depthwise convolution without bias from the op's weight `name` [k, k, c, 1]. */
export function depthwise(
  scope: LayerScope,
  name: string,
  stride: number,
  x: tfl.SymbolicTensor,
  part = name,
): tfl.SymbolicTensor {
  const w = scope.weights.weight(name);
  return on(
    tfl.layers.depthwiseConv2d({
      kernelSize: w.shape[0],
      strides: stride,
      padding: "same",
      depthMultiplier: 1,
      useBias: false,
      weights: [w],
      name: scope.name(part),
    }),
    x,
  );
}

export const dwconv: OpLayers = (scope, x) =>
  depthwise(scope, "w", intArg(scope.step, "stride"), x, "dwconv");

/** A 1×1 convolution without bias from the op's weight `name` [1, 1, cin, out]. */
export function pointwise(
  scope: LayerScope,
  name: string,
  x: tfl.SymbolicTensor,
  part = name,
): tfl.SymbolicTensor {
  const w = scope.weights.weight(name);
  return on(
    tfl.layers.conv2d({
      filters: w.shape[3]!,
      kernelSize: 1,
      padding: "same",
      useBias: false,
      weights: [w],
      name: scope.name(part),
    }),
    x,
  );
}

/** ViT patches: a size×size Conv2D with stride size and bias, then the patches as a sequence. */
export const patchify: OpLayers = (scope, x) => {
  const { step } = scope;
  const size = intArg(step, "size");
  if (step.output.kind !== "seq") throw new Error(`${step.id}: patchify gives a sequence`);
  const patches = on(
    tfl.layers.conv2d({
      filters: step.output.dim,
      kernelSize: size,
      strides: size,
      padding: "valid",
      useBias: true,
      weights: [scope.weights.weight("w"), scope.weights.weight("b")],
      name: scope.name("patches"),
    }),
    x,
  );
  return on(
    tfl.layers.reshape({ targetShape: [step.output.length, step.output.dim], name: scope.name("tokens") }),
    patches,
  );
};
