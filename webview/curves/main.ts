/**
 * The training-curves panel: a run's events (the log replayed, then live) folded by the same
 * reducer into one state, drawn as ECharts line charts; the step charts zoom together.
 */
import "../shared/zodConfig";
import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-checkbox/index.js";
import type { CurvesState as SavedState, CurvesToHost, RunRef } from "../../protocol/panels";
import { curvesStateSchema, curvesToWebview } from "../../protocol/panels";
import { coalesce, echarts, lazyChart } from "../shared/echarts";
import { byId, connect } from "../shared/host";
import { readTheme } from "../shared/theme";
import { curveCharts } from "./chart";
import type { CurvesState } from "./reduce";
import { KINDS, emptyCurves, reduceCurves } from "./reduce";

let run: RunRef | null = null;
let state: CurvesState = emptyCurves();

const host = connect<ReturnType<typeof curvesToWebview.parse>, CurvesToHost>(curvesToWebview, (message) => {
  if (message.type === "run") {
    run = message.run;
    state = emptyCurves();
  } else {
    if (message.runDir !== run?.runDir) return;
    state = reduceCurves(message.replay ? emptyCurves() : state, message.events);
  }
  redraw();
});

const saved = host.restore(curvesStateSchema);
let view = { logScale: saved?.logScale ?? false, smoothing: saved?.smoothing ?? 0.6 };

const charts = {
  loss: lazyChart(byId("loss")),
  accuracy: lazyChart(byId("accuracy")),
  learningRate: lazyChart(byId("learning-rate")),
  hypervolume: lazyChart(byId("hypervolume")),
  predictors: lazyChart(byId("predictors")),
};
// The step charts share their zoom.
for (const c of [charts.loss, charts.accuracy, charts.learningRate]) c().group = "steps";
echarts.connect("steps");

const redraw = coalesce(() => {
  const theme = readTheme();
  const options = curveCharts(state, view, theme);
  charts.loss().setOption(options.loss, { replaceMerge: ["series"] });
  charts.accuracy().setOption(options.accuracy, { replaceMerge: ["series"] });
  charts.learningRate().setOption(options.learningRate, { replaceMerge: ["series"] });
  for (const key of ["hypervolume", "predictors"] as const) {
    const option = options[key];
    byId(key).hidden = !option;
    if (option) charts[key]().setOption(option, { replaceMerge: ["series"] });
  }
  const status =
    state.status === "failed"
      ? `failed: ${state.message ?? ""}`
      : state.status === "waiting"
        ? "waiting for events"
        : state.phase
          ? `${state.status} · ${state.phase}`
          : state.status;
  byId("run-title").textContent = run ? run.title : "No run: start a search or open a run";
  byId("run-status").textContent = run ? status : "";
  // The charts are canvases: what they hold, in words a screen reader (or a UI test) can read.
  const epochs = Math.max(...KINDS.map((kind) => state.epochLoss[kind].length));
  byId("received").textContent = run
    ? `${state.learningRate.length} steps · ${epochs}${state.epochs === undefined ? "" : `/${state.epochs}`} epochs`
    : "";
}, 100);

function save(): void {
  const s: SavedState = { ...(run ? { runDir: run.runDir } : {}), ...view };
  host.save(s);
}

const logScale = byId<HTMLInputElement>("log-scale");
logScale.checked = view.logScale;
logScale.addEventListener("change", () => {
  view = { ...view, logScale: logScale.checked };
  save();
  redraw();
});
const smoothing = byId<HTMLInputElement>("smoothing");
smoothing.value = String(view.smoothing);
byId("smoothing-value").textContent = view.smoothing.toFixed(2);
smoothing.addEventListener("input", () => {
  view = { ...view, smoothing: Number(smoothing.value) };
  byId("smoothing-value").textContent = view.smoothing.toFixed(2);
  save();
  redraw();
});
byId("open-run").addEventListener("click", () => host.post({ type: "pick-run" }));
// Theme changes restyle the charts.
new MutationObserver(redraw).observe(document.body, { attributes: true, attributeFilter: ["class"] });
redraw();
