import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import type { OpLayers } from "./scope";
import { on } from "./scope";

/**
 * Token embedding plus a learned position embedding. tfjs-layers has no layer that adds a
 * learned per-position tensor, so the position table is the bias of a 1×1 depthwise convolution
 * with unit kernel over the sequence flattened into channels: standard layers only, exactly
 * x + position, and the table stays a trainable weight.
 */
export const embedding: OpLayers = (scope, x) => {
  const { step } = scope;
  if (step.input.kind !== "tokens" || step.output.kind !== "seq")
    throw new Error(`${step.id}: embedding maps tokens to a sequence`);
  const { length, dim } = step.output;
  const table = scope.weights.weight("table");
  const tokens = on(
    tfl.layers.embedding({
      inputDim: step.input.vocab,
      outputDim: dim,
      weights: [table],
      name: scope.name("table"),
    }),
    x,
  );
  const channels = on(
    tfl.layers.reshape({ targetShape: [1, 1, length * dim], name: scope.name("flat") }),
    tokens,
  );
  const position = tf.reshape(scope.weights.weight("position"), [length * dim]);
  const shifted = on(
    tfl.layers.depthwiseConv2d({
      kernelSize: 1,
      depthMultiplier: 1,
      useBias: true,
      weights: [tf.ones([1, 1, length * dim, 1]), position],
      name: scope.name("position"),
    }),
    channels,
  );
  return on(tfl.layers.reshape({ targetShape: [length, dim], name: scope.name("sequence") }), shifted);
};
