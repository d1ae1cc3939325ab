import * as tf from "@tensorflow/tfjs-core";
import type * as tfl from "@tensorflow/tfjs-layers";
import type { SubnetPlan } from "../../language/plan";
import { buildSubnetModel } from "../export/build-model";
import { freshWeights } from "../export/fresh-weights";
import type { SubnetWeights } from "../export/op-weights";
import type { SampleSummary } from "./statistics";
import { summarizeSamples } from "./statistics";
import type { TimingOptions } from "./timer";
import { DEFAULT_TIMING, timeInterleaved } from "./timer";

/** Inference latency in milliseconds at one batch size, on one backend. */
export interface LatencyMeasurement extends SampleSummary {
  readonly batch: number;
  readonly backend: string;
}

/**
 * One inference of a model on a fixed random batch, finished only when its output's values have
 * arrived: backends that queue work (wasm threads, tfjs-node, WebGL) are timed to completion.
 */
export function inferenceRun(
  model: tfl.LayersModel,
  batch: number,
): { run: () => Promise<void>; dispose: () => void } {
  const [input] = model.inputs;
  const shape = [batch, ...input.shape.slice(1).map((d) => d ?? 1)];
  const x = input.dtype === "int32" ? tf.zeros(shape, "int32") : tf.randomNormal(shape, 0, 1, "float32", 1);
  return {
    async run() {
      const y = model.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
    },
    dispose: () => x.dispose(),
  };
}

/** Several models timed against each other (interleaved rounds) at one batch size. */
export async function measureModelsLatency(
  models: readonly tfl.LayersModel[],
  batch: number,
  timing: TimingOptions = DEFAULT_TIMING,
): Promise<LatencyMeasurement[]> {
  const runs = models.map((model) => inferenceRun(model, batch));
  try {
    const samples = await timeInterleaved(
      runs.map((r) => r.run),
      timing,
    );
    return samples.map((durations) => ({ batch, backend: tf.getBackend(), ...summarizeSamples(durations) }));
  } finally {
    for (const r of runs) r.dispose();
  }
}

export async function measureModelLatency(
  model: tfl.LayersModel,
  batch: number,
  timing: TimingOptions = DEFAULT_TIMING,
): Promise<LatencyMeasurement> {
  const [measurement] = await measureModelsLatency([model], batch, timing);
  return measurement;
}

export interface SubnetLatencyOptions {
  /** Batch sizes to measure at; batch 1 is the latency a single request sees. */
  readonly batches?: readonly number[];
  readonly timing?: TimingOptions;
  /** The subnet's weights (e.g. inherited); fresh ones by default, as values do not change the time. */
  readonly weights?: SubnetWeights;
}

/**
 * A subnet's inference latency on the current backend: the subnet built as the standalone model
 * an export writes, warmed up, then timed at each batch size (median and spread, in ms).
 */
export async function measureSubnetLatency(
  plan: SubnetPlan,
  options: SubnetLatencyOptions = {},
): Promise<LatencyMeasurement[]> {
  const weights = options.weights ?? freshWeights(0);
  const model = buildSubnetModel(plan, weights);
  try {
    const results: LatencyMeasurement[] = [];
    for (const batch of options.batches ?? [1])
      results.push(await measureModelLatency(model, batch, options.timing));
    return results;
  } finally {
    model.dispose();
    if (!options.weights) weights.dispose();
  }
}
