import type { PlanStep, SubnetPlan } from "../../language/plan";
import { opKey, residualKey } from "./configurations";
import type { LatencyStatistic } from "./statistics";
import { LATENCY_STATISTICS } from "./statistics";

export const LATENCY_TABLE_FORMAT = "supernet-latency-table/1";

/**
 * A per-layer latency lookup table of one space on one device: what each op configuration adds
 * to an inference, and the fixed cost of an inference itself. Plain JSON, so a run stores it.
 */
export interface LatencyTable {
  readonly format: typeof LATENCY_TABLE_FORMAT;
  readonly space: string;
  /** The tfjs backend it was measured on. */
  readonly backend: string;
  readonly batch: number;
  /** The figure of the timed runs each entry is (median, 10th percentile or minimum). */
  readonly statistic: LatencyStatistic;
  /** Milliseconds of an inference of a model without layers (input in, output read back). */
  readonly overheadMs: number;
  /** Milliseconds each op configuration (opKey) or residual add (residualKey) adds. */
  readonly entries: Readonly<Record<string, number>>;
}

/** A subnet's latency as the table predicts it: the fixed overhead plus its ops' entries. */
export function predictLatency(table: LatencyTable, plan: SubnetPlan): number {
  return table.overheadMs + stepsLatency(table, plan.steps);
}

function stepsLatency(table: LatencyTable, steps: readonly PlanStep[]): number {
  let total = 0;
  for (const step of steps) {
    total +=
      step.kind === "op"
        ? entry(table, opKey(step))
        : entry(table, residualKey(step.input)) + stepsLatency(table, step.body);
  }
  return total;
}

function entry(table: LatencyTable, key: string): number {
  const ms = table.entries[key];
  if (ms === undefined)
    throw new Error(
      `the latency table of ${table.space} has no entry for ${key}: it was built for another space`,
    );
  return ms;
}

/** Reads a stored table, checking its format. */
export function parseLatencyTable(text: string): LatencyTable {
  const value = JSON.parse(text) as Partial<LatencyTable>;
  if (value.format !== LATENCY_TABLE_FORMAT) throw new Error(`not a ${LATENCY_TABLE_FORMAT} latency table`);
  const numbers = [value.batch, value.overheadMs, ...Object.values(value.entries ?? {})];
  if (
    typeof value.space !== "string" ||
    typeof value.backend !== "string" ||
    !(LATENCY_STATISTICS as readonly unknown[]).includes(value.statistic) ||
    !value.entries ||
    numbers.some((n) => typeof n !== "number" || !Number.isFinite(n))
  ) {
    throw new Error("the latency table is incomplete or has non-numeric entries");
  }
  return value as LatencyTable;
}
