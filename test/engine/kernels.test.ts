import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
// tfjs-core's Node bundle registers no gradients; tfjs-layers' registers all of core's.
import "@tensorflow/tfjs-layers";
import type { NamedAttrMap } from "@tensorflow/tfjs-core";
import { selectBackend } from "../../server/engine/backend/select";
import { grid, maxAbsDiff, randomInput, runKernelOn } from "./kernels-helpers";
import type { KernelInput } from "./kernels-helpers";

const TOLERANCE = 1e-4;

type Pad =
  "same" | "valid" | number | [[number, number], [number, number], [number, number], [number, number]];

/** The wasm kernel against the CPU backend's on identical inputs. */
async function assertMatchesCpu(
  kernelName: string,
  inputs: Record<string, KernelInput>,
  attrs: NamedAttrMap,
): Promise<void> {
  const expected = await runKernelOn("cpu", kernelName, inputs, attrs);
  const actual = await runKernelOn("wasm", kernelName, inputs, attrs);
  assert.deepEqual(actual.shape, expected.shape);
  const diff = maxAbsDiff(actual.values, expected.values);
  assert.ok(diff <= TOLERANCE, `max abs difference ${diff} for ${kernelName} ${JSON.stringify(attrs)}`);
}

function convOutput(
  xShape: number[],
  filterShape: number[],
  stride: number | [number, number],
  pad: Pad,
  depthwise: boolean,
) {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    stride,
    1,
    pad,
    undefined,
    depthwise,
  );
  return info.outHeight > 0 && info.outWidth > 0 ? info.outShape : undefined;
}

before(async () => {
  const selection = await selectBackend({ preference: "wasm", threads: 1 });
  assert.equal(selection.kind, "wasm");
});

const convCases = grid({
  input: [
    [2, 7, 7, 3],
    [1, 8, 8, 1],
    [2, 9, 6, 4],
  ],
  kernel: [1, 3, 5, 7],
  stride: [1, 2],
  pad: ["same", "valid"] as Pad[],
  outChannels: [2, 5],
});

const unusualConvCases: {
  input: number[];
  kernel: number;
  stride: number | [number, number];
  pad: Pad;
  outChannels: number;
}[] = [
  { input: [2, 9, 8, 3], kernel: 3, stride: [1, 2], pad: "same", outChannels: 4 },
  { input: [1, 11, 10, 2], kernel: 3, stride: [2, 3], pad: "valid", outChannels: 3 },
  { input: [2, 7, 7, 2], kernel: 3, stride: 3, pad: "same", outChannels: 3 },
  { input: [2, 7, 8, 2], kernel: 3, stride: 2, pad: 1, outChannels: 3 },
  {
    input: [1, 6, 6, 2],
    kernel: 3,
    stride: 1,
    pad: [
      [0, 0],
      [4, 0],
      [0, 3],
      [0, 0],
    ],
    outChannels: 2,
  },
  {
    input: [1, 9, 9, 2],
    kernel: 3,
    stride: 2,
    pad: [
      [0, 0],
      [0, 3],
      [2, 1],
      [0, 0],
    ],
    outChannels: 2,
  },
];

describe("Conv2D gradient kernels on wasm match the CPU backend", () => {
  for (const { input, kernel, stride, pad, outChannels } of [...convCases, ...unusualConvCases]) {
    const filterShape = [kernel, kernel, input[3], outChannels];
    const outShape = convOutput(input, filterShape, stride, pad, false);
    if (outShape === undefined) continue;
    const name = `x ${input.join("×")}, ${kernel}×${kernel}→${outChannels}, stride ${String(stride)}, pad ${JSON.stringify(pad)}`;
    const common = { strides: stride, pad, dataFormat: "NHWC" } as NamedAttrMap;
    test(`Conv2DBackpropFilter: ${name}`, () =>
      assertMatchesCpu(
        "Conv2DBackpropFilter",
        { x: randomInput(input, 1), dy: randomInput(outShape, 2) },
        { ...common, filterShape },
      ));
    test(`Conv2DBackpropInput: ${name}`, () =>
      assertMatchesCpu(
        "Conv2DBackpropInput",
        { dy: randomInput(outShape, 3), filter: randomInput(filterShape, 4) },
        { ...common, inputShape: input },
      ));
  }
});

const depthwiseCases = grid({
  input: [
    [2, 7, 7, 3],
    [1, 9, 8, 2],
  ],
  kernel: [1, 3, 5, 7],
  stride: [1, 2],
  pad: ["same", "valid"] as Pad[],
  multiplier: [1, 2, 3],
});

describe("depthwise gradient kernels on wasm match the CPU backend", () => {
  for (const { input, kernel, stride, pad, multiplier } of depthwiseCases) {
    const filterShape = [kernel, kernel, input[3], multiplier];
    const outShape = convOutput(input, filterShape, stride, pad, true);
    if (outShape === undefined) continue;
    const name = `x ${input.join("×")}, ${kernel}×${kernel}×${multiplier}, stride ${stride}, pad ${pad}`;
    const common = { strides: stride, pad, dilations: 1 } as NamedAttrMap;
    test(`DepthwiseConv2dNativeBackpropFilter: ${name}`, () =>
      assertMatchesCpu(
        "DepthwiseConv2dNativeBackpropFilter",
        { x: randomInput(input, 5), dy: randomInput(outShape, 6) },
        { ...common, filterShape },
      ));
    test(`DepthwiseConv2dNativeBackpropInput: ${name}`, () =>
      assertMatchesCpu(
        "DepthwiseConv2dNativeBackpropInput",
        { dy: randomInput(outShape, 7), filter: randomInput(filterShape, 8) },
        { ...common, inputShape: input },
      ));
  }

  test("a dilated depthwise gradient is refused, as tfjs-core refuses it", async () => {
    await assert.rejects(
      assertMatchesCpu(
        "DepthwiseConv2dNativeBackpropInput",
        { dy: randomInput([1, 5, 5, 2], 1), filter: randomInput([3, 3, 2, 1], 2) },
        { strides: 1, pad: "same", dilations: 2, inputShape: [1, 5, 5, 2] },
      ),
      /dilations of 1 only/,
    );
  });
});

describe("reductions on wasm match the CPU backend", () => {
  const cases: { shape: number[]; axis: number[] }[] = [
    { shape: [4, 6, 5, 7], axis: [0, 1, 2] },
    { shape: [4, 6, 5, 7], axis: [1, 2] },
    { shape: [4, 6, 5, 7], axis: [0] },
    { shape: [4, 6, 5, 7], axis: [3] },
    { shape: [4, 6, 5, 7], axis: [0, 2] },
    { shape: [30, 17], axis: [0] },
    { shape: [64, 7, 7, 8], axis: [0, 1, 2] },
  ];
  for (const { shape, axis } of cases) {
    for (const kernelName of ["Sum", "Mean"]) {
      for (const keepDims of [false, true]) {
        test(`${kernelName} of ${shape.join("×")} over [${axis}]${keepDims ? ", keepDims" : ""}`, () =>
          assertMatchesCpu(kernelName, { x: randomInput(shape, 9) }, { axis, keepDims }));
      }
    }
  }
});

describe("matrix products on wasm match the CPU backend", () => {
  const shapes: { a: number[]; b: number[] }[] = [
    { a: [96, 80], b: [80, 72] },
    { a: [1, 64, 48], b: [48, 40] },
    { a: [3, 5, 4], b: [3, 4, 6] },
    { a: [300, 2], b: [2, 1] },
  ];
  for (const { a, b } of shapes) {
    for (const [transposeA, transposeB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      const aShape = transposeA ? [...a.slice(0, -2), a.at(-1) as number, a.at(-2) as number] : a;
      const bShape = transposeB ? [...b.slice(0, -2), b.at(-1) as number, b.at(-2) as number] : b;
      test(`BatchMatMul ${aShape.join("×")}${transposeA ? "ᵀ" : ""} · ${bShape.join("×")}${transposeB ? "ᵀ" : ""}`, () =>
        assertMatchesCpu(
          "BatchMatMul",
          { a: randomInput(aShape, 10), b: randomInput(bShape, 11) },
          { transposeA, transposeB },
        ));
    }
  }
});

describe("Identity and Cast on wasm share the input's buffer and match the CPU backend", () => {
  for (const shape of [[3, 5, 7], [1], [2, 9, 8, 3]]) {
    test(`Identity of ${shape.join("×")}`, () =>
      assertMatchesCpu("Identity", { x: randomInput(shape, 22) }, {}));
  }

  /** Casts a float32 tensor (optionally cast to `from` first) on a backend: dtype and values. */
  async function castOn(backend: string, shape: number[], from: tf.DataType, to: tf.DataType) {
    await tf.setBackend(backend);
    return tf.tidy(() => {
      const x = tf.cast(tf.mul(tf.tensor(randomInput(shape, 23).values, shape), 10), from);
      const out = tf.engine().runKernel("Cast", { x }, { dtype: to }) as tf.Tensor;
      return { dtype: out.dtype, values: Array.from(out.dataSync()) };
    });
  }

  const casts: [tf.DataType, tf.DataType][] = [
    ["float32", "float32"],
    ["int32", "int32"],
    ["float32", "int32"],
    ["int32", "float32"],
  ];
  for (const [from, to] of casts) {
    test(`Cast ${from} → ${to}`, async () => {
      const expected = await castOn("cpu", [4, 3, 5], from, to);
      assert.deepEqual(await castOn("wasm", [4, 3, 5], from, to), expected);
    });
  }

  test("the shared buffer outlives its input and is freed with its last tensor", async () => {
    await tf.setBackend("wasm");
    const buffersBefore = tf.engine().backend.numDataIds();
    const x = tf.tensor(randomInput([6, 7], 24).values, [6, 7]);
    const expected = x.dataSync().slice();
    const copies = [tf.clone(x), tf.cast(x, "float32")];
    assert.equal(tf.engine().backend.numDataIds(), buffersBefore + 1, "no copy was made");
    x.dispose();
    copies.forEach((copy) => assert.deepEqual(copy.dataSync(), expected));
    copies.forEach((copy) => copy.dispose());
    assert.equal(tf.engine().backend.numDataIds(), buffersBefore);
  });
});

describe("the kernels inside training", () => {
  test("gradients of a small conv net on wasm match the CPU backend", async () => {
    const gradientsOn = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const x = tf.tensor(randomInput([2, 9, 9, 3], 12).values, [2, 9, 9, 3]) as tf.Tensor4D;
        const w1 = tf.tensor(randomInput([3, 3, 3, 4], 13).values, [3, 3, 3, 4]) as tf.Tensor4D;
        const w2 = tf.tensor(randomInput([5, 5, 4, 2], 14).values, [5, 5, 4, 2]) as tf.Tensor4D;
        const w3 = tf.tensor(randomInput([3, 3, 8, 6], 15).values, [3, 3, 8, 6]) as tf.Tensor4D;
        const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor): tf.Scalar => {
          const h1 = tf.relu(tf.conv2d(x, a as tf.Tensor4D, 2, "same"));
          const h2 = tf.depthwiseConv2d(h1, b as tf.Tensor4D, 1, "same");
          return tf.sum(tf.square(tf.mean(tf.conv2d(h2, c as tf.Tensor4D, 2, "valid"), [1, 2])));
        };
        return tf
          .grads(loss)([w1, w2, w3])
          .map((g) => g.dataSync() as Float32Array);
      });
    };
    const expected = await gradientsOn("cpu");
    const actual = await gradientsOn("wasm");
    actual.forEach((g, i) => assert.ok(maxAbsDiff(g, expected[i]) <= TOLERANCE, `gradient ${i}`));
  });

  test("composite kernels free every intermediate buffer", async () => {
    await tf.setBackend("wasm");
    const x = tf.tensor(randomInput([2, 8, 8, 3], 16).values, [2, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.tensor(randomInput([3, 3, 3, 4], 17).values, [3, 3, 3, 4]) as tf.Tensor4D;
    const dw = tf.tensor(randomInput([3, 3, 4, 2], 18).values, [3, 3, 4, 2]) as tf.Tensor4D;
    const dense = tf.tensor(randomInput([8, 5], 19).values, [8, 5]) as tf.Tensor2D;
    const buffersBefore = tf.engine().backend.numDataIds();
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => {
      const conv = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, "same");
      const depthwise = tf.depthwiseConv2d(
        tf.sub(conv, tf.mean(conv, [0, 1, 2])) as tf.Tensor4D,
        c as tf.Tensor4D,
        2,
        "same",
      );
      return tf.sum(tf.matMul(tf.mean(depthwise, [1, 2]) as tf.Tensor2D, d as tf.Tensor2D));
    })([x, w, dw, dense]);
    grads.forEach((g) => g.dispose());
    assert.equal(tf.engine().backend.numDataIds(), buffersBefore);
    [x, w, dw, dense].forEach((t) => t.dispose());
  });

  test("the replaced reductions and products free their intermediates too", async () => {
    await tf.setBackend("wasm");
    const a = tf.tensor(randomInput([80, 96], 20).values, [80, 96]);
    const b = tf.tensor(randomInput([72, 80], 21).values, [72, 80]);
    const buffersBefore = tf.engine().backend.numDataIds();
    const outputs = [
      tf.engine().runKernel("BatchMatMul", { a, b }, { transposeA: true, transposeB: true }) as tf.Tensor,
      tf.engine().runKernel("Sum", { x: a }, { axis: [0], keepDims: false }) as tf.Tensor,
      tf
        .engine()
        .runKernel("Mean", { x: tf.reshape(b, [4, 18, 80]) }, { axis: [1], keepDims: true }) as tf.Tensor,
    ];
    assert.equal(tf.engine().backend.numDataIds(), buffersBefore + outputs.length);
    outputs.forEach((t) => t.dispose());
    assert.equal(tf.engine().backend.numDataIds(), buffersBefore);
    [a, b].forEach((t) => t.dispose());
  });
});
