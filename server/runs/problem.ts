/**
 * A `search` block over a space, as the generic search core sees it: categorical genes, the
 * objectives' senses, canonical encodings, a uniform sampler, and the constraints as a violation.
 */
import type { Comparison } from "../language/ast";
import type { Genome } from "../language/encoding";
import {
  canonicalize,
  cardinalities,
  genomeKey,
  largestGenome,
  sampleUniform,
  smallestGenome,
} from "../language/encoding";
import type { Metric } from "../language/metrics";
import { METRICS, analyticMetrics } from "../language/metrics";
import type { SpaceModel } from "../language/model";
import { planSubnet } from "../language/plan";
import type { SearchConfig } from "../language/searchConfig";
import type { SearchProblem } from "../search/types";

export type MetricValues = Partial<Record<Metric, number>>;

/** Metrics computed from the space alone, with no training: never evaluated at engine cost. */
export const ANALYTIC_METRICS: ReadonlySet<Metric> = new Set(
  [...METRICS.values()].filter((m) => m.analytic).map((m) => m.name),
);

/**
 * How much a subnet misses the constraints: the sum over constraints of the relative amount by
 * which it misses each (0 when it meets them all), so misses on MACs and on latency compare.
 */
export function violation(constraints: SearchConfig["constraints"], metrics: MetricValues): number {
  let total = 0;
  for (const c of constraints) {
    const x = metrics[c.metric];
    if (x === undefined) continue;
    total += miss(c.op, x, c.value);
  }
  return total;
}

function miss(op: Comparison, x: number, limit: number): number {
  const scale = Math.abs(limit) || 1;
  switch (op) {
    case "<=":
      return Math.max(0, (x - limit) / scale);
    case "<":
      return x < limit ? 0 : Math.max(Number.EPSILON, (x - limit) / scale);
    case ">=":
      return Math.max(0, (limit - x) / scale);
    case ">":
      return x > limit ? 0 : Math.max(Number.EPSILON, (limit - x) / scale);
  }
}

/** The metrics a search needs measured: its objectives' and its constraints'. */
export function neededMetrics(config: SearchConfig): Set<Metric> {
  return new Set([...config.objectives.map((o) => o.metric), ...config.constraints.map((c) => c.metric)]);
}

export function searchProblem(
  model: SpaceModel,
  config: SearchConfig,
  reference: readonly number[] | undefined,
  random: (seedState: () => number) => Genome = (r) => sampleUniform(model, r),
): SearchProblem {
  return {
    genes: cardinalities(model).map((cardinality) => ({ kind: "categorical" as const, cardinality })),
    senses: config.objectives.map((o) => (o.sense === "maximize" ? "max" : "min")),
    canonicalize: (g) => canonicalize(model, g),
    key: genomeKey,
    sample: (rng) => random(() => rng.nextUint32() / 2 ** 32),
    ...(reference ? { reference } : {}),
    anchors: anchors(model, config),
  };
}

/**
 * The largest and smallest subnets, evaluated first by every search so that its front spans the
 * space (a search of a briefly trained supernet rarely samples the largest corner by itself);
 * one that a constraint on MACs, params or size already rules out is left out.
 */
function anchors(model: SpaceModel, config: SearchConfig): Genome[] {
  const analytic = config.constraints.filter((c) => ANALYTIC_METRICS.has(c.metric));
  return [largestGenome(model), smallestGenome(model)].filter((genome) => {
    return violation(analytic, analyticMetrics(planSubnet(model, genome))) === 0;
  });
}

/** Objective values in the search block's order, from measured metrics. */
export function objectiveValues(config: SearchConfig, metrics: MetricValues, worst: MetricValues): number[] {
  return config.objectives.map((o) => metrics[o.metric] ?? worst[o.metric] ?? 0);
}
