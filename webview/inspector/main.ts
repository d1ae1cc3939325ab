/**
 * The subnet inspector (a side view): the selected subnet's metrics (what the run measured and
 * what the source computes now), its choices beside another subnet's, and the actions on it.
 */
import "../shared/zodConfig";
import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-option/index.js";
import "@vscode-elements/elements/dist/vscode-single-select/index.js";
import type { Choices, InspectorToHost, Selection, SubnetDetails } from "../../protocol/panels";
import { inspectorToWebview } from "../../protocol/panels";
import { formatValue } from "../shared/format";
import { byId, connect } from "../shared/host";
import { compareTargets, diffChoices, metricRows } from "./diff";

let selection: Selection | null = null;
let details: SubnetDetails | null = null;
let error: string | undefined;
let compareWith = "largest";
let pinned: { label: string; choices: Choices } | undefined;

const host = connect<ReturnType<typeof inspectorToWebview.parse>, InspectorToHost>(
  inspectorToWebview,
  (message) => {
    selection = message.selection;
    details = message.details;
    error = message.error;
    render();
  },
);

function cell(tag: "td" | "th", text: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

function row(...cells: HTMLElement[]): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.append(...cells);
  return tr;
}

function render(): void {
  byId("empty").hidden = selection !== null;
  byId("content").hidden = selection === null;
  if (!selection) return;
  byId("title").textContent = selection.label;
  const origin = selection.origin;
  byId("subtitle").textContent =
    origin.kind === "evaluation"
      ? `${selection.space} · ${origin.violation > 0 ? "infeasible" : "feasible"} · ${origin.source === "analytic" ? "not trained-evaluated" : "measured"}`
      : `${selection.space} · a subnet block of the file`;
  const notes = [...(error ? [error] : []), ...(details?.notes ?? [])];
  byId("notes").replaceChildren(...notes.map((n) => cell("td", n)).map((td) => row(td)));
  byId("notes-box").hidden = notes.length === 0;
  for (const id of ["apply", "export"]) byId(id).toggleAttribute("disabled", !selection.uri || !details);

  const metrics = metricRows(selection, details);
  const anyPredicted = metrics.some((m) => m.predicted !== undefined);
  byId("predicted-head").hidden = !anyPredicted;
  byId("metrics").replaceChildren(
    ...metrics.map((m) =>
      row(
        cell("th", m.metric),
        cell("td", m.run === undefined ? "—" : formatValue(m.metric, m.run)),
        ...(anyPredicted
          ? [cell("td", m.predicted === undefined ? "—" : formatValue(m.metric, m.predicted), "predicted")]
          : []),
        cell(
          "td",
          m.source === undefined ? "—" : formatValue(m.metric, m.source),
          m.stale ? "stale" : undefined,
        ),
      ),
    ),
  );

  const targets = details ? compareTargets(details, pinned) : [];
  const select = byId<HTMLSelectElement>("compare");
  select.replaceChildren(
    ...[{ id: "none", label: "nothing" }, ...targets].map((t) => {
      const option = document.createElement("vscode-option");
      option.setAttribute("value", t.id);
      option.textContent = t.label;
      return option;
    }),
  );
  if (!targets.some((t) => t.id === compareWith)) compareWith = "none";
  select.value = compareWith;
  const other = targets.find((t) => t.id === compareWith);
  byId("other-head").textContent = other ? other.label : "";
  const choices = details?.choices ?? selection.choices;
  const rows = diffChoices(
    details?.genes ?? Object.keys(choices).map((path) => ({ path, values: [] })),
    choices,
    other?.choices,
  );
  byId("changed-count").textContent = other
    ? `${rows.filter((r) => r.changed).length} of ${rows.length} choices differ`
    : `${rows.length} choices`;
  byId("choices").replaceChildren(
    ...rows.map((r) => {
      const tr = row(
        cell("th", r.path),
        cell("td", r.value === undefined ? "—" : String(r.value)),
        cell("td", other ? (r.other === undefined ? "—" : String(r.other)) : ""),
      );
      if (r.changed) tr.classList.add("changed");
      return tr;
    }),
  );
}

byId("compare").addEventListener("change", () => {
  compareWith = byId<HTMLSelectElement>("compare").value;
  render();
});
byId("pin").addEventListener("click", () => {
  if (!selection) return;
  pinned = { label: selection.label, choices: details?.choices ?? selection.choices };
  compareWith = "pinned";
  render();
});
byId("apply").addEventListener("click", () => host.post({ type: "apply" }));
byId("export").addEventListener("click", () => host.post({ type: "export" }));
byId("copy").addEventListener("click", () => host.post({ type: "copy" }));
byId("show-in-graph").addEventListener("click", () => host.post({ type: "show-in-graph" }));
render();
