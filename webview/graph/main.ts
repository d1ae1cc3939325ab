/**
 * The supernet graph panel: the space laid out by elkjs in a worker and drawn as SVG. Groups
 * open and close; a click reveals a node's source, the editor's cursor highlights its node; a
 * selected subnet is drawn over the graph (the blocks it leaves out fade). A re-layout keeps the
 * node you were looking at where it was.
 */
import "../shared/zodConfig";
import "@vscode-elements/elements/dist/vscode-button/index.js";
import type { ELK as Elk } from "elkjs/lib/elk-api";
import type { GraphOverlay, GraphState, GraphToHost, PanelPosition, SpaceGraph } from "../../protocol/panels";
import { graphStateSchema, graphToWebview } from "../../protocol/panels";
import { byId, connect } from "../shared/host";
import { createElk } from "./elk";
import type { Placed, Size } from "./layout";
import { boxSize, elkGraph, placeLayout } from "./layout";
import type { GraphIndex } from "./model";
import {
  allGroups,
  ancestors,
  inactiveNodes,
  indexGraph,
  isGroup,
  nodeLines,
  nodesAt,
  representative,
  shownNodes,
} from "./model";
import type { DrawnNode } from "./render";
import { drawDefs, drawGraph, twisty } from "./render";
import type { View } from "./viewport";
import { READABLE_ZOOM, centreOn, fitView, isVisible, keepAnchor, nearestToCentre, zoomAt } from "./viewport";

const svg = byId<HTMLElement>("graph") as unknown as SVGSVGElement;
const layer = svg.querySelector<SVGGElement>("#viewport")!;
const status = byId("status");
const overlayLabel = byId("overlay-label");

let graph: SpaceGraph | undefined;
let index: GraphIndex | undefined;
let overlay: GraphOverlay = null;
let showOverlay = true;
let placed: Placed | undefined;
let elements = new Map<string, SVGGElement>();
let highlighted: string[] = [];
let cursor: PanelPosition | null = null;
let view: View | undefined;
let layoutRun = 0;
let elk: Promise<Elk> | undefined;

const host = connect<ReturnType<typeof graphToWebview.parse>, GraphToHost>(graphToWebview, (message) => {
  switch (message.type) {
    case "graph":
      setGraph(message.graph);
      break;
    case "graph-error":
      status.textContent = message.message;
      break;
    case "overlay":
      overlay = message.overlay;
      showOverlay = true;
      void relayout(focusedId());
      break;
    case "cursor":
      cursor = message.position;
      highlight(true);
      break;
  }
});

const saved = host.restore(graphStateSchema);
const expanded = new Set<string>(saved?.expanded ?? []);
view = saved?.view;

function save(): void {
  if (!graph) return;
  const state: GraphState = {
    uri: graph.uri,
    space: graph.space,
    expanded: [...expanded],
    ...(view ? { view } : {}),
  };
  host.save(state);
}

function setGraph(next: SpaceGraph): void {
  const anchor =
    focusedId() ??
    (placed && view ? nearestToCentre(view, placed.boxes, viewportSize(), placed.boxes.keys()) : undefined);
  graph = next;
  index = indexGraph(next);
  // Groups that no longer exist stay out of the saved state.
  for (const id of [...expanded]) if (!index.byId.has(id)) expanded.delete(id);
  status.textContent = "";
  void relayout(anchor);
}

function choices(): GraphOverlay {
  return showOverlay ? overlay : null;
}

// ── measuring and layout ───────────────────────────────────────────────────────────

const context = document.createElement("canvas").getContext("2d")!;
function measure(text: string, line: number): number {
  const style = getComputedStyle(svg);
  context.font = `${line === 0 ? "600 " : ""}12px ${style.fontFamily}`;
  return context.measureText(text).width;
}

function linesOf(id: string, open: boolean): string[] {
  const node = index!.byId.get(id)!;
  const lines = nodeLines(index!, node, choices()?.choices, !open);
  if (isGroup(node)) lines[0] = twisty(open) + lines[0];
  return lines;
}

function viewportSize(): Size {
  const r = svg.getBoundingClientRect();
  return { width: r.width, height: r.height };
}

/** Lays out again, keeping the node `anchor` (shown, or its group) where it is on screen. */
async function relayout(anchor: string | undefined): Promise<void> {
  if (!index) return;
  const run = ++layoutRun;
  const current = index;
  const before = anchor && placed ? placed.boxes.get(representative(current, anchor, expanded)) : undefined;
  status.textContent = "laying out…";
  elk ??= createElk(document.body.dataset.worker!);
  const input = elkGraph(current, expanded, (id, open) => boxSize(linesOf(id, open), measure));
  let result;
  try {
    result = await (await elk).layout(input);
  } catch (e) {
    status.textContent = `layout failed: ${e instanceof Error ? e.message : String(e)}`;
    return;
  }
  if (run !== layoutRun) return; // a newer layout is on its way
  status.textContent = "";
  const first = !placed;
  placed = placeLayout(result);
  const after = anchor ? placed.boxes.get(representative(current, anchor, expanded)) : undefined;
  if (!view || (first && !saved?.view)) view = fitView(placed, viewportSize(), READABLE_ZOOM);
  else if (before && after) view = keepAnchor(view, before, after);
  draw();
  if (anchor) elements.get(representative(current, anchor, expanded))?.focus({ preventScroll: true });
  save();
}

// ── drawing ─────────────────────────────────────────────────────────────────────

function draw(): void {
  if (!index || !placed) return;
  const nodes: DrawnNode[] = shownNodes(index, expanded).map((node) => {
    const open = expanded.has(node.id) && (index!.children.get(node.id)?.length ?? 0) > 0;
    return { node, open, lines: linesOf(node.id, open) };
  });
  elements = drawGraph(layer, placed, nodes);
  const shown = choices();
  const inactive = shown ? inactiveNodes(index, shown.choices) : new Set<string>();
  for (const [id, g] of elements) g.classList.toggle("inactive", inactive.has(id));
  overlayLabel.textContent = shown ? `Subnet: ${shown.label}` : "";
  byId("clear-overlay").hidden = !shown;
  highlight(false);
  applyView();
}

function applyView(): void {
  if (view) layer.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
}

/** Highlights the nodes at the editor's cursor; `follow` brings them into view when they are off screen. */
function highlight(follow: boolean): void {
  for (const id of highlighted) elements.get(id)?.classList.remove("highlight");
  highlighted = cursor && index ? nodesAt(index, cursor, expanded) : [];
  for (const id of highlighted) elements.get(id)?.classList.add("highlight");
  const box = follow && highlighted.length && placed ? placed.boxes.get(highlighted[0]) : undefined;
  if (box && view && !isVisible(view, box, viewportSize())) {
    view = centreOn(view, box, viewportSize());
    applyView();
    save();
  }
}

// ── interaction ─────────────────────────────────────────────────────────────────

function focusedId(): string | undefined {
  const active = document.activeElement;
  return active instanceof SVGGElement ? active.dataset.id : undefined;
}

function nodeOf(target: EventTarget | null): string | undefined {
  const g = target instanceof Element ? target.closest<SVGGElement>("g.node") : null;
  return g?.dataset.id;
}

function toggle(id: string, open = !expanded.has(id)): void {
  const node = index?.byId.get(id);
  if (!node || !isGroup(node) || open === expanded.has(id)) return;
  if (open) expanded.add(id);
  else expanded.delete(id);
  void relayout(id);
}

function reveal(id: string): void {
  const node = index?.byId.get(id);
  if (node) host.post({ type: "reveal", range: node.range });
}

svg.addEventListener("click", (event) => {
  const id = nodeOf(event.target);
  if (!id || !placed || !view) return;
  const node = index!.byId.get(id)!;
  // The twisty (the first 20 px of a group's title line) opens and closes it.
  const box = placed.boxes.get(id)!;
  const local = toGraph(event);
  if (isGroup(node) && local.x - box.x < 20 && local.y - box.y < 28) toggle(id);
  else reveal(id);
});

svg.addEventListener("dblclick", (event) => {
  const id = nodeOf(event.target);
  if (id) toggle(id);
});

svg.addEventListener("keydown", (event) => {
  const id = nodeOf(event.target);
  if (!id || !index) return;
  const order = shownNodes(index, expanded).map((n) => n.id);
  const at = order.indexOf(id);
  const focus = (next: string | undefined): void => {
    const g = next ? elements.get(next) : undefined;
    if (!g) return;
    g.focus({ preventScroll: true });
    const box = placed?.boxes.get(next!);
    if (box && view && !isVisible(view, box, viewportSize())) {
      view = centreOn(view, box, viewportSize());
      applyView();
    }
  };
  switch (event.key) {
    case "Enter":
      reveal(id);
      break;
    case " ":
      toggle(id);
      break;
    case "ArrowRight":
      toggle(id, true);
      break;
    case "ArrowLeft": {
      const parent = index.byId.get(id)?.parent;
      if (expanded.has(id)) toggle(id, false);
      else if (parent) focus(parent);
      break;
    }
    case "ArrowDown":
      focus(order[at + 1]);
      break;
    case "ArrowUp":
      focus(order[at - 1]);
      break;
    case "Home":
      focus(order[0]);
      break;
    case "End":
      focus(order[order.length - 1]);
      break;
    default:
      return;
  }
  event.preventDefault();
});

document.addEventListener("keydown", (event) => {
  // Zoom keys, unless a control has the focus.
  if (!view || (event.target instanceof HTMLElement && event.target !== document.body)) return;
  const centre = { x: viewportSize().width / 2, y: viewportSize().height / 2 };
  if (event.key === "+" || event.key === "=") view = zoomAt(view, 1.25, centre);
  else if (event.key === "-") view = zoomAt(view, 0.8, centre);
  else if (event.key === "0" && placed) view = fitView(placed, viewportSize());
  else return;
  applyView();
  save();
});

function toGraph(event: MouseEvent): { x: number; y: number } {
  const r = svg.getBoundingClientRect();
  return { x: (event.clientX - r.left - view!.x) / view!.k, y: (event.clientY - r.top - view!.y) / view!.k };
}

svg.addEventListener(
  "wheel",
  (event) => {
    if (!view) return;
    event.preventDefault();
    const r = svg.getBoundingClientRect();
    if (event.ctrlKey || event.metaKey)
      view = zoomAt(view, Math.exp(-event.deltaY / 300), {
        x: event.clientX - r.left,
        y: event.clientY - r.top,
      });
    else view = { ...view, x: view.x - event.deltaX, y: view.y - event.deltaY };
    applyView();
    save();
  },
  { passive: false },
);

let drag: { x: number; y: number; view: View; moved: boolean } | undefined;
svg.addEventListener("pointerdown", (event) => {
  if (!view || nodeOf(event.target)) return;
  drag = { x: event.clientX, y: event.clientY, view, moved: false };
  svg.setPointerCapture(event.pointerId);
});
svg.addEventListener("pointermove", (event) => {
  if (!drag) return;
  drag.moved = true;
  view = { ...drag.view, x: drag.view.x + event.clientX - drag.x, y: drag.view.y + event.clientY - drag.y };
  applyView();
});
svg.addEventListener("pointerup", () => {
  if (drag?.moved) save();
  drag = undefined;
});

byId("expand-all").addEventListener("click", () => {
  if (!index) return;
  for (const id of allGroups(index)) expanded.add(id);
  void relayout(focusedId() ?? highlighted[0]);
});
byId("collapse-all").addEventListener("click", () => {
  const anchor = focusedId() ?? highlighted[0];
  expanded.clear();
  void relayout(anchor && index ? (ancestors(index, anchor).pop() ?? anchor) : undefined);
});
byId("fit").addEventListener("click", () => {
  if (!placed) return;
  view = fitView(placed, viewportSize());
  applyView();
  save();
});
byId("clear-overlay").addEventListener("click", () => {
  showOverlay = false;
  void relayout(focusedId());
});

drawDefs(svg);
window.addEventListener("resize", () => applyView());
