import * as tf from "@tensorflow/tfjs-core";
import { featureWidth } from "../../../language/shapes";
import { activate } from "../activations";
import type { OpContext } from "../context";
import type { WeightSpec } from "../weights";
import type { OpKernel } from "./kernel";
import { biasWeight, intArg, linear, normWeights } from "./kernel";

/** ViT's initialisation of transformer linear layers. */
const LINEAR_STD = 0.02;

function projection(name: string, inputs: number, outputs: number): WeightSpec[] {
  return [
    { name: `${name}.w`, shape: [inputs, outputs], init: { kind: "normal", std: LINEAR_STD }, decay: true },
    biasWeight(`${name}.b`, outputs),
  ];
}

/** x · W[:in, :out] + b[:out]: the leading rows and columns of a shared projection. */
function project(ctx: OpContext, name: string, x: tf.Tensor, outputs: number): tf.Tensor {
  const inputs = x.shape[x.rank - 1];
  return linear(ctx, x, ctx.weight(`${name}.w`, [inputs, outputs]), ctx.weight(`${name}.b`, [outputs]));
}

/**
 * A pre-norm encoder layer: x + MHSA(LN(x)), then x + MLP(LN(x)) with GELU. q, k and v take the
 * first `dim` columns of the shared projections, split into `heads` heads of dim/heads; the
 * MLP takes the first `mlp` hidden units; the sequence width D takes the leading rows.
 */
export const transformer: OpKernel = {
  weights(step) {
    const width = featureWidth(step.input),
      dim = intArg(step, "dim"),
      mlp = intArg(step, "mlp");
    return [
      ...normWeights("ln1", width),
      ...projection("q", width, dim),
      ...projection("k", width, dim),
      ...projection("v", width, dim),
      ...projection("out", dim, width),
      ...normWeights("ln2", width),
      ...projection("mlp1", width, mlp),
      ...projection("mlp2", mlp, width),
    ];
  },
  forward(ctx, step, input) {
    const x = input as tf.Tensor3D;
    const [n, length, width] = x.shape;
    const dim = intArg(step, "dim"),
      heads = intArg(step, "heads");
    const headWidth = dim / heads;
    const normed = ctx.layerNorm("ln1", x);
    const split = (t: tf.Tensor): tf.Tensor4D =>
      tf.transpose(tf.reshape(t, [n, length, heads, headWidth]), [0, 2, 1, 3]);
    const q = split(project(ctx, "q", normed, dim));
    const k = split(project(ctx, "k", normed, dim));
    const v = split(project(ctx, "v", normed, dim));
    const scores = tf.softmax(tf.div(tf.matMul(q, k, false, true), Math.sqrt(headWidth)));
    const attended = tf.reshape(tf.transpose(tf.matMul(scores, v), [0, 2, 1, 3]), [n, length, dim]);
    ctx.countMacs(2 * length * length * dim);
    const afterAttention = tf.add(x, project(ctx, "out", attended, width));
    const hidden = activate(
      project(ctx, "mlp1", ctx.layerNorm("ln2", afterAttention), intArg(step, "mlp")),
      "gelu",
    );
    return tf.add(afterAttention, project(ctx, "mlp2", hidden, width));
  },
};
