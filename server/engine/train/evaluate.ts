import * as tf from "@tensorflow/tfjs-core";
import type { Genome } from "../../language/encoding";
import type { Batch } from "../data/batches";
import { gatherBatch, sampleBatch } from "../data/batches";
import type { Dataset } from "../data/dataset";
import { calibrateBatchNorm, disposeStatistics } from "../supernet/calibrate";
import type { Supernet } from "../supernet/supernet";
import { correctCount, crossEntropy } from "./loss";

/** The images every subnet evaluation uses: the whole validation split and a calibration sample. */
export interface EvaluationData {
  readonly validation: Batch;
  /** Training images that recalibrate BatchNorm; the same for every subnet, so results compare. */
  readonly calibration: Batch;
}

export interface EvaluationOptions {
  /** Training images for BatchNorm recalibration (OFA uses a few thousand on ImageNet). */
  readonly calibrationImages?: number;
  /** Seed of the calibration sample. */
  readonly seed?: number;
}

export const DEFAULT_CALIBRATION_IMAGES = 500;

export function evaluationData(dataset: Dataset, options: EvaluationOptions = {}): EvaluationData {
  const count = Math.min(options.calibrationImages ?? DEFAULT_CALIBRATION_IMAGES, dataset.train.count);
  return {
    validation: gatherBatch(
      dataset,
      dataset.validation,
      Array.from({ length: dataset.validation.count }, (_, i) => i),
    ),
    calibration: sampleBatch(dataset, dataset.train, count, options.seed ?? 0),
  };
}

export interface SubnetAccuracy {
  /** Top-1 accuracy on the validation split, 0–1. */
  readonly accuracy: number;
  /** Mean cross-entropy (no label smoothing). */
  readonly loss: number;
  readonly images: number;
}

/**
 * A subnet's validation accuracy and loss with the supernet's weights: recalibrate its
 * BatchNorm statistics, then run the validation split in batches, without gradients. Leaves no
 * tensors behind.
 */
export function evaluateSubnetAccuracy(
  supernet: Supernet,
  genome: Genome,
  data: EvaluationData,
  batchSize = 250,
): SubnetAccuracy {
  const plan = supernet.plan(genome);
  const stats = calibrateBatchNorm(supernet, plan, data.calibration, batchSize);
  try {
    const { x, y, shape } = data.validation;
    const [count, ...example] = shape;
    const size = x.length / count;
    let correct = 0;
    let lossSum = 0;
    for (let start = 0; start < count; start += batchSize) {
      const n = Math.min(batchSize, count - start);
      const results = tf.tidy(() => {
        const input = tf.tensor(x.subarray(start * size, (start + n) * size), [n, ...example]);
        const labels = tf.tensor1d(y.subarray(start, start + n), "int32");
        const logits = supernet.forward(plan, input, { kind: "infer", stats });
        const meanLoss = crossEntropy(logits, tf.oneHot(labels, logits.shape[1]!));
        return tf.stack([correctCount(logits, labels), tf.mul(meanLoss, n)]);
      });
      const [batchCorrect, batchLoss] = results.dataSync();
      results.dispose();
      correct += batchCorrect;
      lossSum += batchLoss;
    }
    return { accuracy: correct / count, loss: lossSum / count, images: count };
  } finally {
    disposeStatistics(stats);
  }
}
