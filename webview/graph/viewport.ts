/**
 * Pan and zoom as a transform from graph to screen coordinates (screen = graph · k + (x, y)),
 * and the arithmetic that keeps the picture still when the layout changes under it.
 */
import type { Box, Size } from "./layout";

export interface View {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

const clampZoom = (k: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/**
 * The whole graph in the viewport, centred, never magnified beyond 1. With `readable`, never
 * shrunk below it either: a tall graph then starts at its top, to be scrolled.
 */
export function fitView(graph: Size, viewport: Size, readable = MIN_ZOOM, margin = 16): View {
  const fit = Math.min(
    1,
    (viewport.width - 2 * margin) / Math.max(1, graph.width),
    (viewport.height - 2 * margin) / Math.max(1, graph.height),
  );
  const k = clampZoom(Math.max(fit, Math.min(1, readable)));
  return {
    k,
    x: (viewport.width - graph.width * k) / 2,
    y: Math.max(margin, (viewport.height - graph.height * k) / 2),
  };
}

/** The zoom a first view of a graph never goes below. */
export const READABLE_ZOOM = 0.5;

/** Zoom by `factor` about a screen point (the pointer), which stays where it is. */
export function zoomAt(view: View, factor: number, at: { x: number; y: number }): View {
  const k = clampZoom(view.k * factor);
  const f = k / view.k;
  return { k, x: at.x - (at.x - view.x) * f, y: at.y - (at.y - view.y) * f };
}

/** The view that puts a node that moved from `before` to `after` back where it was on screen. */
export function keepAnchor(view: View, before: Box, after: Box): View {
  return { k: view.k, x: view.x + (before.x - after.x) * view.k, y: view.y + (before.y - after.y) * view.k };
}

/** Whether a box is entirely on screen. */
export function isVisible(view: View, box: Box, viewport: Size): boolean {
  const x = box.x * view.k + view.x;
  const y = box.y * view.k + view.y;
  return (
    x >= 0 && y >= 0 && x + box.width * view.k <= viewport.width && y + box.height * view.k <= viewport.height
  );
}

/** The view that centres a box, at the same zoom. */
export function centreOn(view: View, box: Box, viewport: Size): View {
  return {
    k: view.k,
    x: viewport.width / 2 - (box.x + box.width / 2) * view.k,
    y: viewport.height / 2 - (box.y + box.height / 2) * view.k,
  };
}

/** The shown node nearest the viewport's centre: the anchor a re-layout keeps still. */
export function nearestToCentre(
  view: View,
  boxes: ReadonlyMap<string, Box>,
  viewport: Size,
  candidates: Iterable<string>,
): string | undefined {
  const cx = (viewport.width / 2 - view.x) / view.k;
  const cy = (viewport.height / 2 - view.y) / view.k;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of candidates) {
    const b = boxes.get(id);
    if (!b) continue;
    const d = Math.hypot(b.x + b.width / 2 - cx, b.y + b.height / 2 - cy);
    if (d < bestDistance) {
      bestDistance = d;
      best = id;
    }
  }
  return best;
}
