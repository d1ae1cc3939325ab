import * as tf from "@tensorflow/tfjs-core";
import type { SubnetPlan } from "../../language/plan";
import type { Batch } from "../data/batches";
import type { BnStatistics, StatisticsSink } from "./context";
import type { Supernet } from "./supernet";

/**
 * OFA's BatchNorm recalibration: a subnet's running statistics are not trained (every subnet
 * sees different widths and inputs), so before evaluating it, its BatchNorms measure the mean and
 * variance of their inputs over a few hundred training images. The images pass in chunks of
 * `batchSize`, each normalised with its own statistics as in training; the recorded figures are
 * the exact mean and variance over all images. The caller disposes the result (disposeStatistics).
 */
export function calibrateBatchNorm(
  supernet: Supernet,
  plan: SubnetPlan,
  images: Batch,
  batchSize: number,
): BnStatistics {
  const sink = new PooledStatistics();
  try {
    const [count, ...example] = images.shape;
    const size = images.x.length / count;
    for (let start = 0; start < count; start += batchSize) {
      const n = Math.min(batchSize, count - start);
      tf.tidy(() => {
        const x = tf.tensor(images.x.subarray(start * size, (start + n) * size), [n, ...example]);
        supernet.forward(plan, x, { kind: "calibrate", sink });
      });
    }
    return sink.finish();
  } finally {
    sink.dispose();
  }
}

export function disposeStatistics(stats: BnStatistics): void {
  for (const { mean, variance } of stats.values()) tf.dispose([mean, variance]);
}

/** Sums of x and x² (as count·mean and count·(var + mean²)) per BatchNorm, pooled over chunks. */
class PooledStatistics implements StatisticsSink {
  private readonly sums = new Map<string, { count: number; sum: tf.Tensor1D; sumSquares: tf.Tensor1D }>();

  record(key: string, mean: tf.Tensor1D, variance: tf.Tensor1D, count: number): void {
    const previous = this.sums.get(key);
    const sum = tf.keep(tf.add(tf.mul(mean, count), previous?.sum ?? 0)) as tf.Tensor1D;
    const sumSquares = tf.keep(
      tf.add(tf.mul(tf.add(variance, tf.square(mean)), count), previous?.sumSquares ?? 0),
    ) as tf.Tensor1D;
    if (previous) tf.dispose([previous.sum, previous.sumSquares]);
    this.sums.set(key, { count: count + (previous?.count ?? 0), sum, sumSquares });
  }

  finish(): BnStatistics {
    return new Map(
      [...this.sums].map(([key, { count, sum, sumSquares }]) => {
        const stats = tf.tidy(() => {
          const mean = tf.div(sum, count) as tf.Tensor1D;
          const variance = tf.relu(tf.sub(tf.div(sumSquares, count), tf.square(mean))) as tf.Tensor1D;
          return { mean, variance };
        });
        return [key, stats];
      }),
    );
  }

  dispose(): void {
    for (const { sum, sumSquares } of this.sums.values()) tf.dispose([sum, sumSquares]);
    this.sums.clear();
  }
}
