import { featureWidth } from "../../../language/shapes";
import type { OpKernel } from "./kernel";
import { biasWeight, intArg, linear, linearWeight } from "./kernel";

/** Fully connected with bias, on a vector or on each token of a sequence; elastic in and out width. */
export const dense: OpKernel = {
  weights(step) {
    const n = featureWidth(step.input),
      units = intArg(step, "units");
    return [linearWeight("w", [n, units], n), biasWeight("b", units)];
  },
  forward(ctx, step, x) {
    const n = x.shape[x.rank - 1],
      units = intArg(step, "units");
    return linear(ctx, x, ctx.weight("w", [n, units]), ctx.weight("b", [units]));
  },
};
