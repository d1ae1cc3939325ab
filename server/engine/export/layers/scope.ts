import type * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import type { OpStep } from "../../../language/plan";
import { NORM_EPSILON } from "../../supernet/normalization";
import type { OpWeights } from "../op-weights";

/** What an op's layer builder works with: its step, its weights, and unique layer names. */
export interface LayerScope {
  readonly step: OpStep;
  readonly weights: OpWeights;
  /** A layer name unique in the model for one part of this op, e.g. `s1_0__0_expand`. */
  name(part: string): string;
}

/**
 * Builds the standard tfjs-layers layers of one op, with the op's weights set, on a symbolic
 * input (with batch axis); returns the op's output. Inference behaviour must equal the engine
 * kernel's forward pass in inference mode.
 */
export type OpLayers = (scope: LayerScope, x: tfl.SymbolicTensor) => tfl.SymbolicTensor;

/** Applies a layer to one symbolic input. */
export function on(
  layer: tfl.layers.Layer,
  x: tfl.SymbolicTensor | tfl.SymbolicTensor[],
): tfl.SymbolicTensor {
  return layer.apply(x) as tfl.SymbolicTensor;
}

/** BatchNorm over the last axis with the subnet's recalibrated statistics, as the engine's (ε = NORM_EPSILON). */
export function batchNorm(scope: LayerScope, name: string, x: tfl.SymbolicTensor): tfl.SymbolicTensor {
  const { mean, variance } = scope.weights.normStatistics(name);
  const weights = [
    scope.weights.weight(`${name}.gamma`),
    scope.weights.weight(`${name}.beta`),
    mean,
    variance,
  ];
  return on(
    tfl.layers.batchNormalization({ axis: -1, epsilon: NORM_EPSILON, weights, name: scope.name(name) }),
    x,
  );
}

/** A linear layer from the op's `${name}.w` [in, out] and `${name}.b` (activation optional). */
export function dense(
  scope: LayerScope,
  name: string,
  x: tfl.SymbolicTensor,
  activation?: "relu" | "gelu",
  weights: tf.Tensor[] = [scope.weights.weight(`${name}.w`), scope.weights.weight(`${name}.b`)],
  part = name,
): tfl.SymbolicTensor {
  const units = weights[0].shape[1]!;
  return on(tfl.layers.dense({ units, activation, weights, name: scope.name(part) }), x);
}

/**
 * MobileNetV3's hard sigmoid relu6(x + 3) / 6, as the engine's: clip(x/6 + 1/2, 0, 1). tfjs-layers'
 * `hardSigmoid` activation is Keras 2's clip(0.2x + 0.5), a different function.
 */
export function hardSigmoid(scope: LayerScope, part: string, x: tfl.SymbolicTensor): tfl.SymbolicTensor {
  const scaled = on(
    tfl.layers.rescaling({ scale: 1 / 6, offset: 0.5, name: scope.name(`${part}_scale`) }),
    x,
  );
  return on(tfl.layers.reLU({ maxValue: 1, name: scope.name(`${part}_clip`) }), scaled);
}

/** The activations of ops.ts (`act:` arguments and the elementwise ops), as the engine's activations.ts. */
export function activation(
  scope: LayerScope,
  name: string,
  part: string,
  x: tfl.SymbolicTensor,
): tfl.SymbolicTensor {
  switch (name) {
    case "relu":
    case "relu6":
    case "gelu":
    case "sigmoid":
    case "swish":
      return on(tfl.layers.activation({ activation: name, name: scope.name(part) }), x);
    case "hswish":
      return on(tfl.layers.multiply({ name: scope.name(part) }), [x, hardSigmoid(scope, `${part}_gate`, x)]);
    case "none":
      return x;
    default:
      throw new Error(`${scope.step.id}: no layer for activation ${name}`);
  }
}
