import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ScatterSeriesOption } from "echarts";
import { chooseAxes } from "../../webview/pareto/axes";
import type { ChartRun } from "../../webview/pareto/chart";
import { LARGE_THRESHOLD, parallelOption, runOfSeries, scatterOption } from "../../webview/pareto/chart";
import { plotRun } from "../../webview/pareto/plot";
import { emptyRun, reduceRun } from "../../webview/pareto/reduce";
import { tooltipHtml } from "../../webview/pareto/tooltip";
import type { ChartTheme } from "../../webview/shared/theme";
import { OBJECTIVES, evaluation } from "./events";

const theme: ChartTheme = {
  foreground: "#ccc",
  muted: "#999",
  lines: "#555",
  background: "#111",
  palette: ["b", "o", "p", "g", "y", "r"],
  good: "g",
  bad: "r",
  accent: "a",
  fontFamily: "sans",
};

function chartRun(n: number, title = "run"): ChartRun {
  const evals = Array.from({ length: n }, (_, i) =>
    evaluation(i, [60 + (i % 37), 1e5 + ((i * 7919) % 9e5), 0.5 + (i % 11) / 10], i % 10 === 0 ? 0.5 : 0),
  );
  const run = reduceRun(emptyRun(), [
    {
      type: "search-start",
      strategy: "nsga2",
      budget: n,
      objectives: [...OBJECTIVES],
      reference: [0, 1e6, 10],
    },
    ...evals,
  ]);
  return { title, run, plot: plotRun(run, chooseAxes(run.objectives)) };
}

const view = {
  ...chooseAxes(OBJECTIVES),
  colorBy: "order" as const,
  showDominated: true,
  showInfeasible: true,
};
const series = (option: ReturnType<typeof scatterOption>): ScatterSeriesOption[] =>
  option.series as ScatterSeriesOption[];
const points = (s: ScatterSeriesOption[]): number =>
  s
    .filter((x) => x.type === "scatter" && !String(x.id).endsWith("|selected"))
    .reduce((n, x) => n + (x.data as unknown[]).length, 0);

describe("scatterOption", () => {
  test("every evaluated subnet is one point, whose data names its run and evaluation", () => {
    const r = chartRun(300);
    const s = series(scatterOption([r], view, undefined, theme, () => ""));
    assert.equal(points(s), 300);
    for (const x of s) assert.equal(runOfSeries(String(x.id)), 0);
    const indices = s
      .filter((x) => x.type === "scatter")
      .flatMap((x) => (x.data as number[][]).map((d) => d[2]));
    assert.deepEqual(
      indices.sort((a, b) => a - b),
      [...Array(300).keys()],
    );
  });

  test("10,000 points draw in large mode; a few hundred do not", () => {
    const big = series(scatterOption([chartRun(10_000)], view, undefined, theme, () => ""));
    assert.ok(LARGE_THRESHOLD < 10_000);
    assert.ok(
      big
        .filter((x) => x.type === "scatter" && (x.data as unknown[]).length > 100)
        .every((x) => x.large === true),
    );
    const small = series(scatterOption([chartRun(300)], view, undefined, theme, () => ""));
    assert.ok(small.every((x) => !x.large));
  });

  test("colour by feasibility: feasible, front and infeasible series", () => {
    const names = series(
      scatterOption([chartRun(100)], { ...view, colorBy: "feasibility" }, undefined, theme, () => ""),
    ).map((x) => x.name);
    assert.deepEqual(names, ["feasible", "on the front", "infeasible", "frontier"]);
  });

  test("comparing runs: one colour and one frontier per run; the selected subnet drawn on top", () => {
    const s = series(
      scatterOption([chartRun(50, "a"), chartRun(80, "b")], view, { run: 1, index: 3 }, theme, () => ""),
    );
    assert.deepEqual(
      s.map((x) => x.id),
      ["0|points", "0|frontier", "1|points", "1|frontier", "1|selected"],
    );
    assert.deepEqual((s[4].data as number[][])[0][2], 3);
  });

  test("parallel coordinates: one axis per objective, minimised ones inverted", () => {
    const option = parallelOption(chartRun(40), view, 5, theme);
    const axes = option.parallelAxis as { name: string; inverse: boolean }[];
    assert.deepEqual(
      axes.map((a) => [a.name, a.inverse]),
      [
        ["accuracy ▲", false],
        ["macs ▼", true],
        ["latency ▼", true],
      ],
    );
    const lines = (option.series as { id: string; data: number[][] }[]).reduce(
      (n, x) => n + (x.id === "selected" ? 0 : x.data.length),
      0,
    );
    assert.equal(lines, 40);
  });
});

describe("tooltipHtml", () => {
  test("shows every metric and choice, escaped", () => {
    const e = {
      ...evaluation(4, [81.25, 1.5e6, 0.75], 0.2),
      choices: { "s<1>.depth": 2, "s1[0].kernel": 5 },
    };
    const html = tooltipHtml(e, OBJECTIVES, "run & co");
    assert.match(html, /#4 · run &#38; co/);
    assert.match(html, /81\.3%/);
    assert.match(html, /1\.5M/);
    assert.match(html, /0\.75 ms/);
    assert.match(html, /infeasible/);
    assert.match(html, /s&#60;1&#62;\.depth&nbsp;=&nbsp;2/);
    assert.ok(!html.includes("<1>"));
    assert.ok(!/style=/.test(html), "no inline styles: the CSP forbids them");
  });
});
