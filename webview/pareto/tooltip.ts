/** The Pareto panel's hover card: every metric and every choice of one evaluated subnet. */
import type { Objective } from "../../protocol/panels";
import type { EvaluationEvent } from "../../protocol/runEvents";
import { escapeHtml, formatValue } from "../shared/format";

const METRIC_ORDER = ["accuracy", "loss", "macs", "params", "latency", "model_size"];

export function tooltipHtml(
  evaluation: EvaluationEvent,
  objectives: readonly Objective[],
  runTitle: string | undefined,
): string {
  const metrics = evaluation.metrics as Record<string, number | undefined>;
  const rows = METRIC_ORDER.filter((m) => metrics[m] !== undefined).map((m) => {
    const objective = objectives.find((o) => o.metric === m);
    const mark = objective
      ? ` <span class="tip-sense">${objective.sense === "maximize" ? "▲" : "▼"}</span>`
      : "";
    return `<tr><th>${escapeHtml(m)}${mark}</th><td>${escapeHtml(formatValue(m, metrics[m]!))}</td></tr>`;
  });
  const status =
    evaluation.violation > 0
      ? `<div class="tip-bad">infeasible (violation ${escapeHtml(formatValue("", evaluation.violation))}${evaluation.source === "analytic" ? ", not trained-evaluated" : ""})</div>`
      : "";
  const choices = Object.entries(evaluation.choices)
    .map(
      ([path, v]) =>
        `<span class="tip-choice">${escapeHtml(path)}&nbsp;=&nbsp;${escapeHtml(String(v))}</span>`,
    )
    .join(" ");
  const title = `#${evaluation.index}${runTitle ? ` · ${escapeHtml(runTitle)}` : ""}`;
  return `<div class="tip"><div class="tip-title">${title}</div>${status}<table class="tip-metrics">${rows.join("")}</table><div class="tip-choices">${choices}</div></div>`;
}
