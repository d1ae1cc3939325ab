import * as tf from "@tensorflow/tfjs-core";
import type { TrainConfig } from "../../language/searchConfig";
import type { Batch } from "../data/batches";
import type { Supernet } from "../supernet/supernet";
import type { StepMetrics } from "./events";
import { correctCount, crossEntropy, smoothedTargets } from "./loss";
import type { WeightOptimizer } from "./optimizer";
import type { SampledSubnet, SubnetKind } from "./sampling";

export interface StepInputs {
  readonly supernet: Supernet;
  readonly optimizer: WeightOptimizer;
  readonly config: TrainConfig;
  readonly classes: number;
  readonly subnets: readonly SampledSubnet[];
  readonly batch: Batch;
  readonly learningRate: number;
  /** Seeds of this step's random ops (dropout), from the training generator. */
  readonly nextSeed: () => number;
}

/**
 * One optimizer step: each sampled subnet's gradients on the same batch, summed (OFA), then one
 * update. With distillation the subnets after the largest learn from its softened predictions
 * (in-place distillation) instead of the labels. Returns each kind's loss and accuracy.
 */
export function trainStep(inputs: StepInputs): StepMetrics {
  const { supernet, config, batch } = inputs;
  const keyOf = new Map(supernet.weights.map((w) => [w.variable.name, w.key]));
  const variables = supernet.weights.map((w) => w.variable);
  const gradients = new Map<string, tf.Tensor>();
  const results: { kind: SubnetKind; loss: tf.Scalar; correct: tf.Scalar }[] = [];
  const x = tf.tensor(batch.x, [...batch.shape]);
  const labels = tf.tensor1d(batch.y, "int32");
  const targets = smoothedTargets(labels, inputs.classes, config.labelSmoothing);
  let teacher: tf.Tensor | undefined;
  try {
    for (const subnet of inputs.subnets) {
      const distilled = config.distill && teacher !== undefined;
      let correct: tf.Scalar | undefined;
      let softened: tf.Tensor | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const logits = supernet.forward(subnet.plan, x, { kind: "train", nextSeed: inputs.nextSeed });
        correct = tf.keep(correctCount(logits, labels));
        if (config.distill && subnet.kind === "largest") softened = tf.keep(tf.softmax(logits));
        return crossEntropy(logits, distilled ? teacher! : targets);
      }, variables);
      results.push({ kind: subnet.kind, loss: value, correct: correct! });
      if (softened) {
        teacher?.dispose();
        teacher = softened;
      }
      for (const [name, g] of Object.entries(grads)) accumulate(gradients, keyOf.get(name)!, g);
    }
    inputs.optimizer.apply(supernet.weights, gradients, inputs.learningRate);
    return summarize(results, batch.y.length);
  } finally {
    tf.dispose([x, labels, targets, ...gradients.values(), ...results.flatMap((r) => [r.loss, r.correct])]);
    teacher?.dispose();
  }
}

function accumulate(sums: Map<string, tf.Tensor>, key: string, g: tf.Tensor): void {
  const previous = sums.get(key);
  if (!previous) {
    sums.set(key, g);
    return;
  }
  sums.set(key, tf.add(previous, g));
  previous.dispose();
  g.dispose();
}

/** Reads every scalar back at once and averages them per kind. */
function summarize(
  results: readonly { kind: SubnetKind; loss: tf.Scalar; correct: tf.Scalar }[],
  batchSize: number,
): StepMetrics {
  const stacked = tf.stack(results.flatMap((r) => [r.loss, r.correct]));
  const values = stacked.dataSync();
  stacked.dispose();
  const byKind = new Map<SubnetKind, { loss: number; correct: number; count: number }>();
  results.forEach((r, i) => {
    const entry = byKind.get(r.kind) ?? { loss: 0, correct: 0, count: 0 };
    entry.loss += values[2 * i];
    entry.correct += values[2 * i + 1];
    entry.count++;
    byKind.set(r.kind, entry);
  });
  const metrics: StepMetrics = {};
  for (const [kind, e] of byKind)
    metrics[kind] = { loss: e.loss / e.count, accuracy: e.correct / (e.count * batchSize) };
  return metrics;
}
