import * as tf from "@tensorflow/tfjs-core";
import type { KernelBackend, KernelConfig, NamedAttrMap, TensorInfo } from "@tensorflow/tfjs-core";
import { median } from "../server/engine/backend/training-probe";
import type { ConvNetSpec } from "../server/engine/backend/training-probe";

/** One kernel call to time: inputs are made afresh for every run, so no cache sees them twice. */
export interface KernelCase {
  kernel: string;
  label: string;
  inputs: Record<string, number[]>;
  attrs: NamedAttrMap;
}

/** The gradient kernels of every conv layer of the net: what its training step runs. */
export function convLayerCases(spec: ConvNetSpec, batch: number): KernelCase[] {
  let [height, width, channels] = spec.input;
  return spec.blocks.flatMap(({ filters, stride }): KernelCase[] => {
    const x = [batch, height, width, channels];
    const filter = [3, 3, channels, filters];
    const [outHeight, outWidth] = [Math.ceil(height / stride), Math.ceil(width / stride)];
    const dy = [batch, outHeight, outWidth, filters];
    const label = `${height}×${width}×${channels}→${filters} 3×3 s${stride}`;
    const attrs = { strides: stride, pad: "same", dataFormat: "NHWC" };
    [height, width, channels] = [outHeight, outWidth, filters];
    return [
      { kernel: "Conv2DBackpropFilter", label, inputs: { x, dy }, attrs: { ...attrs, filterShape: filter } },
      { kernel: "Conv2DBackpropInput", label, inputs: { dy, filter }, attrs: { ...attrs, inputShape: x } },
    ];
  });
}

/** MobileNet-style depthwise layers. */
export function depthwiseCases(batch: number): KernelCase[] {
  const layers = [
    { size: 28, channels: 48, kernel: 3, stride: 1, multiplier: 1 },
    { size: 28, channels: 48, kernel: 3, stride: 2, multiplier: 1 },
    { size: 14, channels: 96, kernel: 5, stride: 1, multiplier: 1 },
    { size: 14, channels: 32, kernel: 3, stride: 1, multiplier: 2 },
  ];
  return layers.flatMap(({ size, channels, kernel, stride, multiplier }): KernelCase[] => {
    const x = [batch, size, size, channels];
    const filter = [kernel, kernel, channels, multiplier];
    const out = Math.ceil(size / stride);
    const dy = [batch, out, out, channels * multiplier];
    const label = `${size}×${size}×${channels} dw ${kernel}×${kernel}×${multiplier} s${stride}`;
    const attrs = { strides: stride, pad: "same", dilations: 1 };
    return [
      {
        kernel: "DepthwiseConv2dNativeBackpropFilter",
        label,
        inputs: { x, dy },
        attrs: { ...attrs, filterShape: filter },
      },
      {
        kernel: "DepthwiseConv2dNativeBackpropInput",
        label,
        inputs: { dy, filter },
        attrs: { ...attrs, inputShape: x },
      },
    ];
  });
}

/** The reductions and products that broadcast and dense-layer gradients end in. */
export function reductionAndProductCases(batch: number): KernelCase[] {
  return [
    ...[
      [batch, 28, 28, 16],
      [batch, 14, 14, 64],
    ].flatMap((x) =>
      ["Sum", "Mean"].map((kernel) => ({
        kernel,
        label: `${x.join("×")} over N,H,W`,
        inputs: { x },
        attrs: { axis: [0, 1, 2], keepDims: false },
      })),
    ),
    // BatchNorm's batch sums as xᵀ·1, what normalization.ts did before Sum was replaced.
    {
      kernel: "BatchMatMul",
      label: `xᵀ·1: [${batch * 784}×16]ᵀ·[${batch * 784}×1]`,
      inputs: { a: [batch * 784, 16], b: [batch * 784, 1] },
      attrs: { transposeA: true, transposeB: false },
    },
    {
      kernel: "BatchMatMul",
      label: `dense dW: [${batch}×512]ᵀ·[${batch}×256]`,
      inputs: { a: [batch, 512], b: [batch, 256] },
      attrs: { transposeA: true, transposeB: false },
    },
    {
      kernel: "BatchMatMul",
      label: `dense dx: [${batch}×256]·[512×256]ᵀ`,
      inputs: { a: [batch, 256], b: [512, 256] },
      attrs: { transposeA: false, transposeB: true },
    },
  ];
}

export interface TimingOptions {
  runs: number;
  /** Stop after the run that crosses this much time, however few runs that leaves. */
  maxMilliseconds: number;
}

/** Median milliseconds of a registered kernel on the current backend. */
export function timeKernel(c: KernelCase, options: TimingOptions): number {
  return timeRuns(
    options,
    (inputs) => {
      const out = tf.engine().runKernel(c.kernel, inputs, c.attrs) as tf.Tensor;
      out.dataSync();
      out.dispose();
    },
    c,
  );
}

/** The same for a kernel config called directly, like a stock kernel that an installed one replaced. */
export function timeKernelConfig(config: KernelConfig, c: KernelCase, options: TimingOptions): number {
  const backend = tf.backend() as KernelBackend;
  return timeRuns(
    options,
    (inputs) => {
      const out = config.kernelFunc({ inputs, backend, attrs: c.attrs }) as TensorInfo;
      backend.readSync(out.dataId);
      backend.disposeData(out.dataId);
    },
    c,
  );
}

/** Every call is timed; the first (operator setup, V8 tier-up) is dropped when others follow. */
function timeRuns(
  options: TimingOptions,
  call: (inputs: Record<string, tf.Tensor>) => void,
  c: KernelCase,
): number {
  const durations: number[] = [];
  const started = performance.now();
  for (let run = 0; run <= options.runs; run++) {
    const inputs = Object.fromEntries(
      Object.entries(c.inputs).map(([name, shape], i) => [
        name,
        tf.randomUniform(shape, -1, 1, "float32", run * 10 + i),
      ]),
    );
    Object.values(inputs).forEach((t) => t.dataSync());
    const t = performance.now();
    call(inputs);
    durations.push(performance.now() - t);
    Object.values(inputs).forEach((x) => x.dispose());
    if (performance.now() - started > options.maxMilliseconds) break;
  }
  return median(durations.length > 1 ? durations.slice(1) : durations);
}
