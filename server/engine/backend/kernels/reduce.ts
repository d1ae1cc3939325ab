import { util } from "@tensorflow/tfjs-core";
import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import { KernelCalls } from "../kernel-calls";

/**
 * wasm's Sum and Mean reduce only the innermost axes natively, and transpose the whole tensor
 * first for any other axes: ~6 ms for BatchNorm's per-channel sum of a 64×28×28×16 activation,
 * and every broadcast gradient (a bias, a BatchNorm scale) ends in such a sum. A consecutive
 * block of axes with others after it is an average pool over an R×1 window of the tensor viewed
 * as [outer, R, 1, inner] (XNNPACK, ~0.6 ms there; a product with a ones vector would be as
 * slow as the transpose, as XNNPACK repacks the tensor as weights). Anything else, and the
 * innermost reductions wasm does well, go to the stock kernel.
 */
export function reduceSum(backendName: string, stock: KernelConfig): KernelFunc {
  return reduction(backendName, stock, "sum");
}

export function reduceMean(backendName: string, stock: KernelConfig): KernelFunc {
  return reduction(backendName, stock, "mean");
}

function reduction(backendName: string, stock: KernelConfig, kind: "sum" | "mean"): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
    const axes = [...new Set(util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
    const block = contiguousBlock(x.shape, axes);
    if (x.dtype !== "float32" || block === undefined || block.inner === 1 || block.reduced === 1) {
      return stock.kernelFunc(args);
    }
    const outShape = x.shape.flatMap((size, i) => (!axes.includes(i) ? [size] : keepDims ? [1] : []));
    const calls = new KernelCalls(args.backend as KernelBackend, backendName);
    return calls.finish(() => {
      const { outer, reduced, inner } = block;
      const image = calls.reshape(x, [outer, reduced, 1, inner]);
      const mean = calls.run("AvgPool", { x: image }, { filterSize: [reduced, 1], strides: 1, pad: "valid" });
      if (kind === "mean") return calls.reshape(mean, outShape);
      const count = calls.run("Fill", {}, { shape: [], value: reduced, dtype: "float32" });
      return calls.reshape(calls.run("Multiply", { a: mean, b: count }), outShape);
    });
  };
}

interface Block {
  outer: number;
  reduced: number;
  inner: number;
}

/** The tensor as [outer, reduced, inner] when the axes are consecutive; undefined otherwise. */
function contiguousBlock(shape: readonly number[], axes: readonly number[]): Block | undefined {
  if (axes.length === 0) return undefined;
  const first = axes[0];
  const last = axes[axes.length - 1];
  if (last - first + 1 !== axes.length) return undefined;
  return {
    outer: util.sizeFromShape(shape.slice(0, first)),
    reduced: util.sizeFromShape(shape.slice(first, last + 1)),
    inner: util.sizeFromShape(shape.slice(last + 1)),
  };
}
