import * as tf from "@tensorflow/tfjs-core";
import { Rng } from "../data/rng";

/** How a weight starts: He-normal over its fan-in, a small normal, or a constant. */
export type WeightInit =
  | { readonly kind: "he"; readonly fanIn: number }
  | { readonly kind: "normal"; readonly std: number }
  | { readonly kind: "ones" }
  | { readonly kind: "zeros" };

/** One weight of an op instance at its largest size. */
export interface WeightSpec {
  /** Local to the op: `w`, `bn.gamma`, `se.b1`. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly init: WeightInit;
  /** Whether weight decay applies (not to normalisation parameters or biases). */
  readonly decay: boolean;
}

/** A weight of the supernet: its op instance id, its spec and its variable. */
export interface SupernetWeight {
  /** `${opId}:${spec.name}`, e.g. `s2[1]/0:expand.w`. */
  readonly key: string;
  readonly spec: WeightSpec;
  readonly variable: tf.Variable;
}

/** Weight values as plain arrays, keyed like `SupernetWeight.key` (checkpoints, export). */
export type WeightArrays = ReadonlyMap<
  string,
  { readonly shape: readonly number[]; readonly values: Float32Array }
>;

export function weightKey(opId: string, name: string): string {
  return `${opId}:${name}`;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * The initial value of every weight, in declaration order, drawn from one seed: each weight gets
 * its own seed from a generator, so adding a weight at the end does not change the others.
 */
export function initialValues(
  specs: readonly { key: string; spec: WeightSpec }[],
  seed: number,
): Map<string, tf.Tensor> {
  const rng = Rng.fromSeed(seed);
  const values = new Map<string, tf.Tensor>();
  for (const { key, spec } of specs) {
    const weightSeed = rng.nextUint32();
    values.set(key, initialValue(spec, weightSeed));
  }
  return values;
}

function initialValue(spec: WeightSpec, seed: number): tf.Tensor {
  const shape = [...spec.shape];
  switch (spec.init.kind) {
    case "ones":
      return tf.ones(shape);
    case "zeros":
      return tf.zeros(shape);
    case "normal":
      return tf.truncatedNormal(shape, 0, spec.init.std, "float32", seed);
    case "he":
      // Truncated at two deviations, so the deviation is scaled up to keep the variance 2/fanIn.
      return tf.truncatedNormal(shape, 0, Math.sqrt(2 / spec.init.fanIn) / 0.8796, "float32", seed);
  }
}
