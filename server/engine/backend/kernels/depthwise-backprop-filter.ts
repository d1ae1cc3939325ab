import { backend_util, DepthwiseConv2dNativeBackpropFilter } from "@tensorflow/tfjs-core";
import type {
  DepthwiseConv2dNativeBackpropFilterAttrs,
  KernelBackend,
  KernelFunc,
  TensorInfo,
} from "@tensorflow/tfjs-core";
import { KernelCalls } from "../kernel-calls";
import { assertUndilated, filterGradientPads } from "./conv-geometry";
import type { Shape4 } from "./conv-geometry";

/**
 * dW[kh,kw,c,m] = Σ_b,oh,ow x[b, oh·s+kh−pt, ow·s+kw−pl, c] · dy[b,oh,ow,c·M+m]. Folding the
 * batch into the channels makes this one depthwise convolution of x (as a single image with
 * C·B channels) by dy (as a C·B-channel filter with M outputs each, taps dilated by the
 * stride); its KH×KW output is then summed over the batch.
 */
export function depthwiseBackpropFilter(backendName: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { strides, dilations, pad, dimRoundingMode, filterShape } =
      attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
    assertUndilated(dilations, DepthwiseConv2dNativeBackpropFilter);
    const info = backend_util.computeConv2DInfo(
      x.shape as Shape4,
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      true,
    );
    const [batch, height, width, channels] = x.shape;
    const [filterHeight, filterWidth, , multiplier] = filterShape;
    const calls = new KernelCalls(backend as KernelBackend, backendName);
    return calls.finish(() => {
      const image = calls.reshape(calls.transpose(x, [1, 2, 3, 0]), [1, height, width, channels * batch]);
      const perExample = calls.reshape(dy, [batch, info.outHeight, info.outWidth, channels, multiplier]);
      const filter = calls.reshape(calls.transpose(perExample, [1, 2, 3, 0, 4]), [
        info.outHeight,
        info.outWidth,
        channels * batch,
        multiplier,
      ]);
      const dilated: [number, number] = [info.strideHeight, info.strideWidth];
      const taps = calls.conv("depthwise", image, filter, {
        dilations: dilated,
        pads: filterGradientPads(info),
      });
      const byExample = calls.reshape(taps, [filterHeight, filterWidth, channels, batch, multiplier]);
      return calls.reshape(calls.sum(byExample, [3]), filterShape);
    });
  };
}
