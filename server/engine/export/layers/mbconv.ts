import * as tfl from "@tensorflow/tfjs-layers";
import { intArg } from "../../supernet/ops/kernel";
import { depthwise, pointwise } from "./conv";
import type { LayerScope, OpLayers } from "./scope";
import { activation, batchNorm, dense, hardSigmoid, on } from "./scope";

/**
 * The inverted residual block as the engine's mbconv kernel runs it: 1×1 expand + BN + act
 * (absent when expand = 1), depthwise + BN + act, optional squeeze-and-excitation, 1×1 project
 * + BN. The skip connection is added by the model builder, from the plan, as the engine does.
 */
export const mbconv: OpLayers = (scope, x) => {
  const { step } = scope;
  const act = step.args.act as string;
  let h = x;
  if (step.args.expand !== 1) {
    h = activation(
      scope,
      act,
      "expand_act",
      batchNorm(scope, "expand.bn", pointwise(scope, "expand.w", h, "expand")),
    );
  }
  h = depthwise(scope, "dw.w", intArg(step, "stride"), h, "dw");
  h = activation(scope, act, "dw_act", batchNorm(scope, "dw.bn", h));
  if (step.args.se) h = squeezeExcite(scope, h);
  return batchNorm(scope, "project.bn", pointwise(scope, "project.w", h, "project"));
};

/** SE: global pool, dense + relu, dense + hard sigmoid, a channel-wise gate. */
function squeezeExcite(scope: LayerScope, x: tfl.SymbolicTensor): tfl.SymbolicTensor {
  const mid = x.shape[3]!;
  const pooled = on(tfl.layers.globalAveragePooling2d({ name: scope.name("se_pool") }), x);
  const hidden = dense(
    scope,
    "se",
    pooled,
    "relu",
    [scope.weights.weight("se.w1"), scope.weights.weight("se.b1")],
    "se_reduce",
  );
  const logits = dense(
    scope,
    "se",
    hidden,
    undefined,
    [scope.weights.weight("se.w2"), scope.weights.weight("se.b2")],
    "se_expand",
  );
  const gate = on(
    tfl.layers.reshape({ targetShape: [1, 1, mid], name: scope.name("se_gate") }),
    hardSigmoid(scope, "se_sigmoid", logits),
  );
  return on(tfl.layers.multiply({ name: scope.name("se_apply") }), [x, gate]);
}
