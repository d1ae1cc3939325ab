import * as tf from "@tensorflow/tfjs-core";
import { activate } from "../activations";
import type { OpKernel } from "./kernel";
import { intArg } from "./kernel";

/** An activation op (`relu`, `relu6`, `hswish`, `gelu`): no weights. */
export function activation(name: string): OpKernel {
  return { weights: () => [], forward: (_ctx, _step, x) => activate(x, name) };
}

export const dropout: OpKernel = {
  weights: () => [],
  forward: (ctx, step, x) => ctx.dropout(x, step.args.rate as number),
};

/** `maxpool` / `avgpool`: same padding; the stride defaults to the window. */
export function pool(kind: "max" | "avg"): OpKernel {
  return {
    weights: () => [],
    forward(_ctx, step, x) {
      const k = intArg(step, "kernel");
      const stride = intArg(step, "stride") || k;
      const image = x as tf.Tensor4D;
      return kind === "max" ? tf.maxPool(image, k, stride, "same") : tf.avgPool(image, k, stride, "same");
    },
  };
}

/** Global average pooling: over H and W of an image, over the tokens of a sequence. */
export const gap: OpKernel = {
  weights: () => [],
  forward: (_ctx, _step, x) => tf.mean(x, x.rank === 4 ? [1, 2] : [1]),
};

export const flatten: OpKernel = {
  weights: () => [],
  forward: (_ctx, _step, x) => tf.reshape(x, [x.shape[0], x.size / x.shape[0]]),
};
