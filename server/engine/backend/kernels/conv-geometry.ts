import { backend_util } from "@tensorflow/tfjs-core";
import type { TensorInfo } from "@tensorflow/tfjs-core";
import type { KernelCalls, SpatialPads } from "../kernel-calls";

type Conv2DInfo = backend_util.Conv2DInfo;
export type Shape4 = [number, number, number, number];

/**
 * The filter gradient is a stride-1 convolution of the input by the output gradient, with the
 * output gradient's taps spread `stride` apart (a dilation). This padding makes that
 * convolution's output exactly filterHeight × filterWidth; a negative side drops input rows the
 * forward pass never read.
 */
export function filterGradientPads(info: Conv2DInfo): SpatialPads {
  const { top, left } = info.padInfo;
  return [
    [top, info.filterHeight + (info.outHeight - 1) * info.strideHeight - info.inHeight - top],
    [left, info.filterWidth + (info.outWidth - 1) * info.strideWidth - info.inWidth - left],
  ];
}

/**
 * The input gradient as a stride-1 convolution, by the spatially flipped filter, of the output
 * gradient spread out by the stride (see `spreadByStride`, which leaves stride − 1 trailing
 * zeros per row and column). This padding makes its output exactly the input's height × width.
 */
export function inputGradientPads(info: Conv2DInfo): SpatialPads {
  const { top, left } = info.padInfo;
  return [
    [info.filterHeight - 1 - top, info.inHeight + top - info.outHeight * info.strideHeight],
    [info.filterWidth - 1 - left, info.inWidth + left - info.outWidth * info.strideWidth],
  ];
}

/** One spatial axis of the sub-pixel form of the input gradient; see `subPixelAxis`. */
export interface SubPixelAxis {
  /** Zeros added before and after the filter's taps on this axis, making them `taps · stride`. */
  filterPad: [number, number];
  /** Taps per phase. */
  taps: number;
  /** Padding of the stride-1 convolution over the (unspread) output gradient. */
  convPad: [number, number];
  /** Rows (or columns) per phase: the input extent rounded up to a multiple of the stride. */
  phaseExtent: number;
}

/**
 * The input gradient without multiplying zeros: input row h = p·s + r (phase r) receives
 * Σ_j dy[p + D − j] · w[r + pt − s·D + s·j] with D = ⌈pt / s⌉. Padding the filter by s·D − pt
 * taps in front (and to a multiple of s) and splitting it into [taps, s] gives every phase its
 * own sub-filter over the same window of dy, so one convolution computes all s² phases as
 * channels, and depth-to-space interleaves them.
 */
export function subPixelAxis(
  inSize: number,
  outSize: number,
  filterSize: number,
  stride: number,
  padBefore: number,
): SubPixelAxis {
  const window = Math.ceil(padBefore / stride);
  const front = stride * window - padBefore;
  const taps = Math.ceil((filterSize + front) / stride);
  const phaseExtent = Math.ceil(inSize / stride);
  return {
    filterPad: [front, taps * stride - filterSize - front],
    taps,
    convPad: [taps - 1 - window, phaseExtent - outSize + window],
    phaseExtent,
  };
}

/** [B, H, W, C] → [B, H·sh, W·sw, C] with each value followed by zeros: one pad, no scatter. */
export function spreadByStride(calls: KernelCalls, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { strideHeight: sh, strideWidth: sw } = info;
  if (sh === 1 && sw === 1) return dy;
  const [batch, height, width, channels] = dy.shape;
  const spaced = calls.pad(calls.reshape(dy, [batch, height, 1, width, 1, channels]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  return calls.reshape(spaced, [batch, height * sh, width * sw, channels]);
}

/** Gradients of dilated convolutions are rejected by tfjs-core itself; the kernels agree. */
export function assertUndilated(dilations: number | [number, number] | undefined, kernelName: string): void {
  if (dilations !== undefined && !backend_util.tupleValuesAreOne(dilations)) {
    throw new Error(`${kernelName} on wasm supports dilations of 1 only; got ${String(dilations)}.`);
  }
}

/** The wasm forward convolutions are NHWC only, so their gradients never see NCHW. */
export function assertChannelsLast(dataFormat: string | undefined, kernelName: string): void {
  if (dataFormat !== undefined && dataFormat !== "NHWC") {
    throw new Error(`${kernelName} on wasm supports dataFormat 'NHWC' only; got '${dataFormat}'.`);
  }
}
