import * as tf from "@tensorflow/tfjs-core";
import type { NamedAttrMap } from "@tensorflow/tfjs-core";

/** Deterministic values in [-1, 1): the same inputs on both backends, run after run. */
export function uniformValues(size: number, seed: number): Float32Array {
  const values = new Float32Array(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = state / 2 ** 31 - 1;
  }
  return values;
}

export interface KernelInput {
  shape: number[];
  values: Float32Array;
}

export function randomInput(shape: number[], seed: number): KernelInput {
  return {
    shape,
    values: uniformValues(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
  };
}

/** Runs one kernel by name on a backend and returns its output's shape and values. */
export async function runKernelOn(
  backend: string,
  kernelName: string,
  inputs: Record<string, KernelInput>,
  attrs: NamedAttrMap,
): Promise<{ shape: number[]; values: Float32Array }> {
  await tf.setBackend(backend);
  const tensors = Object.fromEntries(
    Object.entries(inputs).map(([name, x]) => [name, tf.tensor(x.values, x.shape)]),
  );
  try {
    const out = tf.engine().runKernel(kernelName, tensors, attrs) as tf.Tensor;
    const result = { shape: out.shape, values: out.dataSync() as Float32Array };
    out.dispose();
    return result;
  } finally {
    Object.values(tensors).forEach((t) => t.dispose());
  }
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Every combination of the given options, as objects. */
export function grid<T extends Record<string, readonly unknown[]>>(
  axes: T,
): { [K in keyof T]: T[K][number] }[] {
  return Object.entries(axes).reduce<Record<string, unknown>[]>(
    (combos, [key, options]) =>
      combos.flatMap((combo) => options.map((option) => ({ ...combo, [key]: option }))),
    [{}],
  ) as { [K in keyof T]: T[K][number] }[];
}
