import * as tfl from "@tensorflow/tfjs-layers";
import { intArg } from "../../supernet/ops/kernel";
import { NORM_EPSILON } from "../../supernet/normalization";
import type { LayerScope, OpLayers } from "./scope";
import { activation, batchNorm, dense, on } from "./scope";

/** `dense`: per vector, or per token of a sequence (Dense acts on the last axis). */
export const denseOp: OpLayers = (scope, x) =>
  dense(scope, "dense", x, undefined, [scope.weights.weight("w"), scope.weights.weight("b")]);

export const bn: OpLayers = (scope, x) => batchNorm(scope, "bn", x);

export const layernorm: OpLayers = (scope, x) => layerNorm(scope, "ln", x);

export function layerNorm(scope: LayerScope, name: string, x: tfl.SymbolicTensor): tfl.SymbolicTensor {
  const weights = [scope.weights.weight(`${name}.gamma`), scope.weights.weight(`${name}.beta`)];
  return on(
    tfl.layers.layerNormalization({ axis: -1, epsilon: NORM_EPSILON, weights, name: scope.name(name) }),
    x,
  );
}

/** The elementwise activation ops (`relu`, `relu6`, `hswish`, `gelu`). */
export function activationOp(name: string): OpLayers {
  return (scope, x) => activation(scope, name, name, x);
}

/** Identity at inference, as the engine's; kept so a model trained further drops out the same. */
export const dropout: OpLayers = (scope, x) =>
  on(tfl.layers.dropout({ rate: scope.step.args.rate as number, name: scope.name("dropout") }), x);

export function pool(kind: "max" | "avg"): OpLayers {
  return (scope, x) => {
    const k = intArg(scope.step, "kernel");
    const args = {
      poolSize: k,
      strides: intArg(scope.step, "stride") || k,
      padding: "same" as const,
      name: scope.name(`${kind}pool`),
    };
    return on(kind === "max" ? tfl.layers.maxPooling2d(args) : tfl.layers.averagePooling2d(args), x);
  };
}

/** Global average pooling over H and W of an image, over the tokens of a sequence. */
export const gap: OpLayers = (scope, x) =>
  on(
    scope.step.input.kind === "image"
      ? tfl.layers.globalAveragePooling2d({ name: scope.name("gap") })
      : tfl.layers.globalAveragePooling1d({ name: scope.name("gap") }),
    x,
  );

/** A vector is already flat (the engine's reshape is the identity there). */
export const flatten: OpLayers = (scope, x) =>
  scope.step.input.kind === "vector" ? x : on(tfl.layers.flatten({ name: scope.name("flatten") }), x);
