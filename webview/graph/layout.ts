/**
 * The shown graph as an ELK graph (layered, top-down, children in source order, one compound
 * node per open group), and ELK's result as absolute boxes and edge polylines for drawing.
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from "elkjs/lib/elk-api";
import type { GraphIndex } from "./model";
import { shownChildren } from "./model";

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Box extends Size {
  readonly x: number;
  readonly y: number;
}

export const LINE_HEIGHT = 16;
export const PADDING = 8;
/** The header of an open group's frame. */
export const HEADER = LINE_HEIGHT + PADDING * 2;

/** A node's box for its lines of text; `measure` gives a line's width in pixels. */
export function boxSize(lines: readonly string[], measure: (text: string, index: number) => number): Size {
  const width = Math.max(...lines.map((l, i) => measure(l, i)), 40);
  return { width: Math.ceil(width) + PADDING * 2, height: lines.length * LINE_HEIGHT + PADDING * 2 };
}

/**
 * Layered, top to bottom; polyline routing and one thoroughness pass (network-simplex placement
 * is many times slower at 1,000 nodes); each compound node lays out its own children. Every
 * level is a chain in source order, so the layering itself keeps that order (asking ELK to
 * consider model order as well only costs time).
 */
export const LAYOUT_OPTIONS: LayoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.edgeRouting": "POLYLINE",
  "elk.layered.thoroughness": "1",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.hierarchyHandling": "SEPARATE_CHILDREN",
  "elk.spacing.nodeNode": "14",
  "elk.layered.spacing.nodeNodeBetweenLayers": "18",
  "elk.layered.spacing.edgeNodeBetweenLayers": "10",
};

const GROUP_PADDING = `[top=${HEADER + 6},left=${PADDING + 4},bottom=${PADDING + 4},right=${PADDING + 4}]`;

/**
 * The ELK input: shown nodes with their sizes (a collapsed group is a plain node), and an edge
 * from each child to the next among siblings: data flows in source order at every level.
 */
export function elkGraph(
  index: GraphIndex,
  expanded: ReadonlySet<string>,
  sizeOf: (id: string, open: boolean) => Size,
): ElkNode {
  const level = (parent: string): { children: ElkNode[]; edges: ElkExtendedEdge[] } => {
    const nodes = shownChildren(index, parent, expanded);
    const children = nodes.map((n): ElkNode => {
      const open = expanded.has(n.id) && (index.children.get(n.id)?.length ?? 0) > 0;
      if (!open) return { id: n.id, ...sizeOf(n.id, false) };
      const header = sizeOf(n.id, true);
      return {
        id: n.id,
        layoutOptions: {
          ...LAYOUT_OPTIONS,
          "elk.padding": GROUP_PADDING,
          "elk.nodeSize.constraints": "MINIMUM_SIZE",
          "elk.nodeSize.minimum": `(${header.width}, ${HEADER})`,
        },
        ...level(n.id),
      };
    });
    const edges = nodes.slice(1).map((n, i): ElkExtendedEdge => ({
      id: `${nodes[i].id}->${n.id}`,
      sources: [nodes[i].id],
      targets: [n.id],
    }));
    return { children, edges };
  };
  return { id: "root", layoutOptions: LAYOUT_OPTIONS, ...level("") };
}

export interface Placed {
  readonly boxes: ReadonlyMap<string, Box>;
  readonly edges: readonly { readonly id: string; readonly points: readonly { x: number; y: number }[] }[];
  readonly width: number;
  readonly height: number;
}

/** ELK gives positions relative to the parent (edges: to the node that holds them): made absolute. */
export function placeLayout(root: ElkNode): Placed {
  const boxes = new Map<string, Box>();
  const edges: { id: string; points: { x: number; y: number }[] }[] = [];
  const visit = (node: ElkNode, ox: number, oy: number): void => {
    for (const edge of node.edges ?? []) {
      for (const section of edge.sections ?? []) {
        const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({
          x: p.x + ox,
          y: p.y + oy,
        }));
        edges.push({ id: edge.id, points });
      }
    }
    for (const child of node.children ?? []) {
      const x = ox + (child.x ?? 0);
      const y = oy + (child.y ?? 0);
      boxes.set(child.id, { x, y, width: child.width ?? 0, height: child.height ?? 0 });
      visit(child, x, y);
    }
  };
  visit(root, 0, 0);
  return { boxes, edges, width: root.width ?? 0, height: root.height ?? 0 };
}
