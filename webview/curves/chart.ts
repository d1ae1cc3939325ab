/**
 * ECharts options for the training-curves panel, from the reduced state alone (so a replayed
 * run draws exactly like a live one): loss and accuracy per sampled kind with their epoch means,
 * the learning rate, and during search the hypervolume and the predictors' error.
 */
import type { EChartsOption, LineSeriesOption } from "echarts";
import type { Series } from "../shared/series";
import { smooth } from "../shared/series";
import type { ChartTheme } from "../shared/theme";
import type { CurvesState, Kind } from "./reduce";
import { KINDS } from "./reduce";

export interface CurvesView {
  readonly logScale: boolean;
  /** Exponential smoothing weight in [0, 0.99]. */
  readonly smoothing: number;
}

export interface CurveCharts {
  readonly loss: EChartsOption;
  readonly accuracy: EChartsOption;
  readonly learningRate: EChartsOption;
  /** Absent until the search reports them. */
  readonly hypervolume: EChartsOption | undefined;
  readonly predictors: EChartsOption | undefined;
}

function kindColor(theme: ChartTheme, kind: Kind): string {
  return theme.palette[KINDS.indexOf(kind)];
}

function line(
  name: string,
  data: readonly (readonly [number, number])[],
  color: string,
  extra: Partial<LineSeriesOption> = {},
): LineSeriesOption {
  return {
    type: "line",
    name,
    data: data.map(([x, y]) => [x, y]),
    showSymbol: false,
    sampling: "lttb",
    lineStyle: { color, width: 1.5 },
    itemStyle: { color },
    ...extra,
  };
}

/** Each kind: the raw curve faint behind its smoothed curve, and the epoch means as points. */
function perKind(
  theme: ChartTheme,
  steps: Record<Kind, Series>,
  epochs: Record<Kind, Series>,
  view: CurvesView,
  log: boolean,
): LineSeriesOption[] {
  const y = (s: Series): Series => (log ? positive(s) : s);
  return KINDS.filter((k) => steps[k].length || epochs[k].length).flatMap((kind) => {
    const color = kindColor(theme, kind);
    const out: LineSeriesOption[] = [];
    if (view.smoothing > 0)
      out.push(
        line(kind, y(steps[kind]), color, {
          lineStyle: { color, width: 1, opacity: 0.25 },
          silent: true,
          tooltip: { show: false },
        }),
      );
    out.push(line(kind, y(smooth(steps[kind], view.smoothing)), color));
    out.push(
      line(kind, y(epochs[kind]), color, {
        showSymbol: true,
        symbol: "diamond",
        symbolSize: 7,
        lineStyle: { width: 0 },
        name: kind,
      }),
    );
    return out;
  });
}

/** A log axis cannot show zero or less (a warm-up's first learning rate, say). */
function positive(series: Series): Series {
  return series.filter(([, y]) => y > 0);
}

function base(
  theme: ChartTheme,
  title: string,
  xName: string,
  yName: string,
  yType: "value" | "log",
  zoom: boolean,
): EChartsOption {
  const axis = {
    axisLine: { lineStyle: { color: theme.lines } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.lines, opacity: 0.3 } },
    nameTextStyle: { color: theme.muted },
  };
  return {
    animation: false,
    textStyle: { fontFamily: theme.fontFamily, color: theme.foreground },
    title: {
      text: title,
      left: 8,
      top: 4,
      textStyle: { color: theme.foreground, fontSize: 13, fontWeight: 600 },
    },
    // The legend scrolls beside the title rather than over it.
    legend: { type: "scroll", top: 4, left: 200, right: 8, textStyle: { color: theme.foreground } },
    grid: { left: 56, right: 56, top: 40, bottom: zoom ? 56 : 32 },
    tooltip: { trigger: "axis", confine: true },
    // Generations and iterations are whole numbers.
    xAxis: {
      type: "value",
      name: xName,
      nameLocation: "middle",
      nameGap: 24,
      scale: true,
      minInterval: 1,
      ...axis,
    },
    yAxis: { type: yType, name: yName, scale: true, ...axis },
    ...(zoom
      ? {
          dataZoom: [
            { type: "inside", xAxisIndex: 0, filterMode: "none" },
            { type: "slider", xAxisIndex: 0, filterMode: "none", height: 16, bottom: 6 },
          ],
        }
      : {}),
  };
}

export function curveCharts(state: CurvesState, view: CurvesView, theme: ChartTheme): CurveCharts {
  const loss: EChartsOption = {
    ...base(theme, "Loss", "step", "", view.logScale ? "log" : "value", true),
    series: perKind(theme, state.loss, state.epochLoss, view, view.logScale),
  };
  const accuracy: EChartsOption = {
    ...base(theme, "Training accuracy (%)", "step", "", "value", true),
    series: perKind(theme, state.accuracy, state.epochAccuracy, view, false),
  };
  const learningRate: EChartsOption = {
    ...base(theme, "Learning rate", "step", "", view.logScale ? "log" : "value", true),
    series: [
      line(
        "learning rate",
        view.logScale ? positive(state.learningRate) : state.learningRate,
        theme.palette[4],
      ),
    ],
  };
  const hypervolume: EChartsOption | undefined = state.hypervolume.length
    ? {
        ...base(theme, "Hypervolume", "generation", "", "value", false),
        series: [line("hypervolume", state.hypervolume, theme.palette[3], { showSymbol: true })],
      }
    : undefined;
  const mape = (s: Series | undefined): Series => (view.logScale ? positive(s ?? []) : (s ?? []));
  const metrics = [
    ...new Set([
      ...Object.keys(state.predictorMape),
      ...Object.keys(state.checkMape),
      ...Object.keys(state.predictorTau),
    ]),
  ].sort();
  const predictors: EChartsOption | undefined = metrics.length
    ? {
        ...base(theme, "Predictor error", "iteration", "MAPE %", view.logScale ? "log" : "value", false),
        yAxis: [
          {
            type: view.logScale ? "log" : "value",
            name: "MAPE %",
            scale: true,
            axisLabel: { color: theme.muted },
            splitLine: { lineStyle: { color: theme.lines, opacity: 0.3 } },
            nameTextStyle: { color: theme.muted },
          },
          {
            type: "value",
            name: "Kendall τ",
            min: -1,
            max: 1,
            axisLabel: { color: theme.muted },
            splitLine: { show: false },
            nameTextStyle: { color: theme.muted },
          },
        ],
        series: metrics.flatMap((metric, i) => {
          const color = theme.palette[i % theme.palette.length];
          return [
            line(`${metric} held-out MAPE`, mape(state.predictorMape[metric]), color, { showSymbol: true }),
            line(`${metric} next-population MAPE`, mape(state.checkMape[metric]), color, {
              showSymbol: true,
              lineStyle: { color, width: 1.5, type: "dashed" },
            }),
            line(`${metric} Kendall τ`, state.predictorTau[metric] ?? [], color, {
              showSymbol: true,
              yAxisIndex: 1,
              lineStyle: { color, width: 1, type: "dotted" },
            }),
          ];
        }),
      }
    : undefined;
  return { loss, accuracy, learningRate, hypervolume, predictors };
}
