/**
 * What the Pareto chart draws for one run: each evaluated subnet as a point on the chosen axes,
 * whether it is feasible and on the run's front (over all its objectives), and the frontier of
 * the two axes as a line.
 */
import type { Objective } from "../../protocol/panels";
import type { EvaluationEvent } from "../../protocol/runEvents";
import type { Axis } from "./axes";
import { axisValue } from "./axes";
import { frontier2d, nonDominated } from "./front";
import type { ParetoRun } from "./reduce";
import { evaluationsOf } from "./reduce";

export interface PlotPoint {
  readonly x: number;
  readonly y: number;
  readonly index: number;
  readonly feasible: boolean;
  /** Non-dominated among the feasible subnets, over every objective of the search. */
  readonly onFront: boolean;
}

export interface RunPlot {
  readonly points: readonly PlotPoint[];
  /** The feasible frontier of the two axes, in ascending x. */
  readonly frontier: readonly PlotPoint[];
  readonly frontSize: number;
  readonly infeasible: number;
}

export interface PlotFilter {
  readonly showDominated: boolean;
  readonly showInfeasible: boolean;
}

export function plotRun(run: ParetoRun, axes: { readonly x: Axis; readonly y: Axis }): RunPlot {
  const evaluations = evaluationsOf(run);
  const front = frontOf(evaluations, run.objectives);
  const points = evaluations.map((e): PlotPoint => ({
    x: axisValue(e, axes.x.key, run.objectives),
    y: axisValue(e, axes.y.key, run.objectives),
    index: e.index,
    feasible: e.violation === 0,
    onFront: front.has(e.index),
  }));
  const feasible = points.filter((p) => p.feasible);
  return {
    points,
    frontier: frontier2d(feasible, axes.x.sense, axes.y.sense),
    frontSize: front.size,
    infeasible: points.length - feasible.length,
  };
}

/** The feasible subnets no other feasible subnet dominates. */
export function frontOf(
  evaluations: readonly EvaluationEvent[],
  objectives: readonly Objective[],
): Set<number> {
  const senses = objectives.map((o) => o.sense);
  const scored = evaluations
    .filter((e) => e.violation === 0 && e.objectives.length === senses.length)
    .map((e) => ({ index: e.index, values: e.objectives }));
  return nonDominated(scored, senses);
}

/** The points a filter lets through. */
export function visiblePoints(plot: RunPlot, filter: PlotFilter): PlotPoint[] {
  return plot.points.filter((p) => (p.feasible ? filter.showDominated || p.onFront : filter.showInfeasible));
}

/** Splits points into `bins` groups by evaluation order (each drawn in one colour of a ramp). */
export function orderBins(points: readonly PlotPoint[], count: number, bins: number): PlotPoint[][] {
  const out: PlotPoint[][] = Array.from({ length: bins }, () => []);
  for (const p of points) out[Math.min(bins - 1, Math.floor((p.index / Math.max(1, count)) * bins))].push(p);
  return out;
}
