import { createHash } from "node:crypto";
import type { SpaceModel } from "../../language/model";
import type { TrainConfig } from "../../language/searchConfig";
import { initialCursor, TrainingBatches } from "../data/batches";
import type { Dataset } from "../data/dataset";
import { Rng } from "../data/rng";
import { Supernet, supernetLayout } from "../supernet/supernet";
import type { CheckpointStore, TrainingCheckpoint } from "./checkpoint";
import type { StepMetrics, TrainEvent } from "./events";
import { WeightOptimizer } from "./optimizer";
import { SubnetSampler } from "./sampling";
import { learningRate } from "./schedule";
import { trainStep } from "./step";

export interface TrainOptions {
  readonly model: SpaceModel;
  readonly dataset: Dataset;
  readonly config: TrainConfig;
  readonly seed: number;
  /** Where epoch checkpoints go and where a resumed training finds the last one. */
  readonly store?: CheckpointStore;
  /** Progress; awaited, so a slow consumer slows training rather than piling events up. */
  readonly onEvent?: (event: TrainEvent) => void | Promise<void>;
  /** Stops between steps; the last epoch checkpoint stays the point to resume from. */
  readonly signal?: AbortSignal;
  /** A clock in milliseconds for the throughput figures (default: performance.now). */
  readonly now?: () => number;
}

export interface TrainResult {
  /** The trained (or partly trained, when stopped) supernet; the caller disposes it. */
  readonly supernet: Supernet;
  /** Epochs completed. */
  readonly epochs: number;
  /** Whether every configured epoch ran (false when stopped). */
  readonly completed: boolean;
}

/**
 * Trains a supernet: sandwich or uniform sampling, gradients of the sampled subnets summed per
 * step, the configured optimizer, schedule, weight decay, label smoothing and distillation. Seeded:
 * the same inputs give the same weights on one backend, and a training resumed from its last
 * checkpoint reaches the weights of an uninterrupted one.
 */
export async function trainSupernet(options: TrainOptions): Promise<TrainResult> {
  const { model, dataset, config, store, signal } = options;
  const now = options.now ?? (() => performance.now());
  const emit = async (event: TrainEvent): Promise<void> => {
    await options.onEvent?.(event);
  };
  const fingerprint = trainingFingerprint(options);
  const saved = await store?.load();
  if (saved && saved.fingerprint !== fingerprint) {
    throw new Error("the checkpoint belongs to a different space, training configuration, seed or dataset");
  }
  const supernet = saved ? Supernet.fromArrays(model, saved.weights) : Supernet.create(model, options.seed);
  const optimizer = new WeightOptimizer(config.optimizer, config.weightDecay);
  if (saved) optimizer.restore(saved.optimizer);
  const rng = saved ? Rng.fromState(saved.rng) : Rng.fromSeed(options.seed);
  let step = saved?.step ?? 0;
  let epoch = saved?.epoch ?? 0;
  const batches = new TrainingBatches(
    dataset,
    dataset.train,
    config.batch,
    saved?.cursor ?? initialCursor(options.seed),
  );
  const sampler = new SubnetSampler(model, config.sampling);
  const stepsPerEpoch = batches.batchesPerEpoch;
  try {
    await emit({
      kind: "start",
      epochs: config.epochs,
      stepsPerEpoch,
      resumedAt: epoch,
      weights: supernet.size,
    });
    while (epoch < config.epochs) {
      const started = now();
      const epochMetrics: StepMetrics[] = [];
      let rate = 0;
      for (const batch of batches.restOfEpoch()) {
        if (signal?.aborted) return { supernet, epochs: epoch, completed: false };
        const stepStarted = now();
        rate = learningRate(config, step, stepsPerEpoch);
        const metrics = trainStep({
          supernet,
          optimizer,
          config,
          classes: dataset.classes,
          subnets: sampler.next(rng),
          batch,
          learningRate: rate,
          nextSeed: () => rng.nextUint32(),
        });
        epochMetrics.push(metrics);
        await emit({
          kind: "step",
          epoch,
          stepInEpoch: epochMetrics.length - 1,
          step,
          learningRate: rate,
          metrics,
          imagesPerSecond: perSecond(batch.y.length, now() - stepStarted),
        });
        step++;
        await yieldToEventLoop();
      }
      epoch++;
      const checkpoint: TrainingCheckpoint = {
        fingerprint,
        epoch,
        step,
        cursor: batches.cursor,
        rng: rng.state,
        weights: supernet.toArrays(),
        optimizer: optimizer.state(),
      };
      await store?.save(checkpoint);
      await emit({
        kind: "epoch",
        epoch,
        epochs: config.epochs,
        learningRate: rate,
        metrics: meanMetrics(epochMetrics),
        imagesPerSecond: perSecond(epochMetrics.length * config.batch, now() - started),
        seconds: (now() - started) / 1000,
      });
    }
    return { supernet, epochs: epoch, completed: true };
  } catch (e) {
    supernet.dispose();
    throw e;
  } finally {
    optimizer.dispose();
  }
}

/**
 * What a checkpoint must match to be resumed: the supernet's weights (names and shapes), the
 * training configuration, the seed and the training data.
 */
function trainingFingerprint(options: TrainOptions): string {
  const { from: _from, ...config } = options.config;
  const identity = {
    weights: supernetLayout(options.model).weights.map((w) => `${w.key}[${w.spec.shape.join(",")}]`),
    config,
    seed: options.seed,
    data: { name: options.dataset.name, train: options.dataset.train.count, shape: options.dataset.shape },
  };
  return createHash("sha256").update(JSON.stringify(identity)).digest("hex");
}

function meanMetrics(steps: readonly StepMetrics[]): StepMetrics {
  const out: StepMetrics = {};
  for (const kind of ["largest", "smallest", "random"] as const) {
    const seen = steps.flatMap((s) => (s[kind] ? [s[kind]] : []));
    if (seen.length === 0) continue;
    out[kind] = {
      loss: seen.reduce((a, m) => a + m.loss, 0) / seen.length,
      accuracy: seen.reduce((a, m) => a + m.accuracy, 0) / seen.length,
    };
  }
  return out;
}

function perSecond(images: number, ms: number): number {
  return ms > 0 ? (images * 1000) / ms : 0;
}

/** Lets timers and messages (a stop request) run between steps. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
