import { getKernel } from "@tensorflow/tfjs-core";
import type {
  KernelBackend,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from "@tensorflow/tfjs-core";

/** Padding of the two spatial axes, [[top, bottom], [left, right]]; a negative side crops. */
export type SpatialPads = [[number, number], [number, number]];

export interface ConvCall {
  dilations: [number, number];
  pads: SpatialPads;
}

/**
 * Runs other kernels of one backend from inside a kernel, below the engine: nothing is recorded
 * on the gradient tape and no engine tensors are created, so the composite kernel owns exactly
 * the buffers it allocates and frees every intermediate when it finishes.
 */
export class KernelCalls {
  private readonly intermediates: TensorInfo[] = [];

  constructor(
    private readonly backend: KernelBackend,
    private readonly backendName: string,
  ) {}

  /** Runs `body` and frees every intermediate it made except the one it returns. */
  finish(body: () => TensorInfo): TensorInfo {
    let result: TensorInfo | undefined;
    try {
      result = body();
      return result;
    } finally {
      for (const info of this.intermediates) {
        if (info !== result) this.backend.disposeData(info.dataId);
      }
      this.intermediates.length = 0;
    }
  }

  run(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const kernel = getKernel(kernelName, this.backendName);
    if (kernel === undefined) {
      throw new Error(`Kernel '${kernelName}' is not registered for backend '${this.backendName}'.`);
    }
    return this.runFunc(kernel.kernelFunc, inputs, attrs);
  }

  /** Runs a kernel function directly: the stock kernel that a registered replacement wraps. */
  runFunc(kernelFunc: KernelFunc, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const out = kernelFunc({ inputs, backend: this.backend, attrs });
    if (Array.isArray(out))
      throw new Error("a kernel used inside a composite kernel returned several outputs");
    this.intermediates.push(out);
    return out;
  }

  /** A new float32 tensor from values computed in JavaScript (small ones: filters, vectors). */
  fromValues(values: Float32Array, shape: number[]): TensorInfo {
    const info = { dataId: this.backend.write(values, shape, "float32"), shape, dtype: "float32" as const };
    this.intermediates.push(info);
    return info;
  }

  read(x: TensorInfo): Float32Array {
    return this.backend.readSync(x.dataId) as Float32Array;
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run("Reshape", { x }, { shape });
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run("Transpose", { x }, { perm });
  }

  reverse(x: TensorInfo, dims: number[]): TensorInfo {
    return this.run("Reverse", { x }, { dims });
  }

  pad(x: TensorInfo, paddings: [number, number][]): TensorInfo {
    return this.run("PadV2", { x }, { paddings, constantValue: 0 });
  }

  slice(x: TensorInfo, begin: number[], size: number[]): TensorInfo {
    return this.run("Slice", { x }, { begin, size });
  }

  sum(x: TensorInfo, axis: number[]): TensorInfo {
    return this.run("Sum", { x }, { axis, keepDims: false });
  }

  matMul(a: TensorInfo, b: TensorInfo, transposeA = false, transposeB = false): TensorInfo {
    return this.run("BatchMatMul", { a, b }, { transposeA, transposeB });
  }

  /** A stride-1 NHWC convolution (dense or depthwise) with any dilation and per-side padding. */
  conv(kind: "dense" | "depthwise", x: TensorInfo, filter: TensorInfo, call: ConvCall): TensorInfo {
    const input = this.cropNegativePads(x, call.pads);
    const [[top, bottom], [left, right]] = call.pads.map((side) => side.map((p) => Math.max(p, 0)));
    const attrs = {
      strides: [1, 1],
      dilations: call.dilations,
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: "NHWC",
    };
    return this.run(kind === "dense" ? "Conv2D" : "DepthwiseConv2dNative", { x: input, filter }, attrs);
  }

  /** Negative padding means the convolution must not see those rows or columns at all. */
  private cropNegativePads(x: TensorInfo, pads: SpatialPads): TensorInfo {
    const [[top, bottom], [left, right]] = pads.map((side) => side.map((p) => Math.max(-p, 0)));
    if (top + bottom + left + right === 0) return x;
    const [batch, height, width, channels] = x.shape;
    return this.slice(x, [0, top, left, 0], [batch, height - top - bottom, width - left - right, channels]);
  }
}
