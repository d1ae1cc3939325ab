/**
 * The engine's own supernet training step (server/engine/train/step.ts, as trainSupernet calls
 * it) timed on the current backend: a fresh supernet and optimizer, one fixed batch, and a given
 * sequence of sampled subnets per step.
 */
import type { Batch } from "../server/engine/data/batches";
import { Rng } from "../server/engine/data/rng";
import { Supernet } from "../server/engine/supernet/supernet";
import { WeightOptimizer } from "../server/engine/train/optimizer";
import type { SampledSubnet } from "../server/engine/train/sampling";
import { SubnetSampler } from "../server/engine/train/sampling";
import { trainStep } from "../server/engine/train/step";
import type { SpaceModel } from "../server/language/model";
import type { TrainConfig } from "../server/language/searchConfig";
import { median } from "./stats";

export interface StepTimes {
  /** Steps timed after the warm-up. */
  steps: number;
  batch: number;
  medianStepMs: number;
  /** Training images per second: the batch over the median step, as the trainer reports it. */
  imagesPerSecond: number;
}

/** The subnets of the first `count` steps as the trainer samples them from `seed`. */
export function sampledSteps(
  model: SpaceModel,
  sampling: TrainConfig["sampling"],
  seed: number,
  count: number,
): SampledSubnet[][] {
  const sampler = new SubnetSampler(model, sampling);
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: count }, () => sampler.next(rng));
}

/** Random examples of the dataset's shape (the values do not change the work), with labels. */
export function syntheticBatch(shape: readonly number[], classes: number, seed: number): Batch {
  const rng = Rng.fromSeed(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    x: Float32Array.from({ length: size }, () => 2 * rng.nextFloat() - 1),
    y: Int32Array.from({ length: shape[0] }, () => rng.nextInt(classes)),
    shape,
  };
}

export interface EngineRun {
  model: SpaceModel;
  config: TrainConfig;
  seed: number;
  batch: Batch;
  classes: number;
  /** Each step's subnets; the first `warmupSteps` are not timed. */
  steps: readonly (readonly SampledSubnet[])[];
  warmupSteps: number;
}

export function timeEngineSteps(run: EngineRun): StepTimes {
  const { config } = run;
  const supernet = Supernet.create(run.model, run.seed);
  const optimizer = new WeightOptimizer(config.optimizer, config.weightDecay);
  const rng = Rng.fromSeed(run.seed);
  try {
    // trainStep reads its losses back, so each call has finished its work when it returns.
    const durations = run.steps.map((subnets) => {
      const started = performance.now();
      trainStep({
        supernet,
        optimizer,
        config,
        classes: run.classes,
        subnets,
        batch: run.batch,
        learningRate: config.optimizer.lr,
        nextSeed: () => rng.nextUint32(),
      });
      return performance.now() - started;
    });
    const timed = durations.slice(run.warmupSteps);
    const medianStepMs = median(timed);
    return {
      steps: timed.length,
      batch: run.batch.shape[0],
      medianStepMs,
      imagesPerSecond: (1000 * run.batch.shape[0]) / medianStepMs,
    };
  } finally {
    supernet.dispose();
    optimizer.dispose();
  }
}
