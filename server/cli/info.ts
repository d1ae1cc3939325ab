/** `supernet info FILE [--json]`: per space its size and cost ranges; per search its objectives and constraints. */
import { parseArgs } from "node:util";
import { formatCount } from "../language/analysis";
import { checkDocument } from "../language/checker";
import { formatMetric } from "../language/printer";
import { formatShape } from "../language/shapes";
import { hostFor, readSource } from "../io/files";
import { UsageError } from "./usage";

export interface FileInfo {
  readonly spaces: {
    readonly name: string;
    readonly subnets: string;
    readonly subnetsShort: string;
    readonly genes: number;
    readonly input: string | null;
    readonly outputs: string[];
    readonly macs: { min: number; max: number } | null;
    readonly params: { min: number; max: number } | null;
  }[];
  readonly searches: {
    readonly name: string;
    readonly space: string;
    readonly objectives: { metric: string; sense: string }[];
    readonly constraints: { metric: string; op: string; value: number }[];
    readonly strategy: string;
    readonly budget: { evaluations?: number; durationMs?: number };
  }[];
  readonly subnets: {
    readonly name: string;
    readonly space: string;
    readonly macs: number | null;
    readonly params: number | null;
  }[];
}

export function fileInfo(text: string, file: string): FileInfo {
  const a = checkDocument(text, hostFor(file));
  return {
    spaces: [...a.spaces.values()].map(({ model, analysis }) => ({
      name: model.name,
      subnets: analysis.size.toString(),
      subnetsShort: formatCount(analysis.size),
      genes: model.genes.length,
      input: model.input ? formatShape(model.input) : null,
      outputs: [...new Set(analysis.outputs.map(formatShape))],
      macs: analysis.macs ?? null,
      params: analysis.params ?? null,
    })),
    searches: a.searches.map(({ config }) => ({
      name: config.name,
      space: config.space,
      objectives: config.objectives.map((o) => ({ ...o })),
      constraints: config.constraints.map((c) => ({ ...c })),
      strategy: config.strategy.kind,
      budget: config.budget,
    })),
    subnets: a.subnets.map((s) => ({
      name: s.decl.name?.name ?? "",
      space: s.decl.space?.name ?? "",
      macs: s.cost?.macs ?? null,
      params: s.cost?.params ?? null,
    })),
  };
}

export function infoCommand(args: string[], out: (line: string) => void): number {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError("supernet info: name one .nas file");
  const file = positionals[0];
  const info = fileInfo(readSource(file), file);
  if (values.json) {
    out(JSON.stringify(info, null, 2));
    return 0;
  }
  const range = (metric: string, r: { min: number; max: number } | null): string =>
    r ? `${formatMetric(metric, r.min)} – ${formatMetric(metric, r.max)}` : "unknown";
  for (const s of info.spaces) {
    out(
      `space ${s.name}: ${s.subnetsShort} subnets (${s.genes} choices), input ${s.input ?? "?"} → ${s.outputs.join(" | ") || "?"}`,
    );
    out(`  MACs ${range("macs", s.macs)}, params ${range("params", s.params)}`);
  }
  for (const s of info.searches) {
    const objectives = s.objectives.map((o) => `${o.sense} ${o.metric}`).join(", ");
    const constraints = s.constraints
      .map((c) => `${c.metric} ${c.op} ${formatMetric(c.metric, c.value)}`)
      .join(", ");
    out(
      `search ${s.name} on ${s.space}: ${objectives || "no objectives"}${constraints ? `; ${constraints}` : ""}; ${s.strategy}`,
    );
  }
  for (const s of info.subnets)
    out(
      `subnet ${s.name} of ${s.space}: MACs ${s.macs === null ? "?" : formatMetric("macs", s.macs)}, params ${s.params === null ? "?" : formatMetric("params", s.params)}`,
    );
  return 0;
}
