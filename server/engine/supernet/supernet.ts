import * as tf from "@tensorflow/tfjs-core";
import type { Genome } from "../../language/encoding";
import { largestGenome } from "../../language/encoding";
import type { SpaceModel } from "../../language/model";
import type { OpStep, PlanStep, SubnetPlan } from "../../language/plan";
import { opSteps, planSubnet } from "../../language/plan";
import type { Shape } from "../../language/shapes";
import { resizeBatch } from "../data/resize";
import type { ForwardMode } from "./context";
import { OpContext } from "./context";
import "./gradients";
import { kernelOf } from "./ops";
import type { SupernetWeight, WeightArrays, WeightSpec } from "./weights";
import { elementCount, initialValues, weightKey } from "./weights";

/** What one op instance did in a forward pass: its output shape and what it actually used. */
export interface OpTrace {
  readonly id: string;
  readonly op: string;
  /** The output shape without the batch axis. */
  readonly output: readonly number[];
  /** Elements of the weight slices it read. */
  readonly params: number;
  readonly macs: number;
}

/**
 * A weight-sharing supernet: every op instance of the space holds its weights at the largest
 * size (the largest subnet's plan gives the shapes), and a subnet runs from its own plan on
 * slices of them. Build it from a checked space's model; the engine and the checker share the
 * plan, so what runs is what the checker counted.
 */
export class Supernet {
  private readonly byKey: ReadonlyMap<string, SupernetWeight>;

  private constructor(
    readonly model: SpaceModel,
    /** The largest subnet's plan, which sized the weights. */
    readonly largest: SubnetPlan,
    /** Every weight, in declaration order (the order of the largest plan's ops). */
    readonly weights: readonly SupernetWeight[],
  ) {
    this.byKey = new Map(weights.map((w) => [w.key, w]));
  }

  /** A freshly initialised supernet; the same seed gives the same weights on every backend. */
  static create(model: SpaceModel, seed: number): Supernet {
    const { largest, weights: declared } = supernetLayout(model);
    const values = initialValues(declared, seed);
    const weights = declared.map(({ key, spec }) => ({ key, spec, variable: tf.variable(values.get(key)!) }));
    tf.dispose([...values.values()]);
    return new Supernet(model, largest, weights);
  }

  /** A supernet with the given weights (a checkpoint's), which must match the space's exactly. */
  static fromArrays(model: SpaceModel, arrays: WeightArrays): Supernet {
    const { largest, weights: declared } = supernetLayout(model);
    checkArrays(declared, arrays);
    const weights = declared.map(({ key, spec }) => {
      const value = tf.tensor(arrays.get(key)!.values, [...spec.shape]);
      const variable = tf.variable(value);
      value.dispose();
      return { key, spec, variable };
    });
    return new Supernet(model, largest, weights);
  }

  /** The total number of weights: the largest subnet's params. */
  get size(): number {
    return this.weights.reduce((n, w) => n + elementCount(w.spec.shape), 0);
  }

  plan(genome: Genome): SubnetPlan {
    return planSubnet(this.model, genome);
  }

  /** Copies of the current values (reads them back from the backend). */
  toArrays(): WeightArrays {
    return new Map(
      this.weights.map((w) => [
        w.key,
        { shape: w.spec.shape, values: w.variable.dataSync() as Float32Array },
      ]),
    );
  }

  /**
   * The logits of a subnet for a batch: `x` is the dataset's input at its own resolution
   * (N, H, W, C images are resized to the plan's), with a batch axis. `trace` receives one entry
   * per op instance. The caller owns the result and disposes intermediate tensors (tf.tidy).
   */
  forward(plan: SubnetPlan, x: tf.Tensor, mode: ForwardMode, trace?: OpTrace[]): tf.Tensor {
    const input = plan.input.kind === "image" ? resizeBatch(x as tf.Tensor4D, plan.input.h) : x;
    checkShape("the input", input, plan.input);
    return this.run(plan.steps, input, mode, trace);
  }

  dispose(): void {
    for (const w of this.weights) w.variable.dispose();
  }

  private run(
    steps: readonly PlanStep[],
    x: tf.Tensor,
    mode: ForwardMode,
    trace: OpTrace[] | undefined,
  ): tf.Tensor {
    let h = x;
    for (const step of steps) {
      h =
        step.kind === "residual"
          ? tf.add(h, this.run(step.body, h, mode, trace))
          : this.runOp(step, h, mode, trace);
    }
    return h;
  }

  private runOp(step: OpStep, x: tf.Tensor, mode: ForwardMode, trace: OpTrace[] | undefined): tf.Tensor {
    const ctx = new OpContext(step.id, (key) => this.byKey.get(key), mode);
    let y = kernelOf(step.spec.name).forward(ctx, step, x);
    if (step.skip) y = tf.add(y, x);
    checkShape(step.id, y, step.output);
    trace?.push({
      id: step.id,
      op: step.spec.name,
      output: y.shape.slice(1),
      params: ctx.params,
      macs: ctx.macs,
    });
    return y;
  }
}

/** The weights a space's supernet holds, in order, sized by its largest subnet (no tensors made). */
export function supernetLayout(model: SpaceModel): {
  largest: SubnetPlan;
  weights: { key: string; spec: WeightSpec }[];
} {
  const largest = planSubnet(model, largestGenome(model));
  const weights = opSteps(largest.steps).flatMap((step) =>
    kernelOf(step.spec.name)
      .weights(step)
      .map((spec) => ({ key: weightKey(step.id, spec.name), spec })),
  );
  return { largest, weights };
}

function checkArrays(
  expected: readonly { key: string; spec: { shape: readonly number[] } }[],
  arrays: WeightArrays,
): void {
  for (const { key, spec } of expected) {
    const got = arrays.get(key);
    if (!got) throw new Error(`the weights have no ${key}: they belong to a different space`);
    if (got.shape.join() !== spec.shape.join() || got.values.length !== elementCount(spec.shape)) {
      throw new Error(`${key} is [${got.shape}] in the weights but [${spec.shape}] in the space`);
    }
  }
  if (arrays.size !== expected.length)
    throw new Error(`the weights hold ${arrays.size} tensors, the space ${expected.length}`);
}

/** A shape's dimensions without the batch axis, as tensors carry them. */
export function shapeDims(shape: Shape): number[] {
  switch (shape.kind) {
    case "image":
      return [shape.h, shape.w, shape.c];
    case "vector":
      return [shape.n];
    case "tokens":
      return [shape.length];
    case "seq":
      return [shape.length, shape.dim];
  }
}

function checkShape(where: string, t: tf.Tensor, expected: Shape): void {
  const got = t.shape.slice(1);
  const want = shapeDims(expected);
  if (got.join() !== want.join())
    throw new Error(`${where}: the engine computed [${got}], the plan says [${want}]`);
}
