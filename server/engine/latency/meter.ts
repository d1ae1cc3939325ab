import type { Genome } from "../../language/encoding";
import type { SpaceModel } from "../../language/model";
import { planSubnet } from "../../language/plan";
import { measureSubnetLatency } from "./model-latency";
import type { LatencyStatistic } from "./statistics";
import { DEFAULT_STATISTIC } from "./statistics";
import type { LatencyTable } from "./table";
import { predictLatency } from "./table";
import type { TimingOptions } from "./timer";
import { DEFAULT_TIMING } from "./timer";

/** A subnet's latency in ms, as a search objective. */
export type LatencyMeter = (genome: Genome) => Promise<number>;

export interface MeterOptions {
  readonly batch?: number;
  readonly timing?: TimingOptions;
  readonly statistic?: LatencyStatistic;
}

/** Measures each subnet directly on the current backend: the 10th percentile (or `statistic`) at batch 1 (or `batch`). */
export function measuredLatencyMeter(model: SpaceModel, options: MeterOptions = {}): LatencyMeter {
  return async (genome) => {
    const plan = planSubnet(model, genome);
    const [measurement] = await measureSubnetLatency(plan, {
      batches: [options.batch ?? 1],
      timing: options.timing ?? DEFAULT_TIMING,
    });
    return measurement[options.statistic ?? DEFAULT_STATISTIC];
  };
}

/** Predicts each subnet's latency from a lookup table built on this device: no timing per subnet. */
export function tableLatencyMeter(model: SpaceModel, table: LatencyTable): LatencyMeter {
  if (table.space !== model.name)
    throw new Error(`the latency table is of space ${table.space}, not ${model.name}`);
  return (genome) => Promise.resolve(predictLatency(table, planSubnet(model, genome)));
}
