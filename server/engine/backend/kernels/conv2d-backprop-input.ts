import { backend_util, Conv2DBackpropInput } from "@tensorflow/tfjs-core";
import type { Conv2DBackpropInputAttrs, KernelBackend, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import { KernelCalls } from "../kernel-calls";
import { assertChannelsLast, inputGradientPads, spreadByStride } from "./conv-geometry";
import type { Shape4 } from "./conv-geometry";

/**
 * dx = the output gradient, spread out by the stride, convolved (stride 1) with the filter
 * flipped in space and with its in/out channels swapped: the forward convolution kernel does
 * the work instead of the naive loop that wasm ships for this kernel.
 */
export function conv2dBackpropInput(backendName: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
    assertChannelsLast(dataFormat, Conv2DBackpropInput);
    const info = backend_util.computeConv2DInfo(inputShape, filter.shape as Shape4, strides, 1, pad, dimRoundingMode);
    const calls = new KernelCalls(backend as KernelBackend, backendName);
    return calls.finish(() => {
      const flipped = calls.transpose(calls.reverse(filter, [0, 1]), [0, 1, 3, 2]);
      const spread = spreadByStride(calls, dy, info);
      return calls.conv("dense", spread, flipped, { dilations: [1, 1], pads: inputGradientPads(info) });
    });
  };
}
