/**
 * ECharts options for the Pareto panel: the scatter of every evaluated subnet (large mode and
 * progressive rendering, so 10,000 points stay fluid), the frontier as a step line, the selected
 * subnet on top; and parallel coordinates over all objectives when there are more than two.
 */
import type { EChartsOption, LineSeriesOption, ParallelSeriesOption, ScatterSeriesOption } from "echarts";
import type { Objective } from "../../protocol/panels";
import type { ChartTheme } from "../shared/theme";
import { ORDER_RAMP } from "../shared/theme";
import { formatValue } from "../shared/format";
import type { Axis } from "./axes";
import { ORDER_AXIS } from "./axes";
import type { PlotFilter, PlotPoint, RunPlot } from "./plot";
import { orderBins, visiblePoints } from "./plot";
import type { ParetoRun } from "./reduce";

export type ColorBy = "order" | "feasibility";

export interface ChartRun {
  readonly title: string;
  readonly run: ParetoRun;
  readonly plot: RunPlot;
}

export interface ScatterView extends PlotFilter {
  readonly x: Axis;
  readonly y: Axis;
  readonly colorBy: ColorBy;
}

/** Above this many points in the chart, series draw in ECharts' large mode (one path, no per-point elements). */
export const LARGE_THRESHOLD = 2000;

/** Series ids are `RUN|GROUP`; data items are `[x, y, evaluation index]`. */
export function seriesId(run: number, group: string): string {
  return `${run}|${group}`;
}

export function runOfSeries(id: string): number {
  return Number(id.split("|")[0]);
}

const data = (points: readonly PlotPoint[]): [number, number, number][] =>
  points.map((p) => [p.x, p.y, p.index]);

function scatter(
  id: string,
  name: string,
  points: readonly PlotPoint[],
  color: string,
  size: number,
  large: boolean,
  z = 2,
): ScatterSeriesOption {
  return {
    type: "scatter",
    id,
    name,
    data: data(points),
    symbolSize: size,
    itemStyle: { color, opacity: 0.85 },
    large,
    largeThreshold: 0,
    progressive: 4000,
    progressiveThreshold: 8000,
    z,
    emphasis: { scale: 1.6 },
  };
}

function frontierLine(id: string, name: string, plot: RunPlot, x: Axis, color: string): LineSeriesOption {
  return {
    type: "line",
    id,
    name,
    data: data(plot.frontier),
    step: x.sense === "minimize" ? "end" : "start",
    showSymbol: false,
    lineStyle: { color, width: 1.5 },
    itemStyle: { color },
    silent: true,
    z: 3,
  };
}

/** The legend name of a run's points in compare mode. */
function runName(r: ChartRun, i: number): string {
  return `${i + 1}. ${r.title}`;
}

function axisName(axis: Axis): string {
  if (axis.key === ORDER_AXIS) return "evaluation";
  return `${axis.key} ${axis.sense === "maximize" ? "▲" : "▼"}`;
}

export function scatterOption(
  runs: readonly ChartRun[],
  view: ScatterView,
  selected: { run: number; index: number } | undefined,
  theme: ChartTheme,
  tooltip: (run: number, index: number) => string,
): EChartsOption {
  const series: (ScatterSeriesOption | LineSeriesOption)[] = [];
  const compare = runs.length > 1;
  const large = runs.reduce((n, r) => n + r.plot.points.length, 0) > LARGE_THRESHOLD;
  runs.forEach((r, i) => {
    const shown = visiblePoints(r.plot, view);
    if (compare) {
      const color = theme.palette[i % theme.palette.length];
      series.push(scatter(seriesId(i, "points"), runName(r, i), shown, color, 5, large));
      series.push(frontierLine(seriesId(i, "frontier"), runName(r, i), r.plot, view.x, color));
      return;
    }
    const feasible = shown.filter((p) => p.feasible && !p.onFront);
    const front = shown.filter((p) => p.onFront);
    const infeasible = shown.filter((p) => !p.feasible);
    if (view.colorBy === "order") {
      orderBins([...feasible, ...front], r.run.evaluations.length, ORDER_RAMP.length).forEach((bin, b) => {
        const lo = Math.round((b / ORDER_RAMP.length) * r.run.evaluations.length);
        const hi = Math.round(((b + 1) / ORDER_RAMP.length) * r.run.evaluations.length) - 1;
        series.push(
          scatter(seriesId(i, `order${b}`), `#${lo}–${Math.max(lo, hi)}`, bin, ORDER_RAMP[b], 5, large),
        );
      });
    } else {
      series.push(scatter(seriesId(i, "feasible"), "feasible", feasible, theme.palette[0], 5, large));
      series.push(scatter(seriesId(i, "front"), "on the front", front, theme.good, 8, false, 4));
    }
    series.push(scatter(seriesId(i, "infeasible"), "infeasible", infeasible, theme.bad, 4, large, 1));
    series.push(frontierLine(seriesId(i, "frontier"), "frontier", r.plot, view.x, theme.foreground));
  });
  if (selected) {
    const point = runs[selected.run]?.plot.points.find((p) => p.index === selected.index);
    if (point) {
      series.push({
        ...scatter(seriesId(selected.run, "selected"), "selected", [point], theme.accent, 16, false, 10),
        symbol: "circle",
        itemStyle: { color: "transparent", borderColor: theme.accent, borderWidth: 3 },
      });
    }
  }
  const axis = (a: Axis, position: "x" | "y") => ({
    type: "value" as const,
    name: axisName(a),
    nameLocation: "middle" as const,
    nameGap: position === "x" ? 28 : 48,
    scale: true,
    axisLabel: { color: theme.muted, formatter: (v: number) => formatValue(a.key, v) },
    axisLine: { lineStyle: { color: theme.lines } },
    splitLine: { lineStyle: { color: theme.lines, opacity: 0.3 } },
    nameTextStyle: { color: theme.foreground },
  });
  return {
    animation: false,
    textStyle: { fontFamily: theme.fontFamily, color: theme.foreground },
    grid: { left: 64, right: 24, top: 36, bottom: 64 },
    // One scrolling line: a wrapped legend would run into the plot.
    legend: {
      type: "scroll",
      top: 4,
      textStyle: { color: theme.foreground },
      data: series
        .filter((s) => !String(s.id).endsWith("|selected") && !(s.type === "line" && !compare))
        .map((s) => String(s.name)),
    },
    tooltip: {
      trigger: "item",
      confine: true,
      className: "pareto-tooltip",
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params;
        const value = p?.value as number[] | undefined;
        return p?.seriesId && value ? tooltip(runOfSeries(p.seriesId), value[2]) : "";
      },
    },
    xAxis: axis(view.x, "x"),
    yAxis: axis(view.y, "y"),
    dataZoom: [
      { type: "inside", xAxisIndex: 0, filterMode: "none" },
      { type: "inside", yAxisIndex: 0, filterMode: "none" },
      { type: "slider", xAxisIndex: 0, filterMode: "none", height: 16, bottom: 8 },
    ],
    series,
  };
}

/** Parallel coordinates over every objective (minimised ones inverted, so up is better everywhere). */
export function parallelOption(
  run: ChartRun,
  filter: PlotFilter,
  selected: number | undefined,
  theme: ChartTheme,
): EChartsOption {
  const objectives: readonly Objective[] = run.run.objectives;
  const shown = new Set(visiblePoints(run.plot, filter).map((p) => p.index));
  const rows = (keep: (onFront: boolean, feasible: boolean, index: number) => boolean): number[][] =>
    run.plot.points
      .filter((p) => shown.has(p.index) && keep(p.onFront, p.feasible, p.index))
      .map((p) => [...run.run.evaluations[p.index]!.objectives, p.index]);
  const line = (
    id: string,
    name: string,
    values: number[][],
    color: string,
    width: number,
    opacity: number,
  ): ParallelSeriesOption => ({
    type: "parallel",
    id,
    name,
    data: values,
    lineStyle: { color, width, opacity },
    progressive: 1000,
    progressiveThreshold: 3000,
    smooth: false,
    silent: false,
    emphasis: { lineStyle: { width: width + 1.5, opacity: 1 } },
  });
  const series: ParallelSeriesOption[] = [
    line(
      "others",
      "dominated",
      rows((front, feasible) => feasible && !front),
      theme.palette[0],
      1,
      0.15,
    ),
    line(
      "infeasible",
      "infeasible",
      rows((_front, feasible) => !feasible),
      theme.bad,
      1,
      0.15,
    ),
    line(
      "front",
      "on the front",
      rows((front) => front),
      theme.good,
      1.5,
      0.9,
    ),
  ];
  if (selected !== undefined && shown.has(selected))
    series.push(
      line(
        "selected",
        "selected",
        rows((_f, _s, index) => index === selected),
        theme.accent,
        3,
        1,
      ),
    );
  return {
    animation: false,
    textStyle: { fontFamily: theme.fontFamily, color: theme.foreground },
    legend: { top: 4, textStyle: { color: theme.foreground } },
    tooltip: {
      trigger: "item",
      confine: true,
      formatter: (p) => (Array.isArray(p) ? "" : `#${(p.value as number[])[objectives.length]}`),
    },
    parallel: {
      left: 56,
      right: 64,
      top: 48,
      bottom: 24,
      parallelAxisDefault: {
        nameTextStyle: { color: theme.foreground },
        axisLabel: { color: theme.muted },
        axisLine: { lineStyle: { color: theme.lines } },
      },
    },
    parallelAxis: objectives.map((o, dim) => ({
      dim,
      name: `${o.metric} ${o.sense === "maximize" ? "▲" : "▼"}`,
      type: "value",
      scale: true,
      inverse: o.sense === "minimize",
      axisLabel: { formatter: (v: number) => formatValue(o.metric, v) },
    })),
    series,
  };
}
