// Pareto ranking. Everything here works on "minimise" vectors: callers convert with `minimised`.
import type { Sense } from "./types";

/** A point as ranking sees it: objectives to minimise and a total constraint violation (0 = feasible). */
export interface RankedPoint {
  readonly minimised: readonly number[];
  readonly violation: number;
}

export function minimised(objectives: readonly number[], senses: readonly Sense[]): number[] {
  if (objectives.length !== senses.length) {
    throw new RangeError(`expected ${senses.length} objectives, got ${objectives.length}`);
  }
  return objectives.map((v, i) => (senses[i] === "max" ? -v : v));
}

/** a is no worse in every objective and better in at least one. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) better = true;
  }
  return better;
}

/** Deb's constraint domination: feasible beats infeasible, smaller violation beats larger. */
export function constrainedDominates(a: RankedPoint, b: RankedPoint): boolean {
  const aFeasible = a.violation <= 0;
  const bFeasible = b.violation <= 0;
  if (aFeasible && bFeasible) return dominates(a.minimised, b.minimised);
  if (aFeasible !== bFeasible) return aFeasible;
  return a.violation < b.violation;
}

/**
 * The non-dominated subset under constraint domination (feasible points only, once any is),
 * in input order. O(n·f) for a front of size f, so it suits large sets where a full sort would not.
 */
export function nonDominatedSubset<T extends RankedPoint>(points: readonly T[]): T[] {
  let kept: T[] = [];
  for (const candidate of points) kept = withCandidate(kept, candidate);
  return kept;
}

/** `set` (mutually non-dominated) with `candidate` added unless dominated, minus what it dominates. */
export function withCandidate<T extends RankedPoint>(set: readonly T[], candidate: T): T[] {
  if (set.some((p) => constrainedDominates(p, candidate))) return set as T[];
  const kept = set.filter((p) => !constrainedDominates(candidate, p));
  kept.push(candidate);
  return kept;
}

/** Fast non-dominated sorting (Deb et al. 2002): fronts of indices, best first, indices ascending. */
export function nonDominatedSort(points: readonly RankedPoint[]): number[][] {
  const n = points.length;
  const dominatedBy = new Array<number>(n).fill(0);
  const dominating: number[][] = Array.from({ length: n }, () => []);
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      if (constrainedDominates(points[p], points[q])) {
        dominating[p].push(q);
        dominatedBy[q]++;
      } else if (constrainedDominates(points[q], points[p])) {
        dominating[q].push(p);
        dominatedBy[p]++;
      }
    }
  }
  const fronts: number[][] = [];
  let current = [...Array(n).keys()].filter((p) => dominatedBy[p] === 0);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const p of current) {
      for (const q of dominating[p]) if (--dominatedBy[q] === 0) next.push(q);
    }
    current = next.sort((x, y) => x - y);
  }
  return fronts;
}

/** Crowding distance of each point of one front; the extremes of every objective get Infinity. */
export function crowdingDistances(front: readonly (readonly number[])[]): number[] {
  const n = front.length;
  const distance = new Array<number>(n).fill(0);
  if (n === 0) return distance;
  const order = [...Array(n).keys()];
  for (let m = 0; m < front[0].length; m++) {
    order.sort((i, j) => front[i][m] - front[j][m] || i - j);
    const lo = front[order[0]][m];
    const hi = front[order[n - 1]][m];
    distance[order[0]] = Infinity;
    distance[order[n - 1]] = Infinity;
    if (hi === lo) continue;
    for (let k = 1; k < n - 1; k++) {
      distance[order[k]] += (front[order[k + 1]][m] - front[order[k - 1]][m]) / (hi - lo);
    }
  }
  return distance;
}

export interface RankAndCrowding {
  readonly rank: number[];
  readonly crowding: number[];
}

export function rankAndCrowding(points: readonly RankedPoint[]): RankAndCrowding {
  const rank = new Array<number>(points.length);
  const crowding = new Array<number>(points.length);
  nonDominatedSort(points).forEach((front, r) => {
    const distances = crowdingDistances(front.map((i) => points[i].minimised));
    front.forEach((i, k) => {
      rank[i] = r;
      crowding[i] = distances[k];
    });
  });
  return { rank, crowding };
}

/**
 * NSGA-II survival: whole fronts while they fit, then the most crowding-distant of the next
 * front. Returns the chosen indices in rank order.
 */
export function selectSurvivors(points: readonly RankedPoint[], count: number): number[] {
  const chosen: number[] = [];
  for (const front of nonDominatedSort(points)) {
    if (chosen.length + front.length <= count) {
      chosen.push(...front);
      continue;
    }
    const distances = crowdingDistances(front.map((i) => points[i].minimised));
    const byCrowding = [...front.keys()].sort((a, b) => distances[b] - distances[a] || a - b);
    chosen.push(...byCrowding.slice(0, count - chosen.length).map((k) => front[k]));
    break;
  }
  return chosen;
}
