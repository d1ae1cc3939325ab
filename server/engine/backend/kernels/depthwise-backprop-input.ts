import { backend_util, DepthwiseConv2dNativeBackpropInput } from "@tensorflow/tfjs-core";
import type {
  DepthwiseConv2dNativeBackpropInputAttrs,
  KernelBackend,
  KernelFunc,
  TensorInfo,
} from "@tensorflow/tfjs-core";
import { KernelCalls } from "../kernel-calls";
import { assertUndilated, inputGradientPads, spreadByStride } from "./conv-geometry";
import type { Shape4 } from "./conv-geometry";

/**
 * dx[b,h,w,c] = Σ_m (spread dy ⋆ flipped filter)[b,h,w,c·M+m]: a depthwise convolution with
 * multiplier 1 over all C·M gradient channels, then a sum over each channel's M outputs.
 */
export function depthwiseBackpropInput(backendName: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, dilations, pad, dimRoundingMode, inputShape } =
      attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
    assertUndilated(dilations, DepthwiseConv2dNativeBackpropInput);
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as Shape4,
      strides,
      1,
      pad,
      dimRoundingMode,
      true,
    );
    const [filterHeight, filterWidth, channels, multiplier] = filter.shape;
    const calls = new KernelCalls(backend as KernelBackend, backendName);
    return calls.finish(() => {
      const flipped = calls.reshape(calls.reverse(filter, [0, 1]), [
        filterHeight,
        filterWidth,
        channels * multiplier,
        1,
      ]);
      const spread = spreadByStride(calls, dy, info);
      const pads = inputGradientPads(info);
      const perOutput = calls.conv("depthwise", spread, flipped, { dilations: [1, 1], pads });
      if (multiplier === 1) return perOutput;
      const [batch, height, width] = inputShape;
      return calls.sum(calls.reshape(perOutput, [batch, height, width, channels, multiplier]), [4]);
    });
  };
}
