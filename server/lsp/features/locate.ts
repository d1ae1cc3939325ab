/** Finding what sits at an offset: symbols, declarations, op calls, genes and subnet paths. */
import type * as A from "../../language/ast";
import type { DocumentAnalysis, SpaceInfo, SymbolOccurrence } from "../../language/checker";
import type { ChainNode, Gene, OpNode, SpaceModel } from "../../language/model";
import { touches } from "./convert";

export function symbolAt(analysis: DocumentAnalysis, offset: number): SymbolOccurrence | undefined {
  return analysis.symbols.find((s) => touches(s, offset));
}

export function sameSymbol(a: SymbolOccurrence, b: SymbolOccurrence): boolean {
  return a.kind === b.kind && a.name === b.name && a.space === b.space;
}

/** Every occurrence of a symbol, once each, in document order. */
export function occurrencesOf(analysis: DocumentAnalysis, symbol: SymbolOccurrence): SymbolOccurrence[] {
  const byStart = new Map<number, SymbolOccurrence>();
  for (const s of analysis.symbols)
    if (sameSymbol(s, symbol) && !byStart.has(s.start)) byStart.set(s.start, s);
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

export function topLevelAt(file: A.NasFile, offset: number): A.TopLevel | undefined {
  return file.items.find((item) => touches(item, offset));
}

/** The analysed space a `space`, `search` or `subnet` declaration belongs to. */
export function spaceOf(analysis: DocumentAnalysis, decl: A.TopLevel): SpaceInfo | undefined {
  if (decl.kind === "space") return decl.name ? analysis.spaces.get(decl.name.name) : undefined;
  if (decl.kind === "search" || decl.kind === "subnet")
    return decl.space ? analysis.spaces.get(decl.space.name) : undefined;
  return undefined;
}

/** Calls `visit` for every op call of a chain, nested stages and residual blocks included. */
export function forEachOpCall(
  items: readonly A.SpaceItem[],
  visit: (call: A.OpCall, line: A.LayerLine) => void,
): void {
  for (const item of items) {
    if (item.kind === "layer") for (const call of item.ops) visit(call, item);
    else if (item.kind === "stage" || item.kind === "residual") forEachOpCall(item.body, visit);
  }
}

export function opCallAt(
  space: A.SpaceDecl,
  offset: number,
): { call: A.OpCall; line: A.LayerLine } | undefined {
  let found: { call: A.OpCall; line: A.LayerLine } | undefined;
  forEachOpCall(space.items, (call, line) => {
    if (touches(call, offset)) found = { call, line };
  });
  return found;
}

/** The op nodes a call became: one per block of its stage (none when the op could not be resolved). */
export function opNodesOf(model: SpaceModel, call: A.OpCall): OpNode[] {
  const out: OpNode[] = [];
  const visit = (nodes: readonly ChainNode[]): void => {
    for (const n of nodes) {
      if (n.kind === "residual") visit(n.body);
      else if (n.call === call) out.push(n);
    }
  };
  for (const item of model.items) {
    if (item.kind === "stage") item.blocks.forEach(visit);
    else visit([item]);
  }
  return out;
}

/** The genes an elastic value became (one per stage block), found by the span of the value. */
export function genesOfValue(model: SpaceModel, value: A.Span): Gene[] {
  return model.genes.filter((g) => g.span.start === value.start && g.span.end === value.end);
}

export function geneAt(model: SpaceModel, offset: number): Gene[] {
  const first = model.genes.find((g) => touches(g.span, offset));
  return first ? genesOfValue(model, first.span) : [];
}

/** A subnet path as names: `s2[0].kernel` → [{ name: "s2", index: 0 }, { name: "kernel" }]. */
export interface PathPart {
  readonly name: string;
  readonly index?: number;
}

export function pathParts(segments: readonly A.PathSegment[]): PathPart[] {
  return segments.map((s) => (s.index ? { name: s.name.name, index: s.index.value } : { name: s.name.name }));
}

export function pathText(parts: readonly PathPart[]): string {
  return parts.map((p) => (p.index === undefined ? p.name : `${p.name}[${p.index}]`)).join(".");
}

/**
 * The genes a subnet path assigns: `resolution`, `STAGE.depth`, `STAGE[i].ARG`,
 * `STAGE[i].LABEL.ARG` or `LAYER.ARG`. More than one when the path is ambiguous.
 */
export function genesAtPath(model: SpaceModel, parts: readonly PathPart[]): Gene[] {
  const [head, ...rest] = parts;
  if (!head) return [];
  const last = rest[rest.length - 1];
  if (head.name === "resolution" && rest.length === 0)
    return model.genes.filter((g) => g.kind === "resolution");
  if (model.stages.has(head.name)) {
    if (head.index === undefined)
      return rest.length === 1 && last.name === "depth"
        ? model.genes.filter((g) => g.kind === "depth" && g.stage === head.name)
        : [];
    if (rest.length !== 1 && rest.length !== 2) return [];
    const label = rest.length === 2 ? rest[0].name : undefined;
    return model.genes.filter(
      (g) =>
        g.kind === "arg" &&
        g.stage === head.name &&
        g.block === head.index &&
        g.arg === last.name &&
        (label === undefined || g.label === label),
    );
  }
  if (rest.length === 1)
    return model.genes.filter(
      (g) => g.kind === "arg" && g.stage === undefined && g.label === head.name && g.arg === last.name,
    );
  return [];
}

/** The assignment of a subnet at an offset, with its full path (a block assignment's prefix included). */
export function assignmentAt(
  decl: A.SubnetDecl,
  offset: number,
): { assignment: A.Assignment; segments: A.PathSegment[] } | undefined {
  for (const item of decl.items) {
    if (item.kind === "assign" && touches(item, offset))
      return { assignment: item, segments: item.path.segments };
    if (item.kind === "blockAssign") {
      const inner = item.assignments.find((a) => touches(a, offset));
      if (inner) return { assignment: inner, segments: [...item.path.segments, ...inner.path.segments] };
    }
  }
  return undefined;
}
