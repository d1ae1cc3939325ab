import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";

/**
 * wasm's Identity and Cast copy the whole tensor, even to the same dtype. The engine clones every
 * tensor it keeps for the backward pass, and every gradient of a product casts its operands, so
 * a training step of the plain conv net made ~150 full copies (~25 ms). Tensors are immutable,
 * so, like the CPU backend (and wasm's own Reshape), the output can share the input's buffer.
 */
export function identity(_backendName: string, stock: KernelConfig): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    // Strings live outside the wasm heap; the stock kernel handles them.
    return x.dtype === "string" ? stock.kernelFunc(args) : share(args.backend as KernelBackend, x);
  };
}

export function cast(_backendName: string, stock: KernelConfig): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    const { dtype } = args.attrs as { dtype: string };
    return dtype !== x.dtype || x.dtype === "string"
      ? stock.kernelFunc(args)
      : share(args.backend as KernelBackend, x);
  };
}

function share(backend: KernelBackend, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}
