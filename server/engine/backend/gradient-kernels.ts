import {
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  DepthwiseConv2dNativeBackpropFilter,
  DepthwiseConv2dNativeBackpropInput,
  getKernel,
  registerKernel,
  unregisterKernel,
} from "@tensorflow/tfjs-core";
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs-core";
import { conv2dBackpropFilter } from "./kernels/conv2d-backprop-filter";
import { conv2dBackpropInput } from "./kernels/conv2d-backprop-input";
import { depthwiseBackpropFilter } from "./kernels/depthwise-backprop-filter";
import { depthwiseBackpropInput } from "./kernels/depthwise-backprop-input";

/**
 * Gradient kernels that tfjs-backend-wasm lacks (the filter gradients, the depthwise input
 * gradient) or implements as a naive loop (Conv2DBackpropInput), rebuilt from its XNNPACK
 * forward kernels. tfjs-core's gradient functions call them by kernel name, per backend.
 */
const GRADIENT_KERNELS: [string, (backendName: string) => KernelFunc][] = [
  [Conv2DBackpropFilter, conv2dBackpropFilter],
  [Conv2DBackpropInput, conv2dBackpropInput],
  [DepthwiseConv2dNativeBackpropFilter, depthwiseBackpropFilter],
  [DepthwiseConv2dNativeBackpropInput, depthwiseBackpropInput],
];

export const WASM_GRADIENT_KERNEL_NAMES = GRADIENT_KERNELS.map(([name]) => name);

/**
 * Registers the kernels for `backendName` (replacing a registered one of the same name, which
 * tfjs only allows after unregistering it) and returns the configs it replaced.
 */
export function installWasmGradientKernels(backendName = "wasm"): KernelConfig[] {
  const replaced: KernelConfig[] = [];
  for (const [kernelName, make] of GRADIENT_KERNELS) {
    const existing = getKernel(kernelName, backendName);
    if (existing !== undefined) {
      replaced.push(existing);
      unregisterKernel(kernelName, backendName);
    }
    registerKernel({ kernelName, backendName, kernelFunc: make(backendName) });
  }
  return replaced;
}
