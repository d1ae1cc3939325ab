import { featureWidth } from "../../../language/shapes";
import type { OpKernel } from "./kernel";
import { normWeights } from "./kernel";

/** `bn`: BatchNorm over the last axis, its γ and β shared and sliced to the width. */
export const bn: OpKernel = {
  weights: (step) => normWeights("bn", featureWidth(step.input)),
  forward: (ctx, _step, x) => ctx.batchNorm("bn", x),
};

export const layernorm: OpKernel = {
  weights: (step) => normWeights("ln", featureWidth(step.input)),
  forward: (ctx, _step, x) => ctx.layerNorm("ln", x),
};
