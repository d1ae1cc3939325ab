import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { intArg } from "../../supernet/ops/kernel";
import { layerNorm } from "./basic";
import type { LayerScope, OpLayers } from "./scope";
import { dense, on } from "./scope";

/**
 * The engine's pre-norm encoder layer from standard layers: x + MHSA(LN(x)), then x + MLP(LN(x))
 * with GELU. tfjs-layers' Dot works on rank ≤ 3 only, so each head is its own q/k/v Dense
 * (the head's columns of the shared projections), its own scores and weighted sum; the heads are
 * concatenated in order, as the engine's reshape lays them out.
 */
export const transformer: OpLayers = (scope, x) => {
  const { step } = scope;
  const heads = intArg(step, "heads");
  const headWidth = intArg(step, "dim") / heads;
  const normed = layerNorm(scope, "ln1", x);
  const perHead = Array.from({ length: heads }, (_, h) => attentionHead(scope, normed, h, headWidth));
  const attended =
    heads === 1 ? perHead[0] : on(tfl.layers.concatenate({ axis: -1, name: scope.name("heads") }), perHead);
  const afterAttention = on(tfl.layers.add({ name: scope.name("attention_residual") }), [
    x,
    dense(scope, "out", attended),
  ]);
  const hidden = dense(scope, "mlp1", layerNorm(scope, "ln2", afterAttention), "gelu");
  return on(tfl.layers.add({ name: scope.name("mlp_residual") }), [
    afterAttention,
    dense(scope, "mlp2", hidden),
  ]);
};

function attentionHead(
  scope: LayerScope,
  x: tfl.SymbolicTensor,
  head: number,
  width: number,
): tfl.SymbolicTensor {
  const columns = (name: string): tf.Tensor[] => {
    const w = scope.weights.weight(`${name}.w`);
    const b = scope.weights.weight(`${name}.b`);
    return [tf.slice(w, [0, head * width], [-1, width]), tf.slice(b, [head * width], [width])];
  };
  const project = (name: string): tfl.SymbolicTensor =>
    dense(scope, name, x, undefined, columns(name), `${name}${head}`);
  const scores = on(tfl.layers.dot({ axes: [2, 2], name: scope.name(`scores${head}`) }), [
    project("q"),
    project("k"),
  ]);
  const scaled = on(
    tfl.layers.rescaling({ scale: 1 / Math.sqrt(width), name: scope.name(`scale${head}`) }),
    scores,
  );
  const weights = on(tfl.layers.softmax({ axis: -1, name: scope.name(`softmax${head}`) }), scaled);
  return on(tfl.layers.dot({ axes: [2, 1], name: scope.name(`attend${head}`) }), [weights, project("v")]);
}
