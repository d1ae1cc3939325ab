/** Markdown descriptions of the language's things, shown by hover and in completion documentation. */
import type { Range as CostRange } from "../../language/analysis";
import { formatCount } from "../../language/analysis";
import type { SearchInfo, SpaceInfo, SubnetInfo } from "../../language/checker";
import type { KnownDataset } from "../../language/datasets";
import type { Gene, OpNode, SpaceModel, StageNode } from "../../language/model";
import type { ArgSpec, OpSpec } from "../../language/ops";
import type { MetricSpec } from "../../language/metrics";
import { formatMetric } from "../../language/printer";
import type { SettingSpec, SettingType } from "../../language/searchConfig";
import type { Shape } from "../../language/shapes";
import { formatShape } from "../../language/shapes";

export function choiceSet(values: readonly number[]): string {
  return `{${values.join(", ")}}`;
}

/** `1.42M` or `820k to 1.42M`. */
export function costRange(metric: "macs" | "params", r: CostRange): string {
  return r.min === r.max
    ? formatMetric(metric, r.min)
    : `${formatMetric(metric, r.min)} to ${formatMetric(metric, r.max)}`;
}

function shapes(list: Iterable<string>): string {
  return [...list].map((s) => `\`${s}\``).join(", ");
}

function costLines(macs: CostRange | undefined, params: CostRange | undefined): string[] {
  return [
    ...(macs ? [`- MACs: ${costRange("macs", macs)}`] : []),
    ...(params ? [`- params: ${costRange("params", params)}`] : []),
  ];
}

export function describeSpace(space: SpaceInfo): string {
  const { model, analysis } = space;
  const resolution = model.genes.find((g) => g.kind === "resolution");
  const input = model.input && formatShape(model.input);
  const distinctOutputs = new Set(analysis.outputs.map(formatShape));
  return [
    `**space \`${model.name}\`**`,
    "",
    ...(input
      ? [`- input: \`${input}\`${resolution ? ` at resolution ${choiceSet(resolution.values)}` : ""}`]
      : []),
    ...(distinctOutputs.size ? [`- output: ${shapes(distinctOutputs)}`] : []),
    ...costLines(analysis.macs, analysis.params),
    `- size: ${spaceSize(analysis.size)}, ${model.genes.length} choice${model.genes.length === 1 ? "" : "s"}`,
  ].join("\n");
}

/** `3.7e5 subnets (370,656)`; small counts are exact already. */
export function spaceSize(size: bigint): string {
  const short = formatCount(size);
  const exact = size.toLocaleString("en-US");
  return `${short} subnet${size === 1n ? "" : "s"}${short === exact ? "" : ` (${exact})`}`;
}

/** The elastic arguments of one block of a stage, by argument path inside the block. */
function blockChoices(model: SpaceModel, stage: string): string[] {
  return model.genes
    .filter((g) => g.kind === "arg" && g.stage === stage && g.block === 0)
    .map((g) => `\`${g.path.slice(`${stage}[0].`.length)}\` ${choiceSet(g.values)}`);
}

export function describeStage(space: SpaceInfo, stage: StageNode): string {
  const { model, analysis } = space;
  const depth =
    stage.depth.kind === "gene" ? choiceSet(model.genes[stage.depth.gene].values) : String(stage.depth.value);
  const stats = analysis.stages.get(stage.name);
  const perBlock = blockChoices(model, stage.name);
  return [
    `**stage \`${stage.name}\`** of \`${model.name}\``,
    "",
    `- depth: ${depth}`,
    ...(stats ? [`- output: ${shapes(stats.outputs)}`] : []),
    ...costLines(stats?.macs, stats?.params),
    ...(perBlock.length ? [`- choices per block: ${perBlock.join(" · ")}`] : []),
  ].join("\n");
}

export function describeLayer(space: SpaceInfo, name: string, nodes: readonly OpNode[]): string {
  const rows = nodes.map((n) => {
    const stats = space.analysis.ops.get(n.call.start);
    const cost =
      stats && stats.macs.min <= stats.macs.max
        ? ` | ${costRange("macs", stats.macs)} | ${costRange("params", stats.params)}`
        : " | | ";
    return `| \`${n.spec.name}\` | ${stats ? shapes(stats.outputs) : ""}${cost} |`;
  });
  return [
    `**layer \`${name}\`** of \`${space.model.name}\``,
    "",
    "| op | output | MACs | params |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

export function describeOp(spec: OpSpec, space: SpaceInfo | undefined, nodes: readonly OpNode[]): string {
  const lines = [
    `**\`${spec.name}\`**${nodes.length > 1 ? ` (in each of up to ${nodes.length} blocks)` : ""}`,
    "",
    spec.doc,
  ];
  const stats = space?.analysis.ops.get(nodes[0]?.call.start ?? -1);
  if (space && stats && stats.outputs.size > 0) {
    lines.push(
      "",
      `- input: ${shapes(stats.inputs)}`,
      `- output: ${shapes(stats.outputs)}`,
      ...costLines(stats.macs, stats.params),
    );
  }
  const elastic =
    space && nodes[0]
      ? [...nodes[0].args].flatMap(([name, b]) =>
          b.kind === "gene" ? [`\`${name}\` ${choiceSet(space.model.genes[b.gene].values)}`] : [],
        )
      : [];
  if (elastic.length) lines.push(`- choices: ${elastic.join(" · ")}`);
  if (!space || nodes.length === 0) lines.push("", `\`${signature(spec)}\``);
  return lines.join("\n");
}

/** `conv(out, kernel, stride = 1, groups = 1)` */
export function signature(spec: OpSpec): string {
  const args = spec.args.map((a) => (a.default === undefined ? a.name : `${a.name} = ${String(a.default)}`));
  return `${spec.name}${args.length ? `(${args.join(", ")})` : ""}`;
}

export function describeArg(op: OpSpec, arg: ArgSpec, genes: readonly Gene[]): string {
  const lines = [
    `**\`${arg.name}\`** of \`${op.name}\`: ${arg.doc}`,
    "",
    `- ${arg.required ? "required" : `default: \`${String(arg.default)}\``}${arg.elastic ? "; may be elastic (`in {…}`)" : ""}`,
  ];
  if (genes.length) lines.push(`- choices: ${choiceSet(genes[0].values)} (${genes[0].values.length})`);
  return lines.join("\n");
}

/** An elastic value (choice set or range): its choices, count and the paths a subnet assigns it by. */
export function describeChoices(genes: readonly Gene[]): string {
  const g = genes[0];
  const paths = genes.map((x) => `\`${x.path}\``);
  return [
    `**${g.values.length} choices** ${choiceSet(g.values)}`,
    "",
    `- assigned as ${paths.join(", ")}${genes.length > 1 ? " (one choice per block)" : ""}`,
    `- unassigned in a subnet: ${g.values[g.values.length - 1]} (the largest)`,
  ].join("\n");
}

export function describeAssignment(
  space: SpaceInfo,
  genes: readonly Gene[],
  assigned: number | undefined,
): string {
  if (genes.length > 1)
    return `**ambiguous path**: ${genes.map((g) => `\`${g.path}\` ${choiceSet(g.values)}`).join(", ")}; label the layers to tell them apart`;
  const g = genes[0];
  const valid = assigned === undefined || g.values.includes(assigned);
  return [
    `**\`${g.path}\`** of \`${space.model.name}\``,
    "",
    `- choices: ${choiceSet(g.values)} (${g.values.length})`,
    ...(valid ? [] : [`- ${assigned} is not a choice`]),
    `- unassigned: ${g.values[g.values.length - 1]} (the largest)`,
  ].join("\n");
}

export function describeSubnet(subnet: SubnetInfo): string {
  const name = subnet.decl.name?.name ?? "";
  const space = subnet.space;
  if (!space || !subnet.cost || !subnet.genome) return `**subnet \`${name}\`**`;
  const { model, analysis } = space;
  const genome = subnet.genome;
  const { plan } = subnet.cost;
  const depths = [...model.stages.values()].flatMap((s) =>
    s.depth.kind === "gene"
      ? [`${s.name}.depth = ${model.genes[s.depth.gene].values[genome[s.depth.gene]]}`]
      : [],
  );
  return [
    `**subnet \`${name}\`** of \`${model.name}\``,
    "",
    `- MACs: ${formatMetric("macs", subnet.cost.macs)}${analysis.macs ? ` (space: ${costRange("macs", analysis.macs)})` : ""}`,
    `- params: ${formatMetric("params", subnet.cost.params)}${analysis.params ? ` (space: ${costRange("params", analysis.params)})` : ""}`,
    `- input: \`${formatShape(plan.input)}\` → output: \`${formatShape(plan.output)}\``,
    ...(depths.length ? [`- ${depths.join(", ")}`] : []),
  ].join("\n");
}

export function describeSearch(search: SearchInfo): string {
  const c = search.config;
  const constraints = search.decl.items.flatMap((i) =>
    i.kind === "constraint" && i.metric && i.op && i.value ? [`${i.metric.name} ${i.op} ${i.value.raw}`] : [],
  );
  const budget = [
    c.budget.evaluations !== undefined ? `${c.budget.evaluations} evaluations` : undefined,
    c.budget.durationMs !== undefined ? `${c.budget.durationMs / 60000} min` : undefined,
  ].filter((x) => x !== undefined);
  return [
    `**search \`${c.name}\`** on \`${c.space}\``,
    "",
    ...(c.objectives.length
      ? [`- objectives: ${c.objectives.map((o) => `${o.sense} ${o.metric}`).join(", ")}`]
      : []),
    ...(constraints.length ? [`- constraints: ${constraints.join(", ")}`] : []),
    `- strategy: ${c.strategy.kind}`,
    ...(budget.length ? [`- budget: ${budget.join(" and ")}`] : []),
  ].join("\n");
}

export function describeMetric(spec: MetricSpec, space: SpaceInfo | undefined): string {
  const lines = [
    `**metric \`${spec.name}\`**: ${spec.doc}`,
    "",
    `- usually ${spec.better === "higher" ? "maximised" : "minimised"}${spec.analytic ? "; known from the space without training" : "; measured by a run"}`,
  ];
  const metric = spec.name;
  const range = metric === "macs" || metric === "params" ? space?.analysis[metric] : undefined;
  if (space && range && (metric === "macs" || metric === "params"))
    lines.push(`- in \`${space.model.name}\`: ${costRange(metric, range)}`);
  return lines.join("\n");
}

function typeText(t: SettingType): string {
  switch (t.kind) {
    case "int":
      return `an integer ≥ ${t.min}`;
    case "number":
      return `a number ≥ ${t.min}${t.max !== undefined ? ` and ≤ ${t.max}` : ""}`;
    case "bool":
      return "`true` or `false`";
    case "enum":
      return `one of ${t.values.map((v) => `\`${v}\``).join(", ")}`;
    case "call":
      return `one of ${Object.entries(t.forms)
        .map(([form, args]) => `\`${form}${args.length ? `(${args.map((a) => a.name).join(", ")})` : ""}\``)
        .join(", ")}`;
  }
}

/** The default, unless the documentation already says what it is. */
function defaultNote(spec: SettingSpec, separator: string): string {
  return /\bdefault\b/.test(spec.doc) ? "" : `${separator}default \`${String(spec.default)}\``;
}

export function describeSetting(spec: SettingSpec, owner: string): string {
  return [
    `**\`${spec.name}\`** (${owner}): ${spec.doc}`,
    "",
    `- ${typeText(spec.type)}${defaultNote(spec, "; ")}`,
  ].join("\n");
}

/** A strategy or a setting form such as `sgd(…)`: its documentation and its settings. */
export function describeForm(
  name: string,
  doc: string | undefined,
  settings: readonly SettingSpec[],
): string {
  const lines = [`**\`${name}\`**${doc ? `: ${doc}` : ""}`];
  if (settings.length)
    lines.push("", ...settings.map((s) => `- \`${s.name}\`: ${s.doc}${defaultNote(s, ", ")}`));
  return lines.join("\n");
}

export function describeDataset(known: KnownDataset): string {
  return `**dataset \`${known.name}\`**: ${known.doc}\n\n- shape \`${formatShape({ kind: "image", h: known.h, w: known.w, c: known.c } satisfies Shape)}\`, ${known.classes} classes`;
}
