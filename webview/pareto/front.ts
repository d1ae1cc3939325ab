/** Pareto dominance over the search's objectives, and the two-axis frontier the chart draws as a line. */
import type { Objective } from "../../protocol/panels";

export interface Scored {
  readonly index: number;
  readonly values: readonly number[];
}

/** Whether `a` is at least as good as `b` in every objective and better in one. */
export function dominates(
  a: readonly number[],
  b: readonly number[],
  senses: readonly Objective["sense"][],
): boolean {
  let better = false;
  for (let i = 0; i < senses.length; i++) {
    const d = senses[i] === "maximize" ? a[i] - b[i] : b[i] - a[i];
    if (d < 0) return false;
    if (d > 0) better = true;
  }
  return better;
}

/**
 * The indices of the points no other point dominates. An archive of the non-dominated so far:
 * each point is compared with the archive only, O(n · front) rather than O(n²).
 */
export function nonDominated(points: readonly Scored[], senses: readonly Objective["sense"][]): Set<number> {
  let archive: Scored[] = [];
  for (const p of points) {
    if (p.values.some((v) => !Number.isFinite(v))) continue;
    if (archive.some((a) => dominates(a.values, p.values, senses))) continue;
    archive = archive.filter((a) => !dominates(p.values, a.values, senses));
    archive.push(p);
  }
  return new Set(archive.map((a) => a.index));
}

/**
 * The frontier of points in two dimensions: sorted by x from best to worst, the points that
 * improve on y. Returned in ascending x, ready to draw as a step line.
 */
export function frontier2d<T extends { readonly x: number; readonly y: number }>(
  points: readonly T[],
  xSense: Objective["sense"],
  ySense: Objective["sense"],
): T[] {
  const sx = xSense === "minimize" ? 1 : -1;
  const sy = ySense === "minimize" ? 1 : -1;
  const sorted = points
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .sort((a, b) => sx * (a.x - b.x) || sy * (a.y - b.y));
  const out: T[] = [];
  let best = Infinity;
  for (const p of sorted) {
    if (sy * p.y < best) {
      best = sy * p.y;
      out.push(p);
    }
  }
  return out.sort((a, b) => a.x - b.x);
}
