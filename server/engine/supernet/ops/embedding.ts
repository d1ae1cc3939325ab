import * as tf from "@tensorflow/tfjs-core";
import type { OpKernel } from "./kernel";
import { intArg } from "./kernel";

/** Token embedding plus a learned position embedding; elastic width (leading columns). */
export const embedding: OpKernel = {
  weights(step) {
    if (step.input.kind !== "tokens") throw new Error(`${step.id}: embedding needs tokens`);
    const dim = intArg(step, "dim");
    return [
      { name: "table", shape: [step.input.vocab, dim], init: { kind: "normal", std: 0.02 }, decay: true },
      {
        name: "position",
        shape: [step.input.length, dim],
        init: { kind: "normal", std: 0.02 },
        decay: false,
      },
    ];
  },
  forward(ctx, step, x) {
    if (step.input.kind !== "tokens") throw new Error(`${step.id}: embedding needs tokens`);
    const dim = intArg(step, "dim");
    const table = ctx.weight("table", [step.input.vocab, dim]);
    const position = ctx.weight("position", [step.input.length, dim]);
    return tf.add(tf.gather(table, tf.cast(x, "int32")), position);
  },
};
