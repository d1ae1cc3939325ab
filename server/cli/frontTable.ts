/** The final Pareto front as a table a person can read in a terminal. */
import type { EvaluationEvent } from "../../protocol/runEvents";
import type { Genome } from "../language/encoding";
import { isActive } from "../language/encoding";
import type { SpaceModel } from "../language/model";
import { formatMetric } from "../language/printer";

/** `r24 · s1 d2 [k3 e2 | k5 e4] · s2 d1 [o32 k5 e4]`: a subnet's choices in a few characters. */
export function compactChoices(model: SpaceModel, genome: Genome): string {
  const parts: string[] = [];
  const blocks = new Map<string, string[][]>();
  for (const g of model.genes) {
    const v = g.values[genome[g.index]];
    if (g.kind === "resolution") parts.push(`r${v}`);
    else if (g.stage === undefined) parts.push(`${g.path}=${v}`);
    else if (isActive(model, genome, g) && g.kind === "arg" && g.block !== undefined) {
      const stage = blocks.get(g.stage) ?? [];
      (stage[g.block] ??= []).push(`${(g.arg ?? "?")[0]}${v}`);
      blocks.set(g.stage, stage);
    }
  }
  for (const stage of model.stages.values()) {
    const depth =
      stage.depth.kind === "gene"
        ? model.genes[stage.depth.gene].values[genome[stage.depth.gene]]
        : (stage.depth.value as number);
    const bs = (blocks.get(stage.name) ?? []).slice(0, depth).map((b) => b.join(" "));
    parts.push(`${stage.name} d${depth}${bs.length ? ` [${bs.join(" | ")}]` : ""}`);
  }
  return parts.join(" · ");
}

export function frontTable(
  model: SpaceModel,
  front: readonly EvaluationEvent[],
  objectives: readonly { metric: string; sense: string }[],
): string {
  if (front.length === 0) return "no feasible subnet was found";
  const first = objectives[0];
  const sorted = [...front].sort(
    (a, b) => (first.sense === "maximize" ? -1 : 1) * (a.objectives[0] - b.objectives[0]),
  );
  const metricColumns = ["accuracy", "macs", "params", "latency"].filter((m) =>
    sorted.some((e) => e.metrics[m as keyof typeof e.metrics] !== undefined),
  );
  const header = ["#", ...metricColumns.map((m) => (m === "macs" ? "MACs" : m)), "choices"];
  const rows = sorted.map((e) => [
    String(e.index),
    ...metricColumns.map((m) => {
      const v = e.metrics[m as keyof typeof e.metrics];
      return v === undefined ? "–" : formatMetric(m, v);
    }),
    compactChoices(model, e.genome),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : i === 0 ? c.padStart(widths[i]) : c.padStart(widths[i])))
      .join("  ");
  return [fmt(header), fmt(widths.map((w) => "─".repeat(w))), ...rows.map(fmt)].join("\n");
}
