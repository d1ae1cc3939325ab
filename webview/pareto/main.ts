/**
 * The Pareto panel: every evaluated subnet of one run, or of several runs to compare, on two
 * objectives chosen by the user, with the frontier drawn as a line; parallel coordinates when
 * the search has more than two objectives. Clicking a point (or a row of the front's table)
 * makes it the selected subnet everywhere.
 */
import "../shared/zodConfig";
import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-checkbox/index.js";
import "@vscode-elements/elements/dist/vscode-option/index.js";
import "@vscode-elements/elements/dist/vscode-single-select/index.js";
import type { ParetoState, ParetoToHost, RunRef } from "../../protocol/panels";
import { paretoStateSchema, paretoToWebview } from "../../protocol/panels";
import { coalesce, lazyChart } from "../shared/echarts";
import { formatValue } from "../shared/format";
import { byId, connect } from "../shared/host";
import { readTheme } from "../shared/theme";
import type { Axis } from "./axes";
import { axisChoices, chooseAxes } from "./axes";
import type { ChartRun, ColorBy } from "./chart";
import { parallelOption, runOfSeries, scatterOption } from "./chart";
import type { RunPlot } from "./plot";
import { plotRun } from "./plot";
import type { ParetoRun } from "./reduce";
import { emptyRun, reduceRun } from "./reduce";
import { tooltipHtml } from "./tooltip";

let runs: RunRef[] = [];
const states = new Map<string, ParetoRun>();
let selected: { runDir: string; index: number } | null = null;

const host = connect<ReturnType<typeof paretoToWebview.parse>, ParetoToHost>(paretoToWebview, (message) => {
  switch (message.type) {
    case "runs":
      runs = message.runs;
      for (const dir of [...states.keys()]) if (!runs.some((r) => r.runDir === dir)) states.delete(dir);
      save();
      break;
    case "events":
      if (!runs.some((r) => r.runDir === message.runDir)) return;
      states.set(
        message.runDir,
        reduceRun(message.replay ? emptyRun() : (states.get(message.runDir) ?? emptyRun()), message.events),
      );
      break;
    case "selected":
      selected = message.selected;
      break;
  }
  redraw();
});

const saved = host.restore(paretoStateSchema);
let view = {
  x: saved?.x,
  y: saved?.y,
  colorBy: (saved?.colorBy ?? "order") as ColorBy,
  showDominated: saved?.showDominated ?? true,
  showInfeasible: saved?.showInfeasible ?? true,
};

function save(): void {
  const s: ParetoState = { runDirs: runs.map((r) => r.runDir), ...view };
  host.save(s);
}

const scatter = lazyChart(byId("scatter"));
const parallel = lazyChart(byId("parallel"));
let shown: { runs: ChartRun[]; dirs: string[]; axes: { x: Axis; y: Axis } } | undefined;

const redraw = coalesce(() => {
  const theme = readTheme();
  const main = runs[0] ? states.get(runs[0].runDir) : undefined;
  const objectives = main?.objectives ?? [];
  const axes = chooseAxes(objectives, view);
  const dirs = runs.map((r) => r.runDir).filter((d) => states.has(d));
  const chartRuns = dirs.map((d): ChartRun => {
    const run = states.get(d)!;
    return { title: runs.find((r) => r.runDir === d)!.title, run, plot: plotOf(run, axes) };
  });
  shown = { runs: chartRuns, dirs, axes };
  const sel = selected ? { run: dirs.indexOf(selected.runDir), index: selected.index } : undefined;
  const tooltip = (run: number, index: number): string => {
    const r = chartRuns[run];
    const e = r?.run.evaluations[index];
    return e ? tooltipHtml(e, r.run.objectives, chartRuns.length > 1 ? r.title : undefined) : "";
  };
  scatter().setOption(
    scatterOption(chartRuns, { ...view, ...axes }, sel && sel.run >= 0 ? sel : undefined, theme, tooltip),
    { replaceMerge: ["series"] },
  );
  const many = objectives.length > 2 && chartRuns.length > 0;
  byId("parallel").hidden = !many;
  if (many)
    parallel().setOption(parallelOption(chartRuns[0], view, sel?.run === 0 ? sel.index : undefined, theme), {
      replaceMerge: ["series", "parallelAxis"],
    });
  controls(objectives.length ? axisChoices(objectives) : [], axes);
  summary(chartRuns);
  frontTable(chartRuns[0], axes);
}, 250);

// ── selection ───────────────────────────────────────────────────────────────────

function select(run: number, index: number): void {
  const r = shown?.runs[run];
  const dir = shown?.dirs[run];
  const evaluation = r?.run.evaluations[index];
  if (!r || !dir || !evaluation) return;
  selected = { runDir: dir, index };
  host.post({ type: "select", runDir: dir, evaluation, objectives: [...r.run.objectives] });
  redraw();
}

scatter().on("click", (params) => {
  const value = params.value as number[] | undefined;
  if (params.seriesId && value) select(runOfSeries(params.seriesId), value[2]);
});
/** Each run's plot, kept while neither the run nor the axes change. */
const plots = new WeakMap<ParetoRun, { axes: string; plot: RunPlot }>();
function plotOf(run: ParetoRun, axes: { x: Axis; y: Axis }): RunPlot {
  const key = `${axes.x.key}|${axes.y.key}`;
  const hit = plots.get(run);
  if (hit?.axes === key) return hit.plot;
  const plot = plotRun(run, axes);
  plots.set(run, { axes: key, plot });
  return plot;
}

byId("parallel").hidden = false;
parallel().on("click", (params) => {
  const value = params.value as number[] | undefined;
  if (value) select(0, value[value.length - 1]);
});

// ── controls ────────────────────────────────────────────────────────────────────

/** A `vscode-single-select` with one `vscode-option` per choice. */
function fillSelect(select: HTMLSelectElement, choices: readonly Axis[], value: string): void {
  const keys = choices.map((c) => c.key);
  const current = [...select.children].map((o) => o.getAttribute("value"));
  if (current.join() !== keys.join()) {
    select.replaceChildren(
      ...keys.map((k) => {
        const option = document.createElement("vscode-option");
        option.setAttribute("value", k);
        option.textContent = k;
        return option;
      }),
    );
  }
  if (keys.length) select.value = value;
  select.disabled = keys.length === 0;
}

function controls(choices: readonly Axis[], axes: { x: Axis; y: Axis }): void {
  fillSelect(byId<HTMLSelectElement>("x-axis"), choices, axes.x.key);
  fillSelect(byId<HTMLSelectElement>("y-axis"), choices, axes.y.key);
  byId<HTMLSelectElement>("color-by").value = view.colorBy;
  byId<HTMLSelectElement>("color-by").disabled = runs.length > 1;
  byId<HTMLInputElement>("show-dominated").checked = view.showDominated;
  byId<HTMLInputElement>("show-infeasible").checked = view.showInfeasible;
  const list = byId("run-list");
  list.replaceChildren(
    ...runs.map((r, i) => {
      const item = document.createElement("span");
      item.className = "run-chip";
      item.textContent = `${i + 1}. ${r.title}`;
      if (i > 0) {
        const remove = document.createElement("vscode-button");
        remove.textContent = "Remove";
        remove.setAttribute("secondary", "");
        remove.addEventListener("click", () => host.post({ type: "remove-run", runDir: r.runDir }));
        item.append(" ", remove);
      }
      return item;
    }),
  );
}

function summary(chartRuns: readonly ChartRun[]): void {
  byId("summary").textContent = chartRuns
    .map(
      (r) =>
        `${chartRuns.length > 1 ? `${r.title}: ` : ""}${r.run.count} evaluated · ${r.plot.frontSize} on the front · ${r.plot.infeasible} infeasible · ${r.run.status}`,
    )
    .join("   ");
}

/** The main run's front as a table: the keyboard's way to the points. */
function frontTable(run: ChartRun | undefined, axes: { x: Axis; y: Axis }): void {
  const body = byId("front-rows");
  const rows = run ? run.plot.points.filter((p) => p.onFront).sort((a, b) => a.x - b.x) : [];
  byId("front-count").textContent = String(rows.length);
  byId("front-x").textContent = axes.x.key;
  byId("front-y").textContent = axes.y.key;
  body.replaceChildren(
    ...rows.map((p) => {
      const tr = document.createElement("tr");
      tr.tabIndex = 0;
      tr.dataset.index = String(p.index);
      if (selected && selected.runDir === shown?.dirs[0] && selected.index === p.index)
        tr.classList.add("selected");
      for (const text of [`#${p.index}`, formatValue(axes.x.key, p.x), formatValue(axes.y.key, p.y)]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
}

byId("front-rows").addEventListener("click", (event) => {
  const tr = (event.target as Element).closest("tr");
  if (tr?.dataset.index) select(0, Number(tr.dataset.index));
});
byId("front-rows").addEventListener("keydown", (event) => {
  const tr = (event.target as Element).closest("tr");
  if (!tr) return;
  if (event.key === "Enter" || event.key === " ") {
    select(0, Number(tr.dataset.index));
    event.preventDefault();
  } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    (
      (event.key === "ArrowDown" ? tr.nextElementSibling : tr.previousElementSibling) as HTMLElement | null
    )?.focus();
    event.preventDefault();
  }
});

const onChange = (id: string, apply: (el: HTMLInputElement & HTMLSelectElement) => void): void => {
  const el = byId<HTMLInputElement & HTMLSelectElement>(id);
  el.addEventListener("change", () => {
    apply(el);
    save();
    redraw();
  });
};
onChange("x-axis", (el) => (view = { ...view, x: el.value }));
onChange("y-axis", (el) => (view = { ...view, y: el.value }));
onChange("color-by", (el) => (view = { ...view, colorBy: el.value as ColorBy }));
onChange("show-dominated", (el) => (view = { ...view, showDominated: el.checked }));
onChange("show-infeasible", (el) => (view = { ...view, showInfeasible: el.checked }));
byId("add-run").addEventListener("click", () => host.post({ type: "add-run" }));
new MutationObserver(redraw).observe(document.body, { attributes: true, attributeFilter: ["class"] });
redraw();
