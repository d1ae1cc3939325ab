/** Draws a laid-out graph as SVG: edges, then nodes (groups before their children), each node focusable. */
import type { GraphNode } from "../../protocol/panels";
import type { Placed } from "./layout";
import { LINE_HEIGHT, PADDING } from "./layout";
import { isGroup } from "./model";

const SVG = "http://www.w3.org/2000/svg";

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

export interface DrawnNode {
  readonly node: GraphNode;
  readonly lines: readonly string[];
  readonly open: boolean;
}

/** The twisty before a group's title. */
export function twisty(open: boolean): string {
  return open ? "▾ " : "▸ ";
}

/** Replaces the content of `layer` with the graph; returns each node's element by id. */
export function drawGraph(
  layer: SVGGElement,
  placed: Placed,
  nodes: readonly DrawnNode[],
): Map<string, SVGGElement> {
  layer.replaceChildren();
  const edges = el("g", { class: "edges" }, layer);
  for (const e of placed.edges) {
    const d = e.points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(" ");
    el("path", { d, class: "edge", "marker-end": "url(#arrow)" }, edges);
  }
  const out = new Map<string, SVGGElement>();
  for (const { node, lines, open } of nodes) {
    const box = placed.boxes.get(node.id);
    if (!box) continue;
    const classes = ["node", `kind-${node.kind}`, open ? "open" : "", node.optional ? "optional" : ""]
      .filter(Boolean)
      .join(" ");
    const g = el(
      "g",
      {
        class: classes,
        transform: `translate(${box.x},${box.y})`,
        tabindex: 0,
        role: "button",
        "data-id": node.id,
        "aria-label": lines.join(", "),
      },
      layer,
    );
    if (isGroup(node)) g.setAttribute("aria-expanded", String(open));
    el("rect", { class: "frame", width: box.width, height: box.height, rx: 4 }, g);
    lines.forEach((line, i) => {
      const t = el(
        "text",
        { x: PADDING, y: PADDING + LINE_HEIGHT * (i + 1) - 4, class: i === 0 ? "title" : "detail" },
        g,
      );
      t.textContent = line;
    });
    out.set(node.id, g);
  }
  return out;
}

/** The arrowhead edges end in (drawn once per page). */
export function drawDefs(svg: SVGSVGElement): void {
  const defs = el("defs", {}, svg);
  const marker = el(
    "marker",
    {
      id: "arrow",
      viewBox: "0 0 8 8",
      refX: 7,
      refY: 4,
      markerWidth: 7,
      markerHeight: 7,
      orient: "auto-start-reverse",
    },
    defs,
  );
  el("path", { d: "M0 0 L8 4 L0 8 z", class: "arrowhead" }, marker);
}
