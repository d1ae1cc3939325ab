import { backend_util, Conv2DBackpropFilter } from "@tensorflow/tfjs-core";
import type { Conv2DBackpropFilterAttrs, KernelBackend, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import { KernelCalls } from "../kernel-calls";
import { assertChannelsLast, filterGradientPads } from "./conv-geometry";
import type { Shape4 } from "./conv-geometry";

/**
 * dW[kh,kw,ci,co] = Σ_b,oh,ow x[b, oh·s+kh−pt, ow·s+kw−pl, ci] · dy[b,oh,ow,co]: a convolution
 * of x with its channels as the batch and its batch as the channels, by dy (batch as input
 * channels) with its taps dilated by the stride. XNNPACK does the whole reduction as one GEMM.
 */
export function conv2dBackpropFilter(backendName: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
      attrs as unknown as Conv2DBackpropFilterAttrs;
    assertChannelsLast(dataFormat, Conv2DBackpropFilter);
    const info = backend_util.computeConv2DInfo(
      x.shape as Shape4,
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const calls = new KernelCalls(backend as KernelBackend, backendName);
    return calls.finish(() => {
      const channelsAsBatch = calls.transpose(x, [3, 1, 2, 0]);
      const gradientAsFilter = calls.transpose(dy, [1, 2, 0, 3]);
      const dilations: [number, number] = [info.strideHeight, info.strideWidth];
      const pads = filterGradientPads(info);
      const perChannel = calls.conv("dense", channelsAsBatch, gradientAsFilter, { dilations, pads });
      return calls.transpose(perChannel, [1, 2, 0, 3]);
    });
  };
}
