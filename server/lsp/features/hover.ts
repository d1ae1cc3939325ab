/** Hover: what the thing under the cursor is, with shapes, cost ranges and choices. */
import type { Hover, Position } from "vscode-languageserver";
import { MarkupKind } from "vscode-languageserver-types";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as A from "../../language/ast";
import type { DocumentAnalysis, SpaceInfo, SymbolOccurrence } from "../../language/checker";
import { DATASET_FORMS, KNOWN_DATASETS } from "../../language/datasets";
import type { MetricSpec } from "../../language/metrics";
import { METRICS, isMetric } from "../../language/metrics";
import type { OpNode } from "../../language/model";
import { OPS } from "../../language/ops";
import type { SettingSpec } from "../../language/searchConfig";
import { STRATEGIES, STRATEGY_DOCS, TRAIN_SETTINGS } from "../../language/searchConfig";
import { toRange, touches } from "./convert";
import * as D from "./describe";
import { KEYWORDS } from "./keywords";
import {
  assignmentAt,
  forEachOpCall,
  genesAtPath,
  geneAt,
  genesOfValue,
  opCallAt,
  opNodesOf,
  pathParts,
  spaceOf,
  symbolAt,
  topLevelAt,
} from "./locate";

interface Found {
  readonly span: A.Span;
  readonly markdown: string;
}

export function hover(doc: TextDocument, analysis: DocumentAnalysis, position: Position): Hover | null {
  const found = hoverAt(analysis, doc.offsetAt(position));
  return found
    ? { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: toRange(doc, found.span) }
    : null;
}

function hoverAt(analysis: DocumentAnalysis, offset: number): Found | undefined {
  const symbol = symbolAt(analysis, offset);
  const bySymbol = symbol && symbolHover(analysis, symbol);
  if (bySymbol) return { span: symbol, markdown: bySymbol };
  const decl = topLevelAt(analysis.file, offset);
  const space = decl && spaceOf(analysis, decl);
  let found: Found | undefined;
  if (decl?.kind === "space") found = inSpace(decl, space, offset);
  else if (decl?.kind === "search") found = inSearch(decl, space, offset);
  else if (decl?.kind === "subnet") found = inSubnet(decl, space, offset);
  return found ?? keywordAt(analysis.file.text, offset);
}

function symbolHover(analysis: DocumentAnalysis, s: SymbolOccurrence): string | undefined {
  switch (s.kind) {
    case "space": {
      const space = analysis.spaces.get(s.name);
      return space && D.describeSpace(space);
    }
    case "stage": {
      const space = analysis.spaces.get(s.space ?? "");
      const stage = space?.model.stages.get(s.name);
      return space && stage && D.describeStage(space, stage);
    }
    case "layer": {
      const space = analysis.spaces.get(s.space ?? "");
      return space && D.describeLayer(space, s.name, layerNodes(space, s.name));
    }
    case "search": {
      const search = analysis.searches.find((x) => x.decl.name?.name === s.name);
      return search && D.describeSearch(search);
    }
    case "subnet": {
      const subnet = analysis.subnets.find((x) => x.decl.name?.name === s.name);
      return subnet && D.describeSubnet(subnet);
    }
  }
}

/** The op nodes of a labelled layer line (its first block's, inside a stage). */
function layerNodes(space: SpaceInfo, label: string): OpNode[] {
  const calls: A.OpCall[] = [];
  forEachOpCall(space.decl.items, (call, line) => {
    if (line.label?.name === label) calls.push(call);
  });
  return calls.flatMap((call) => opNodesOf(space.model, call).slice(0, 1));
}

function inSpace(decl: A.SpaceDecl, space: SpaceInfo | undefined, offset: number): Found | undefined {
  const genes = space ? geneAt(space.model, offset) : [];
  if (genes.length) return { span: genes[0].span, markdown: D.describeChoices(genes) };
  const at = opCallAt(decl, offset);
  if (at) {
    const spec = OPS.get(at.call.name.name);
    if (!spec) return undefined;
    const nodes = space ? opNodesOf(space.model, at.call) : [];
    if (touches(at.call.name, offset))
      return { span: at.call.name, markdown: D.describeOp(spec, space, nodes) };
    const arg = at.call.args?.find((a) => touches(a.name, offset));
    const name = arg?.name;
    const argSpec = name && spec.args.find((a) => a.name === name.name);
    if (!arg || !name || !argSpec) return undefined;
    const genes = space && arg.value ? genesOfValue(space.model, arg.value) : [];
    return { span: name, markdown: D.describeArg(spec, argSpec, genes) };
  }
  const dataset = decl.items.find(
    (i): i is A.DatasetDecl => i.kind === "dataset" && touches(i.source, offset),
  );
  const source = dataset?.source;
  if (source?.kind === "ident") {
    const known = KNOWN_DATASETS.get(source.name);
    return known && { span: source, markdown: D.describeDataset(known) };
  }
  if (source?.kind !== "call" || !touches(source.callee, offset)) return undefined;
  const { callee } = source;
  const form = datasetForm(callee.name);
  return form && { span: callee, markdown: `**\`${callee.name}\`**: ${form.doc}` };
}

function metricSpec(name: string): MetricSpec | undefined {
  return isMetric(name) ? METRICS.get(name) : undefined;
}

function datasetForm(name: string): { readonly doc: string } | undefined {
  return Object.hasOwn(DATASET_FORMS, name) ? DATASET_FORMS[name as keyof typeof DATASET_FORMS] : undefined;
}

function inSearch(decl: A.SearchDecl, space: SpaceInfo | undefined, offset: number): Found | undefined {
  for (const item of decl.items) {
    if (!touches(item, offset)) continue;
    const metrics =
      item.kind === "objectives"
        ? item.entries.map((e) => e.metric)
        : item.kind === "constraint"
          ? [item.metric]
          : [];
    const metric = metrics.find((m) => touches(m, offset));
    const spec = metric && metricSpec(metric.name);
    if (metric) return spec ? { span: metric, markdown: D.describeMetric(spec, space) } : undefined;
    if (item.kind === "train") return settingAt(item.settings, TRAIN_SETTINGS, "train", offset);
    if (item.kind === "strategy" && item.value) return formAt(item.value, STRATEGIES, STRATEGY_DOCS, offset);
  }
  return undefined;
}

/** A setting of a list (`epochs: 6`), or inside one of its call forms (`sgd(lr: 0.05)`). */
function settingAt(
  args: readonly A.Arg[],
  specs: readonly SettingSpec[],
  owner: string,
  offset: number,
): Found | undefined {
  for (const arg of args) {
    const name = arg.name;
    const spec = name && specs.find((s) => s.name === name.name);
    if (!name || !spec) continue;
    if (touches(name, offset)) return { span: name, markdown: D.describeSetting(spec, owner) };
    const value = arg.value;
    if (spec.type.kind === "call" && (value?.kind === "ident" || value?.kind === "call")) {
      const found = formAt(value, spec.type.forms, {}, offset);
      if (found) return found;
    } else if (value && touches(value, offset))
      return { span: value, markdown: D.describeSetting(spec, owner) };
  }
  return undefined;
}

function formAt(
  value: A.Ident | A.CallExpr,
  forms: Readonly<Record<string, readonly SettingSpec[]>>,
  docs: Readonly<Record<string, string>>,
  offset: number,
): Found | undefined {
  const callee = value.kind === "call" ? value.callee : value;
  const settings = forms[callee.name];
  if (!settings) return undefined;
  if (touches(callee, offset))
    return { span: callee, markdown: D.describeForm(callee.name, docs[callee.name], settings) };
  return value.kind === "call" ? settingAt(value.args, settings, callee.name, offset) : undefined;
}

function inSubnet(decl: A.SubnetDecl, space: SpaceInfo | undefined, offset: number): Found | undefined {
  const measured = decl.items.find((i): i is A.MeasuredDecl => i.kind === "measured" && touches(i, offset));
  const entry = measured?.entries.find((e) => touches(e.name, offset));
  const spec = entry?.name && metricSpec(entry.name.name);
  if (entry?.name && spec) return { span: entry.name, markdown: D.describeMetric(spec, space) };
  const at = assignmentAt(decl, offset);
  if (!at || !space) return undefined;
  const genes = genesAtPath(space.model, pathParts(at.segments));
  if (genes.length === 0) return undefined;
  const value = at.assignment.value;
  return {
    span: at.assignment,
    markdown: D.describeAssignment(space, genes, value?.kind === "number" ? value.value : undefined),
  };
}

function keywordAt(text: string, offset: number): Found | undefined {
  const before = /[A-Za-z_][A-Za-z0-9_]*$/.exec(text.slice(Math.max(0, offset - 64), offset))?.[0] ?? "";
  const after = /^[A-Za-z0-9_]*/.exec(text.slice(offset, offset + 64))?.[0] ?? "";
  const keyword = KEYWORDS.get(before + after);
  return keyword
    ? {
        span: { start: offset - before.length, end: offset + after.length },
        markdown: `**\`${keyword.name}\`**: ${keyword.doc}`,
      }
    : undefined;
}
