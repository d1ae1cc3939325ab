import * as tf from "@tensorflow/tfjs-core";
import type * as tfl from "@tensorflow/tfjs-layers";
import type { SpaceModel } from "../../language/model";
import type { PlanStep, SubnetPlan } from "../../language/plan";
import type { Shape } from "../../language/shapes";
import { buildSubnetModel } from "../export/build-model";
import { freshWeights } from "../export/fresh-weights";
import type { SubnetWeights } from "../export/op-weights";
import { spaceConfigurations } from "./configurations";
import { measureModelsLatency } from "./model-latency";
import type { LatencyStatistic } from "./statistics";
import { DEFAULT_STATISTIC, quantile } from "./statistics";
import type { LatencyTable } from "./table";
import { LATENCY_TABLE_FORMAT } from "./table";
import type { TimingOptions } from "./timer";

/** Times one inference of each model at a batch size (ms each); the models may be timed against each other. */
export type ModelTimer = (models: readonly tfl.LayersModel[], batch: number) => Promise<number[]>;

export const TABLE_TIMING: TimingOptions = { warmup: 5, runs: 25 };

/** Probe models alive at once while a table is built: they are timed against each other. */
const PROBES_PER_ROUND = 64;

export interface TableOptions {
  readonly batch?: number;
  /** The figure each entry is taken as (the table's comparison with measurement uses the same). */
  readonly statistic?: LatencyStatistic;
  /** How to time models; `statistic` of `TABLE_TIMING` interleaved runs by default. */
  readonly timer?: ModelTimer;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The timer the engine uses: a statistic of interleaved timed runs after a warm-up. */
export function statisticTimer(
  timing: TimingOptions,
  statistic: LatencyStatistic = DEFAULT_STATISTIC,
): ModelTimer {
  return async (models, batch) =>
    (await measureModelsLatency(models, batch, timing)).map((m) => m[statistic]);
}

interface Probe {
  readonly key: string;
  readonly input: Shape;
  readonly steps: readonly PlanStep[];
}

/**
 * Builds a space's latency lookup table on the current backend: every op configuration the
 * space's subnets can run (spaceConfigurations) is timed alone, as a one-op model of the layers
 * an export writes, against a model without layers timed with it; the difference is the op's
 * entry, and the layerless model's time the table's fixed per-inference overhead.
 */
export async function buildLatencyTable(
  model: SpaceModel,
  options: TableOptions = {},
): Promise<LatencyTable> {
  const batch = options.batch ?? 1;
  const statistic = options.statistic ?? DEFAULT_STATISTIC;
  const timer = options.timer ?? statisticTimer(TABLE_TIMING, statistic);
  const { ops, residuals } = spaceConfigurations(model);
  const probes: Probe[] = [
    ...[...ops].map(([key, step]) => ({ key, input: step.input, steps: [step] })),
    ...[...residuals].map(([key, input]) => ({
      key,
      input,
      steps: [{ kind: "residual" as const, id: "residual", body: [], input }],
    })),
  ];
  const empty: Probe = { key: "", input: model.input!, steps: [] };
  const weights = freshWeights(0);
  const entries: Record<string, number> = {};
  const overheads: number[] = [];
  try {
    for (let start = 0; start < probes.length || overheads.length === 0; start += PROBES_PER_ROUND) {
      const round = [empty, ...probes.slice(start, start + PROBES_PER_ROUND)];
      const [overhead, ...times] = await timeProbes(round, weights, batch, timer);
      overheads.push(overhead);
      round.slice(1).forEach((probe, i) => (entries[probe.key] = times[i] - overhead));
      options.onProgress?.(Math.min(start + PROBES_PER_ROUND, probes.length), probes.length);
    }
  } finally {
    weights.dispose();
  }
  const overheadMs = quantile(
    overheads.sort((a, b) => a - b),
    0.5,
  );
  return {
    format: LATENCY_TABLE_FORMAT,
    space: model.name,
    backend: tf.getBackend(),
    batch,
    statistic,
    overheadMs,
    entries,
  };
}

async function timeProbes(
  probes: readonly Probe[],
  weights: SubnetWeights,
  batch: number,
  timer: ModelTimer,
): Promise<number[]> {
  const models = probes.map(({ input, steps }) => {
    const last = steps[steps.length - 1];
    const plan: SubnetPlan = {
      input,
      steps,
      output: last?.kind === "op" ? last.output : input,
      macs: 0,
      params: 0,
    };
    return buildSubnetModel(plan, weights, "probe");
  });
  try {
    return await timer(models, batch);
  } finally {
    for (const m of models) m.dispose();
  }
}
