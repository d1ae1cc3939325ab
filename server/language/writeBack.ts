/**
 * Write-back: the one edit that puts a chosen subnet into a `.nas` document as a
 * `subnet NAME of SPACE { … }` block (printed by `printSubnet`), inserted after its space or
 * replacing the block of the same name. Computed on the document as it is now, and checked: an
 * edit whose block would not check cleanly is refused, never applied.
 */
import type { DocumentAnalysis } from "./checker";
import { checkDocument } from "./checker";
import type { TextEdit } from "./diagnostics";
import { evaluateSubnet } from "./evaluate";
import { formatMetric, printSubnet } from "./printer";
import type { Choices } from "./subnetChoices";
import { genomeFromChoices } from "./subnetChoices";
import { analyticMetrics } from "./metrics";

export interface SubnetEditRequest {
  readonly space: string;
  readonly name: string;
  readonly choices: Choices;
  /** What the run measured (accuracy in percent, latency in ms), and e.g. `run: "<id>"`. */
  readonly measured: Readonly<Record<string, number | string>>;
}

export interface SubnetEdit {
  readonly edit: TextEdit;
  /** The printed block. */
  readonly block: string;
  /** Where the block starts in the edited text. */
  readonly blockStart: number;
  /** Whether it replaces a block of the same name. */
  readonly replaces: boolean;
  readonly notes: readonly string[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Metrics the checker computes from the space itself: written as the space gives them now. */
const ANALYTIC = ["macs", "params", "model_size"] as const;

export function subnetEdit(
  text: string,
  analysis: DocumentAnalysis,
  request: SubnetEditRequest,
): SubnetEdit | { error: string } {
  if (!IDENT.test(request.name))
    return {
      error: `\`${request.name}\` is not a valid subnet name: use letters, digits and _, not starting with a digit`,
    };
  const space = analysis.spaces.get(request.space);
  if (!space) return { error: `this file has no space named \`${request.space}\` (any more)` };
  if (space.decl.close === undefined) return { error: `space \`${request.space}\` is not closed with \`}\`` };
  const { model } = space;
  const resolved = genomeFromChoices(model, request.choices);
  const { genome } = resolved;
  const notes = [...resolved.notes];
  const cost = evaluateSubnet(model, genome);
  if (!cost) return { error: `this subnet's shapes do not work out in ${model.name} as it is now` };
  const measured = { ...request.measured };
  const now: Record<(typeof ANALYTIC)[number], number> = analyticMetrics(cost);
  for (const key of ANALYTIC) {
    const was = measured[key];
    if (typeof was === "number" && formatMetric(key, was) !== formatMetric(key, now[key])) {
      notes.push(
        `${key} is ${formatMetric(key, now[key])} in the space as it is now (the run measured ${formatMetric(key, was)})`,
      );
    }
    if (was !== undefined) measured[key] = now[key];
  }
  let block: string;
  try {
    block = printSubnet(model, genome, { name: request.name, measured });
  } catch (e) {
    return { error: (e as Error).message };
  }
  const existing = analysis.subnets.find((s) => s.decl.name?.name === request.name);
  // After the space's `}`; a line break keeps anything that followed on that line on a line of its own.
  const after = space.decl.end;
  const lineFollows = after === text.length || text[after] === "\n" || text[after] === "\r";
  const edit: TextEdit = existing
    ? { start: existing.decl.start, end: existing.decl.end, newText: block }
    : { start: after, end: after, newText: `\n\n${block}${lineFollows ? "" : "\n"}` };
  const blockStart = existing ? edit.start : edit.start + 2;
  const problems = newProblems(text, edit, blockStart, block.length);
  if (problems.length) return { error: `the subnet block would not check cleanly: ${problems.join("; ")}` };
  return { edit, block, blockStart, replaces: existing !== undefined, notes };
}

/** Diagnostics of the edited text that fall inside the block. */
function newProblems(text: string, edit: TextEdit, blockStart: number, length: number): string[] {
  const edited = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  return checkDocument(edited)
    .diagnostics.filter((d) => d.start < blockStart + length && d.end > blockStart)
    .map((d) => d.message);
}

/**
 * The name `Apply` offers: `pareto_<accuracy>_<macs>` (`pareto_86p9_1p42M`: `p` for the point),
 * made unique among the file's subnets by a `_2`, `_3`… suffix.
 */
export function suggestSubnetName(
  analysis: DocumentAnalysis,
  metrics: { readonly accuracy?: number; readonly macs?: number },
): string {
  const parts = ["pareto"];
  if (metrics.accuracy !== undefined && Number.isFinite(metrics.accuracy))
    parts.push(formatMetric("accuracy", Math.max(0, metrics.accuracy)).replace("%", ""));
  if (metrics.macs !== undefined && Number.isFinite(metrics.macs))
    parts.push(formatMetric("macs", Math.max(0, metrics.macs)));
  const base = parts.join("_").replace(/\./g, "p");
  const taken = new Set(analysis.subnets.map((s) => s.decl.name?.name));
  if (!taken.has(base)) return base;
  let k = 2;
  while (taken.has(`${base}_${k}`)) k++;
  return `${base}_${k}`;
}
