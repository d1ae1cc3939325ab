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
 * The input gradient is a stride-1 convolution, by the spatially flipped filter, of the output
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
