import { backend_util, Conv2DBackpropInput } from "@tensorflow/tfjs-core";
import type { Conv2DBackpropInputAttrs, KernelBackend, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import { KernelCalls } from "../kernel-calls";
import { assertChannelsLast, inputGradientPads, spreadByStride, subPixelAxis } from "./conv-geometry";
import type { Shape4, SubPixelAxis } from "./conv-geometry";

type Conv2DInfo = backend_util.Conv2DInfo;

/**
 * dx as a forward convolution of dy, replacing the naive loop wasm ships for this kernel. With
 * equal strides it is the sub-pixel form (one convolution producing every stride phase as
 * channels, then depth-to-space), which skips the zeros a spread-out dy would multiply.
 */
export function conv2dBackpropInput(backendName: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
      attrs as unknown as Conv2DBackpropInputAttrs;
    assertChannelsLast(dataFormat, Conv2DBackpropInput);
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as Shape4,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const calls = new KernelCalls(backend as KernelBackend, backendName);
    return calls.finish(() =>
      info.strideHeight === info.strideWidth
        ? subPixel(calls, dy, filter, info)
        : spreadOut(calls, dy, filter, info),
    );
  };
}

function subPixel(calls: KernelCalls, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  const stride = info.strideHeight;
  const rows = subPixelAxis(info.inHeight, info.outHeight, info.filterHeight, stride, info.padInfo.top);
  const cols = subPixelAxis(info.inWidth, info.outWidth, info.filterWidth, stride, info.padInfo.left);
  const [, , inChannels, outChannels] = filter.shape;
  const phaseShape = [rows.taps, cols.taps, outChannels, stride * stride * inChannels];
  const phaseFilter = calls.fromValues(
    phaseFilterValues(calls.read(filter), filter.shape as Shape4, rows, cols, stride),
    phaseShape,
  );
  const phases = calls.conv("dense", dy, phaseFilter, {
    dilations: [1, 1],
    pads: [rows.convPad, cols.convPad],
  });
  if (stride === 1) return phases;
  // Depth-to-space as a rank-4 transpose: wasm's DepthToSpace kernel is ~15× slower.
  const [batch, height, width] = phases.shape;
  const split = calls.reshape(phases, [batch * height, width, stride, stride * inChannels]);
  const interleaved = calls.reshape(calls.transpose(split, [0, 2, 1, 3]), [
    batch,
    height * stride,
    width * stride,
    inChannels,
  ]);
  if (height * stride === info.inHeight && width * stride === info.inWidth) return interleaved;
  return calls.slice(interleaved, [0, 0, 0, 0], [batch, info.inHeight, info.inWidth, inChannels]);
}

/**
 * The filter of the sub-pixel convolution, [taps_h, taps_w, outChannels, (phase_h, phase_w,
 * inChannels)]: tap t of phase r holds w[(taps − 1 − t)·s + r − front], flipped so the
 * convolution correlates. Built in JavaScript: it is small, and wasm's rank-6 reverse and
 * transpose that would build it cost more than the convolution's setup.
 */
function phaseFilterValues(
  w: Float32Array,
  shape: Shape4,
  rows: SubPixelAxis,
  cols: SubPixelAxis,
  stride: number,
): Float32Array {
  const [height, width, inChannels, outChannels] = shape;
  const out = new Float32Array(rows.taps * cols.taps * outChannels * stride * stride * inChannels);
  let o = 0;
  for (let i = 0; i < rows.taps; i++) {
    for (let j = 0; j < cols.taps; j++) {
      for (let co = 0; co < outChannels; co++) {
        for (let rh = 0; rh < stride; rh++) {
          const kh = (rows.taps - 1 - i) * stride + rh - rows.filterPad[0];
          for (let rw = 0; rw < stride; rw++) {
            const kw = (cols.taps - 1 - j) * stride + rw - cols.filterPad[0];
            const inside = kh >= 0 && kh < height && kw >= 0 && kw < width;
            const base = (kh * width + kw) * inChannels * outChannels + co;
            for (let ci = 0; ci < inChannels; ci++, o++) {
              if (inside) out[o] = w[base + ci * outChannels];
            }
          }
        }
      }
    }
  }
  return out;
}

/** Unequal strides: convolve the flipped, channel-swapped filter over dy spread out by the strides. */
function spreadOut(calls: KernelCalls, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  const flipped = calls.transpose(calls.reverse(filter, [0, 1]), [0, 1, 3, 2]);
  return calls.conv("dense", spreadByStride(calls, dy, info), flipped, {
    dilations: [1, 1],
    pads: inputGradientPads(info),
  });
}
