import * as tf from "@tensorflow/tfjs-core";
import type { Optimizer as OptimizerConfig } from "../../language/searchConfig";
import type { SupernetWeight, WeightArrays } from "../supernet/weights";

/** An optimizer's whole state as plain arrays, for a checkpoint. */
export interface OptimizerState {
  readonly kind: OptimizerConfig["kind"];
  /** Updates applied to each weight so far (Adam's bias correction), by weight key. */
  readonly updates: Readonly<Record<string, number>>;
  /** Slots by `${weight key}#${slot}` (`#momentum`, `#m`, `#v`). */
  readonly slots: WeightArrays;
}

/**
 * SGD with (Nesterov) momentum and Adam, with L2 weight decay on the weights whose spec asks for
 * it, both as PyTorch defines them. Hand-written over tfjs-core ops rather than tf.train's
 * optimizers because those keep their slots by the position of a weight in each call's gradient
 * list: with elastic depth the list changes from step to step, and slots would be mixed up.
 * Slots live per weight key, are created at the first gradient, and weights without a gradient
 * in a step are left alone (PyTorch's behaviour).
 */
export class WeightOptimizer {
  private readonly slots = new Map<string, tf.Tensor>();
  private readonly updates = new Map<string, number>();

  constructor(
    private readonly config: OptimizerConfig,
    private readonly weightDecay: number,
  ) {}

  /** Applies one update from gradients keyed by weight key. */
  apply(
    weights: readonly SupernetWeight[],
    gradients: ReadonlyMap<string, tf.Tensor>,
    learningRate: number,
  ): void {
    for (const weight of weights) {
      const gradient = gradients.get(weight.key);
      if (!gradient) continue;
      const count = (this.updates.get(weight.key) ?? 0) + 1;
      this.updates.set(weight.key, count);
      const next = tf.tidy(() => {
        const p = weight.variable;
        const g =
          weight.spec.decay && this.weightDecay > 0
            ? tf.add(gradient, tf.mul(p, this.weightDecay))
            : gradient;
        return tf.sub(p, tf.mul(this.step(weight.key, g, count), learningRate));
      });
      weight.variable.assign(next);
      next.dispose();
    }
  }

  state(): OptimizerState {
    const slots = new Map(
      [...this.slots].map(([key, t]) => [key, { shape: t.shape, values: t.dataSync() as Float32Array }]),
    );
    return { kind: this.config.kind, updates: Object.fromEntries(this.updates), slots };
  }

  restore(state: OptimizerState): void {
    if (state.kind !== this.config.kind)
      throw new Error(`the checkpoint's optimizer is ${state.kind}, the configuration's ${this.config.kind}`);
    this.dispose();
    for (const [key, { shape, values }] of state.slots) this.slots.set(key, tf.tensor(values, [...shape]));
    for (const [key, count] of Object.entries(state.updates)) this.updates.set(key, count);
  }

  dispose(): void {
    tf.dispose([...this.slots.values()]);
    this.slots.clear();
    this.updates.clear();
  }

  /** The update direction (before the learning rate) from gradient g; replaces the weight's slots. */
  private step(key: string, g: tf.Tensor, count: number): tf.Tensor {
    const c = this.config;
    if (c.kind === "sgd") {
      if (c.momentum === 0) return g;
      const buffer = this.replaceSlot(`${key}#momentum`, (old) =>
        old ? tf.add(tf.mul(old, c.momentum), g) : g,
      );
      return c.nesterov ? tf.add(g, tf.mul(buffer, c.momentum)) : buffer;
    }
    const m = this.replaceSlot(`${key}#m`, (old) =>
      tf.add(tf.mul(old ?? tf.zerosLike(g), c.beta1), tf.mul(g, 1 - c.beta1)),
    );
    const v = this.replaceSlot(`${key}#v`, (old) =>
      tf.add(tf.mul(old ?? tf.zerosLike(g), c.beta2), tf.mul(tf.square(g), 1 - c.beta2)),
    );
    const mHat = tf.div(m, 1 - c.beta1 ** count);
    const vHat = tf.div(v, 1 - c.beta2 ** count);
    return tf.div(mHat, tf.add(tf.sqrt(vHat), ADAM_EPSILON));
  }

  /** Computes a slot's new value inside the caller's tidy, keeps it, and frees the old one. */
  private replaceSlot(name: string, update: (old: tf.Tensor | undefined) => tf.Tensor): tf.Tensor {
    const old = this.slots.get(name);
    const next = tf.keep(tf.clone(update(old)));
    old?.dispose();
    this.slots.set(name, next);
    return next;
  }
}

const ADAM_EPSILON = 1e-8;
