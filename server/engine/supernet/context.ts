import * as tf from "@tensorflow/tfjs-core";
import { batchMoments, batchNormInference, batchNormTraining, layerNorm } from "./normalization";
import type { SupernetWeight } from "./weights";
import { elementCount, weightKey } from "./weights";

/** BatchNorm statistics of one subnet, keyed by `${opId}:${bn name}`, at that subnet's widths. */
export type BnStatistics = ReadonlyMap<
  string,
  { readonly mean: tf.Tensor1D; readonly variance: tf.Tensor1D }
>;

/** Receives the batch statistics each BatchNorm computes while calibrating. */
export interface StatisticsSink {
  record(key: string, mean: tf.Tensor1D, variance: tf.Tensor1D, count: number): void;
}

/**
 * How a forward pass runs: training (batch statistics, dropout drawn from `nextSeed`),
 * calibration (batch statistics, reported to `sink`), or inference (recorded statistics).
 */
export type ForwardMode =
  | { readonly kind: "train"; readonly nextSeed: () => number }
  | { readonly kind: "calibrate"; readonly sink: StatisticsSink }
  | { readonly kind: "infer"; readonly stats: BnStatistics };

/**
 * What one op instance sees while it runs: its weights, sliced to the subnet's sizes (OFA's
 * elastic width, expand and kernel), and the forward mode. It counts the weights it hands out and
 * the MACs the op reports, so tests can hold them against the plan's figures.
 */
export class OpContext {
  params = 0;
  macs = 0;

  constructor(
    readonly opId: string,
    private readonly lookup: (key: string) => SupernetWeight | undefined,
    readonly mode: ForwardMode,
  ) {}

  /** The leading `size` slice of a weight (the first channels, units or rows of each axis). */
  weight(name: string, size: readonly number[]): tf.Tensor {
    return this.slice(
      name,
      size,
      size.map(() => 0),
    );
  }

  /**
   * A convolution kernel [K, K, …] cut to [k, k, …size]: the centre k×k of the largest kernel
   * (OFA's elastic kernel), the leading channels of the other axes.
   */
  kernel(name: string, k: number, size: readonly number[]): tf.Tensor {
    const full = this.find(name).spec.shape[0];
    if ((full - k) % 2 !== 0) throw new Error(`${this.opId}: kernel ${k} cannot be centred in ${full}`);
    const offset = (full - k) / 2;
    return this.slice(name, [k, k, ...size], [offset, offset, ...size.map(() => 0)]);
  }

  countMacs(macs: number): void {
    this.macs += macs;
  }

  batchNorm(name: string, x: tf.Tensor): tf.Tensor {
    const width = x.shape[x.rank - 1];
    const gamma = this.weight(`${name}.gamma`, [width]);
    const beta = this.weight(`${name}.beta`, [width]);
    const key = weightKey(this.opId, name);
    switch (this.mode.kind) {
      case "train":
        return batchNormTraining(x, gamma, beta);
      case "calibrate": {
        const { mean, variance } = batchMoments(x);
        this.mode.sink.record(key, mean, variance, x.size / width);
        return batchNormInference(x, { mean, variance }, gamma, beta);
      }
      case "infer": {
        const stats = this.mode.stats.get(key);
        if (!stats || stats.mean.size !== width) {
          throw new Error(
            `${this.opId}: no BatchNorm statistics of width ${width} for ${name}; recalibrate this subnet`,
          );
        }
        return batchNormInference(x, stats, gamma, beta);
      }
    }
  }

  layerNorm(name: string, x: tf.Tensor): tf.Tensor {
    const width = x.shape[x.rank - 1];
    return layerNorm(x, this.weight(`${name}.gamma`, [width]), this.weight(`${name}.beta`, [width]));
  }

  /** Dropout while training (seeded from the training stream), identity otherwise. */
  dropout(x: tf.Tensor, rate: number): tf.Tensor {
    return this.mode.kind === "train" && rate > 0 ? tf.dropout(x, rate, undefined, this.mode.nextSeed()) : x;
  }

  private slice(name: string, size: readonly number[], begin: readonly number[]): tf.Tensor {
    const { spec, variable } = this.find(name);
    const full = spec.shape;
    if (size.length !== full.length || size.some((s, i) => s < 1 || begin[i] + s > full[i])) {
      throw new Error(`${this.opId}: ${name} of the supernet is [${full}], the subnet asks for [${size}]`);
    }
    this.params += elementCount(size);
    // A full-size read is the variable itself: no copy, and its gradient needs no padding.
    if (size.every((s, i) => s === full[i])) return variable;
    return tf.slice(variable, [...begin], [...size]);
  }

  private find(name: string): SupernetWeight {
    const weight = this.lookup(weightKey(this.opId, name));
    if (!weight) throw new Error(`${this.opId}: the supernet has no weight ${name}`);
    return weight;
  }
}
