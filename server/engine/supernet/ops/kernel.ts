import * as tf from "@tensorflow/tfjs-core";
import type { OpStep } from "../../../language/plan";
import type { Shape } from "../../../language/shapes";
import type { OpContext } from "../context";
import type { WeightSpec } from "../weights";

/** How the engine builds and runs one op of the language (ops.ts) on tfjs-core. */
export interface OpKernel {
  /** The weights of an instance, sized by its step in the largest subnet's plan. */
  weights(step: OpStep): readonly WeightSpec[];
  /** Runs the instance as `step` (a step of any subnet's plan) configures it; x has a batch axis. */
  forward(ctx: OpContext, step: OpStep, x: tf.Tensor): tf.Tensor;
}

export function intArg(step: OpStep, name: string): number {
  const value = step.args[name];
  if (typeof value !== "number") throw new Error(`${step.id}: argument ${name} is not a number`);
  return value;
}

export function imageShape(shape: Shape): { h: number; w: number; c: number } {
  if (shape.kind !== "image") throw new Error(`expected an image, got ${shape.kind}`);
  return shape;
}

/** A convolution or matrix weight, He-normal over its fan-in, with weight decay. */
export function heWeight(name: string, shape: readonly number[], fanIn: number): WeightSpec {
  return { name, shape, init: { kind: "he", fanIn }, decay: true };
}

/** A linear layer's weight whose output is not rectified: normal with deviation 1/√fan-in. */
export function linearWeight(name: string, shape: readonly number[], fanIn: number): WeightSpec {
  return { name, shape, init: { kind: "normal", std: 1 / Math.sqrt(fanIn) }, decay: true };
}

export function biasWeight(name: string, size: number): WeightSpec {
  return { name, shape: [size], init: { kind: "zeros" }, decay: false };
}

/** A normalisation's scale (γ = 1) and shift (β = 0), named `${prefix}.gamma` / `.beta`. */
export function normWeights(prefix: string, width: number): WeightSpec[] {
  return [
    { name: `${prefix}.gamma`, shape: [width], init: { kind: "ones" }, decay: false },
    { name: `${prefix}.beta`, shape: [width], init: { kind: "zeros" }, decay: false },
  ];
}

/** x · W + b over the last axis of x (any rank: a vector, or each token of a sequence), counting the MACs. */
export function linear(ctx: OpContext, x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [inputs, outputs] = w.shape;
  const rows = x.size / inputs;
  ctx.countMacs((rows / x.shape[0]) * inputs * outputs);
  const y = tf.add(tf.matMul(tf.reshape(x, [rows, inputs]), w), b);
  return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), outputs]);
}
