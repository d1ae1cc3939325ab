/**
 * The graph panel's view of a space graph: which nodes show (a collapsed group hides its
 * children), what each node says (with a selected subnet's values when one is drawn over it),
 * which nodes a subnet leaves out, and which node an editor position falls in.
 */
import type { Choices, GraphNode, PanelPosition, SpaceGraph } from "../../protocol/panels";
import { formatRange } from "../shared/format";

export interface GraphIndex {
  readonly graph: SpaceGraph;
  readonly byId: ReadonlyMap<string, GraphNode>;
  /** Children in order; top-level nodes under the key `""`. */
  readonly children: ReadonlyMap<string, readonly GraphNode[]>;
}

export function indexGraph(graph: SpaceGraph): GraphIndex {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const children = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) {
    const key = n.parent ?? "";
    const list = children.get(key);
    if (list) list.push(n);
    else children.set(key, [n]);
  }
  return { graph, byId, children };
}

export function isGroup(node: GraphNode): boolean {
  return node.kind === "stage" || node.kind === "block" || node.kind === "residual";
}

/** Every group id: what "expand all" opens. */
export function allGroups(index: GraphIndex): string[] {
  return index.graph.nodes.filter(isGroup).map((n) => n.id);
}

/** The children a node shows: none when it is collapsed. */
export function shownChildren(
  index: GraphIndex,
  id: string,
  expanded: ReadonlySet<string>,
): readonly GraphNode[] {
  if (id !== "" && !expanded.has(id)) return [];
  return index.children.get(id) ?? [];
}

/** Every shown node, parents before children, in source order. */
export function shownNodes(index: GraphIndex, expanded: ReadonlySet<string>): GraphNode[] {
  const out: GraphNode[] = [];
  const visit = (id: string): void => {
    for (const n of shownChildren(index, id, expanded)) {
      out.push(n);
      visit(n.id);
    }
  };
  visit("");
  return out;
}

/** The shown node that stands for `id`: itself, or its outermost collapsed ancestor. */
export function representative(index: GraphIndex, id: string, expanded: ReadonlySet<string>): string {
  let shown = id;
  for (let n = index.byId.get(id); n?.parent !== undefined; n = index.byId.get(n.parent)) {
    if (!expanded.has(n.parent)) shown = n.parent;
  }
  return shown;
}

/** The ancestors a node needs open to be shown. */
export function ancestors(index: GraphIndex, id: string): string[] {
  const out: string[] = [];
  for (let n = index.byId.get(id); n?.parent !== undefined; n = index.byId.get(n.parent)) out.push(n.parent);
  return out;
}

// ── a subnet drawn over the graph ─────────────────────────────────────────────────

/** A gene's value in a subnet; unassigned genes take their largest value, as in a `subnet` block. */
function geneValue(index: GraphIndex, choices: Choices, path: string): number | undefined {
  const v = choices[path];
  if (v !== undefined) return v;
  const gene = index.graph.genes.find((g) => g.path === path);
  return gene ? gene.values[gene.values.length - 1] : undefined;
}

/** The ids of the nodes the subnet does not run: blocks beyond their stage's depth, and everything in them. */
export function inactiveNodes(index: GraphIndex, choices: Choices): Set<string> {
  const depth = new Map<string, number>();
  for (const n of index.graph.nodes) {
    if (n.kind !== "stage" || !n.depth || !n.stage) continue;
    const d = n.depth.gene ? geneValue(index, choices, n.depth.gene) : n.depth.values[0];
    if (d !== undefined) depth.set(n.stage, d);
  }
  const out = new Set<string>();
  for (const n of index.graph.nodes) {
    if (n.stage === undefined || n.block === undefined) continue;
    const d = depth.get(n.stage);
    if (d !== undefined && n.block >= d) out.add(n.id);
  }
  return out;
}

// ── what a node says ─────────────────────────────────────────────────────────────

/** `max 3` shapes, then `+N`. */
function shapes(node: GraphNode): string {
  const shown = node.shapes.slice(0, 3).join(" | ");
  return node.shapes.length > 3 ? `${shown} +${node.shapes.length - 3}` : shown;
}

/**
 * The lines a node shows: its title; its arguments (with the subnet's values, when one is
 * drawn) or a collapsed group's badge; its output shapes and MACs / params range.
 */
export function nodeLines(
  index: GraphIndex,
  node: GraphNode,
  choices: Choices | undefined,
  collapsed: boolean,
): string[] {
  const title =
    node.kind === "op"
      ? node.layer
        ? `${node.layer}: ${node.label}`
        : node.label
      : node.kind === "stage"
        ? `stage ${node.label}`
        : node.label;
  // Normalisation, activations and pooling cost nothing worth a line.
  const cost = [
    node.macs?.max && `${formatRange(node.macs)} MACs`,
    node.params?.max && `${formatRange(node.params)} params`,
  ]
    .filter(Boolean)
    .join(" · ");
  // An open group is a frame around its children: a one-line header.
  if (isGroup(node) && !collapsed) return [cost ? `${title} · ${cost}` : title];
  const lines = [title];
  if (isGroup(node)) {
    const depth =
      node.kind === "stage" && node.depth?.gene && choices
        ? geneValue(index, choices, node.depth.gene)
        : undefined;
    lines.push(depth !== undefined ? `depth ${depth} of ${node.badge}` : node.badge);
  } else {
    const args = node.args.map((a) => {
      if (a.gene === undefined) return `${a.name} ${a.value ?? ""}`.trim();
      const v = choices ? geneValue(index, choices, a.gene) : undefined;
      return v !== undefined ? `${a.name} ${v}` : `${a.name} {${(a.values ?? []).join(",")}}`;
    });
    if (args.length) lines.push(args.join(" · "));
  }
  if (node.shapes.length) lines.push(`→ ${shapes(node)}`);
  if (cost) lines.push(cost);
  return lines;
}

// ── editor positions ─────────────────────────────────────────────────────────────

function before(a: PanelPosition, b: PanelPosition): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function size(node: GraphNode): number {
  const { start, end } = node.range;
  return (end.line - start.line) * 1e6 + (end.character - start.character);
}

/**
 * The shown nodes for an editor position: the innermost source construct around it (an op
 * call, else a stage…) and every instance of it (repeated blocks share their source), each
 * represented by itself or its collapsed group.
 */
export function nodesAt(index: GraphIndex, position: PanelPosition, expanded: ReadonlySet<string>): string[] {
  const around = index.graph.nodes.filter(
    (n) => before(n.range.start, position) && before(position, n.range.end),
  );
  if (!around.length) return [];
  // The smallest range; among equal ranges (a block whose body is one op) the deepest node.
  const smallest = Math.min(...around.map(size));
  const tightest = around.filter((n) => size(n) === smallest);
  const deepest = Math.max(...tightest.map((n) => ancestors(index, n.id).length));
  const innermost = tightest.filter((n) => ancestors(index, n.id).length === deepest);
  return [...new Set(innermost.map((n) => representative(index, n.id, expanded)))];
}
