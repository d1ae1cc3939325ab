/** The metrics a search can optimise or constrain, with the units their limits take. */
import type { NumberUnit } from "./tokens";

export type Metric = "accuracy" | "loss" | "macs" | "params" | "latency" | "model_size";

export interface MetricSpec {
  readonly name: Metric;
  readonly doc: string;
  /** The natural direction: accuracy is maximised, everything else minimised. */
  readonly better: "higher" | "lower";
  /** Units a limit on this metric may carry. */
  readonly units: readonly NumberUnit[];
  /** Known statically from the space (no training needed). */
  readonly analytic: boolean;
}

const COUNT: readonly NumberUnit[] = ["", "k", "M", "G"];

export const METRICS: ReadonlyMap<Metric, MetricSpec> = new Map(
  (
    [
      {
        name: "accuracy",
        doc: "top-1 validation accuracy, in percent",
        better: "higher",
        units: ["", "%"],
        analytic: false,
      },
      { name: "loss", doc: "validation cross-entropy loss", better: "lower", units: [""], analytic: false },
      {
        name: "macs",
        doc: "multiply-accumulates of one forward pass (batch 1)",
        better: "lower",
        units: COUNT,
        analytic: true,
      },
      { name: "params", doc: "trainable parameters", better: "lower", units: COUNT, analytic: true },
      {
        name: "latency",
        doc: "measured inference latency at batch 1 on the run's device, in ms",
        better: "lower",
        units: ["", "us", "ms", "s"],
        analytic: false,
      },
      {
        name: "model_size",
        doc: "size of the float32 weights, in bytes",
        better: "lower",
        units: COUNT,
        analytic: true,
      },
    ] satisfies MetricSpec[]
  ).map((m) => [m.name, m]),
);

export function isMetric(name: string): name is Metric {
  return METRICS.has(name as Metric);
}

/**
 * The metrics a subnet's cost gives without training: MACs, params, and its size in bytes as
 * float32 weights.
 */
export function analyticMetrics(cost: { readonly macs: number; readonly params: number }): {
  macs: number;
  params: number;
  model_size: number;
} {
  return { macs: cost.macs, params: cost.params, model_size: cost.params * 4 };
}
