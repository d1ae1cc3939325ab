import {
  BatchMatMul,
  Cast,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  DepthwiseConv2dNativeBackpropFilter,
  DepthwiseConv2dNativeBackpropInput,
  getKernel,
  Identity,
  Mean,
  registerKernel,
  Sum,
  unregisterKernel,
} from "@tensorflow/tfjs-core";
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs-core";
import { batchMatMul } from "./kernels/batch-mat-mul";
import { conv2dBackpropFilter } from "./kernels/conv2d-backprop-filter";
import { conv2dBackpropInput } from "./kernels/conv2d-backprop-input";
import { depthwiseBackpropFilter } from "./kernels/depthwise-backprop-filter";
import { depthwiseBackpropInput } from "./kernels/depthwise-backprop-input";
import { reduceMean, reduceSum } from "./kernels/reduce";
import { cast, identity } from "./kernels/shared-buffer";

type MakeKernel = (backendName: string, stock: KernelConfig) => KernelFunc;

/**
 * Kernels that training on tfjs-backend-wasm needs and that it lacks (the filter gradients, the
 * depthwise input gradient) or runs as naive loops, whole-tensor transposes or copies (the rest),
 * rebuilt from its XNNPACK forward kernels. tfjs-core's gradient functions call kernels by name,
 * per backend, so registering these under 'wasm' is all it takes.
 */
const WASM_KERNELS: Record<string, { make: MakeKernel; wrapsStock: boolean }> = {
  [Conv2DBackpropFilter]: { make: conv2dBackpropFilter, wrapsStock: false },
  [Conv2DBackpropInput]: { make: conv2dBackpropInput, wrapsStock: false },
  [DepthwiseConv2dNativeBackpropFilter]: { make: depthwiseBackpropFilter, wrapsStock: false },
  [DepthwiseConv2dNativeBackpropInput]: { make: depthwiseBackpropInput, wrapsStock: false },
  [Sum]: { make: reduceSum, wrapsStock: true },
  [Mean]: { make: reduceMean, wrapsStock: true },
  [BatchMatMul]: { make: batchMatMul, wrapsStock: true },
  [Identity]: { make: identity, wrapsStock: true },
  [Cast]: { make: cast, wrapsStock: true },
};

export const WASM_KERNEL_NAMES = Object.keys(WASM_KERNELS);

/** The kernels tfjs-backend-wasm registered, kept when ours replace them (per backend name). */
const stockKernels = new Map<string, KernelConfig | undefined>();

/**
 * Registers the kernels for `backendName`, replacing registered ones (tfjs allows that only after
 * unregistering). Safe to call again. Must run before the backend initialises, so that the stock
 * kernels our replacements delegate to get their setup (their setupFunc is carried over).
 */
export function installWasmKernels(backendName = "wasm"): void {
  for (const [kernelName, { make, wrapsStock }] of Object.entries(WASM_KERNELS)) {
    const key = `${backendName}/${kernelName}`;
    if (!stockKernels.has(key)) stockKernels.set(key, getKernel(kernelName, backendName));
    const stock = stockKernels.get(key);
    if (wrapsStock && stock === undefined) {
      throw new Error(`tfjs-backend-wasm no longer registers '${kernelName}', which the replacement wraps.`);
    }
    if (getKernel(kernelName, backendName) !== undefined) unregisterKernel(kernelName, backendName);
    registerKernel({
      kernelName,
      backendName,
      kernelFunc: make(backendName, stock as KernelConfig),
      ...(stock?.setupFunc ? { setupFunc: stock.setupFunc } : {}),
    });
  }
}

/** The stock tfjs-backend-wasm kernel an installed one replaced, for comparisons. */
export function stockWasmKernel(kernelName: string, backendName = "wasm"): KernelConfig | undefined {
  return stockKernels.get(`${backendName}/${kernelName}`);
}
