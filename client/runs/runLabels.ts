/** How a run on disk is shown in the Runs view and the run pickers. Pure. */
import type { RunSummary } from "../../protocol/runsLsp";

export interface RunLabel {
  readonly label: string;
  readonly description: string;
  /** Markdown. */
  readonly tooltip: string;
  /** A codicon id. */
  readonly icon: string;
  /** The `viewItem` the context menus match on: `supernetRun.<state>`, `.imported` for imports. */
  readonly contextValue: string;
}

const STATE_ICONS: Record<RunSummary["state"], string> = {
  running: "sync~spin",
  finished: "pass",
  stopped: "debug-pause",
  failed: "error",
};

/** `finished · 120 evaluations · accuracy 91.2%, macs 1.3M`. */
export function runDescription(run: RunSummary): string {
  const count =
    run.budget !== null && run.state !== "finished"
      ? `${run.evaluations}/${run.budget}`
      : `${run.evaluations}`;
  const best = run.best.map((b) => `${b.metric} ${b.text}`).join(", ");
  return [run.state, `${count} evaluations`, best].filter((part) => part !== "").join(" · ");
}

export function runLabel(run: RunSummary): RunLabel {
  const tooltip = [
    `**${run.search}** on \`${run.space}\` — ${run.state}`,
    `started ${run.created.replace("T", " ").slice(0, 19)} · backend ${run.backend}`,
    `\`${run.file}\``,
    run.best.length
      ? `best: ${run.best.map((b) => `${b.sense} ${b.metric} **${b.text}**`).join(", ")}`
      : undefined,
    run.frontSize !== null ? `${run.frontSize} subnets on the front` : undefined,
    run.failure ? `failed: ${run.failure}` : undefined,
    run.imported ? "imported from another tool's results" : undefined,
  ];
  return {
    label: run.search,
    description: runDescription(run),
    tooltip: tooltip.filter((line) => line !== undefined).join("\n\n"),
    icon: STATE_ICONS[run.state],
    contextValue: `supernetRun.${run.state}${run.imported ? ".imported" : ""}`,
  };
}

/** Runs that Resume applies to: stopped or failed runs of this tool (not imported ones). */
export function resumable(run: RunSummary): boolean {
  return (run.state === "stopped" || run.state === "failed") && !run.imported;
}
