import type { Genome } from "../../language/encoding";
import type { SpaceModel } from "../../language/model";
import { planSubnet } from "../../language/plan";
import { measureSubnetLatency } from "./model-latency";
import type { LatencyTable } from "./table";
import { predictLatency } from "./table";
import type { TimingOptions } from "./timer";
import { DEFAULT_TIMING } from "./timer";

/** A subnet's latency in ms, as a search objective. */
export type LatencyMeter = (genome: Genome) => Promise<number>;

/** Measures each subnet directly: the median at `batch` on the current backend. */
export function measuredLatencyMeter(
  model: SpaceModel,
  batch = 1,
  timing: TimingOptions = DEFAULT_TIMING,
): LatencyMeter {
  return async (genome) => {
    const [measurement] = await measureSubnetLatency(planSubnet(model, genome), { batches: [batch], timing });
    return measurement.median;
  };
}

/** Predicts each subnet's latency from a lookup table built on this device: no timing per subnet. */
export function tableLatencyMeter(model: SpaceModel, table: LatencyTable): LatencyMeter {
  if (table.space !== model.name)
    throw new Error(`the latency table is of space ${table.space}, not ${model.name}`);
  return (genome) => Promise.resolve(predictLatency(table, planSubnet(model, genome)));
}
