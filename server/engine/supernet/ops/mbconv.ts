import * as tf from "@tensorflow/tfjs-core";
import { expandedWidth, seWidth } from "../../../language/ops";
import { activate, hardSigmoid } from "../activations";
import type { OpContext } from "../context";
import type { WeightSpec } from "../weights";
import { depthwise, pointwise } from "./conv";
import type { OpKernel } from "./kernel";
import { biasWeight, heWeight, imageShape, intArg, linearWeight, normWeights } from "./kernel";

/**
 * Inverted residual block as ops.ts defines it: 1×1 expand + BN + act (absent when expand = 1),
 * k×k depthwise (stride) + BN + act, optional squeeze-and-excitation, 1×1 project + BN. The skip
 * connection is the plan's (`step.skip`), added by the runner. Elastic kernel, expand and out.
 */
export const mbconv: OpKernel = {
  weights(step) {
    const { c } = imageShape(step.input);
    const expand = step.args.expand as number,
      k = intArg(step, "kernel"),
      out = intArg(step, "out");
    const mid = expandedWidth(c, expand);
    const specs: WeightSpec[] = [];
    if (expand !== 1) specs.push(heWeight("expand.w", [1, 1, c, mid], c), ...normWeights("expand.bn", mid));
    specs.push(heWeight("dw.w", [k, k, mid, 1], k * k), ...normWeights("dw.bn", mid));
    if (step.args.se) {
      const r = seWidth(mid);
      specs.push(
        heWeight("se.w1", [mid, r], mid),
        biasWeight("se.b1", r),
        linearWeight("se.w2", [r, mid], r),
        biasWeight("se.b2", mid),
      );
    }
    specs.push(heWeight("project.w", [1, 1, mid, out], mid), ...normWeights("project.bn", out));
    return specs;
  },
  forward(ctx, step, input) {
    const x = input as tf.Tensor4D;
    const expand = step.args.expand as number;
    const act = step.args.act as string;
    const mid = expandedWidth(x.shape[3], expand);
    let h: tf.Tensor4D = x;
    if (expand !== 1)
      h = activate(ctx.batchNorm("expand.bn", pointwise(ctx, "expand.w", x, mid)), act) as tf.Tensor4D;
    h = depthwise(ctx, "dw.w", h, intArg(step, "kernel"), intArg(step, "stride"));
    h = activate(ctx.batchNorm("dw.bn", h), act) as tf.Tensor4D;
    if (step.args.se) h = squeezeExcite(ctx, h, mid);
    return ctx.batchNorm("project.bn", pointwise(ctx, "project.w", h, intArg(step, "out")));
  },
};

/** SE: global pool, fc (bias) + relu, fc (bias) + hard sigmoid, channel-wise gate. */
function squeezeExcite(ctx: OpContext, x: tf.Tensor4D, mid: number): tf.Tensor4D {
  const r = seWidth(mid);
  const w1 = ctx.weight("se.w1", [mid, r]) as tf.Tensor2D;
  const w2 = ctx.weight("se.w2", [r, mid]) as tf.Tensor2D;
  ctx.countMacs(w1.size + w2.size);
  const pooled = tf.mean(x, [1, 2]) as tf.Tensor2D;
  const hidden = tf.relu(tf.add(tf.matMul(pooled, w1), ctx.weight("se.b1", [r]))) as tf.Tensor2D;
  const gate = hardSigmoid(tf.add(tf.matMul(hidden, w2), ctx.weight("se.b2", [mid])));
  return tf.mul(x, tf.reshape(gate, [x.shape[0], 1, 1, mid]));
}
