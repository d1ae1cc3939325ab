import type { Genome } from "../../language/encoding";
import { genomeKey, largestGenome, smallestGenome } from "../../language/encoding";
import type { SpaceModel } from "../../language/model";
import { planSubnet } from "../../language/plan";
import { buildSubnetModel } from "../export/build-model";
import { freshWeights } from "../export/fresh-weights";
import { Rng } from "../data/rng";
import { SubnetSampler } from "../train/sampling";
import type { ModelTimer } from "./build-table";
import { statisticTimer } from "./build-table";
import { kendallTau, mape } from "../../stats/agreement";
import type { LatencyTable } from "./table";
import { predictLatency } from "./table";
import { DEFAULT_TIMING } from "./timer";

export interface PredictionError {
  /** Mean absolute percentage error of the predicted latencies (%). */
  readonly mape: number;
  /** Kendall's τ-b between predicted and measured: how well the table ranks subnets. */
  readonly kendallTau: number | null;
}

export interface TableErrorPoint {
  readonly genome: Genome;
  readonly predictedMs: number;
  readonly measuredMs: number;
}

export interface TableError extends PredictionError {
  readonly points: readonly TableErrorPoint[];
}

export function predictionError(measured: readonly number[], predicted: readonly number[]): PredictionError {
  const error = mape(measured, predicted);
  if (error === null || measured.some((m) => !(m > 0)))
    throw new RangeError("the table's error needs positive measured latencies");
  return { mape: error, kendallTau: kendallTau(predicted, measured) };
}

export interface TableErrorOptions {
  /** Subnets to compare on: the smallest, the largest and random ones (distinct). */
  readonly subnets?: number;
  readonly seed?: number;
  /** How whole subnets are measured; by default the table's statistic of interleaved default timing runs. */
  readonly timer?: ModelTimer;
}

/**
 * The table's error against direct measurement: for a sample of subnets, the latency it
 * predicts and the latency measured on the subnet as a whole (at the table's batch size).
 */
export async function evaluateLatencyTable(
  model: SpaceModel,
  table: LatencyTable,
  options: TableErrorOptions = {},
): Promise<TableError> {
  const timer = options.timer ?? statisticTimer(DEFAULT_TIMING, table.statistic);
  const genomes = sampleGenomes(model, options.subnets ?? 20, options.seed ?? 0);
  const plans = genomes.map((genome) => planSubnet(model, genome));
  const weights = freshWeights(0);
  const subnets = plans.map((plan) => buildSubnetModel(plan, weights));
  let measured: number[];
  try {
    // Timed against each other, so the machine's busy spells do not fall on a few of them.
    measured = await timer(subnets, table.batch);
  } finally {
    for (const subnet of subnets) subnet.dispose();
    weights.dispose();
  }
  const points = genomes.map((genome, i) => ({
    genome,
    predictedMs: predictLatency(table, plans[i]),
    measuredMs: measured[i],
  }));
  const error = predictionError(
    points.map((p) => p.measuredMs),
    points.map((p) => p.predictedMs),
  );
  return { ...error, points };
}

/** The smallest and largest subnets, then distinct random ones, up to `count` (fewer if the space is smaller). */
export function sampleGenomes(model: SpaceModel, count: number, seed: number): Genome[] {
  const chosen = new Map<string, Genome>();
  for (const genome of [smallestGenome(model), largestGenome(model)]) chosen.set(genomeKey(genome), genome);
  const sampler = new SubnetSampler(model, { kind: "uniform" });
  const rng = Rng.fromSeed(seed);
  for (let draw = 0; chosen.size < count && draw < 50 * count; draw++) {
    const { genome } = sampler.random(rng);
    chosen.set(genomeKey(genome), genome);
  }
  return [...chosen.values()].slice(0, count);
}
