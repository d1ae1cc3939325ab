/** How fast a search's front grows: hypervolume after each evaluation, and when it reaches a target. */
import { hypervolume } from "../server/search/hypervolume";
import { minimised, withCandidate } from "../server/search/pareto";
import type { RankedPoint } from "../server/search/pareto";
import type { Evaluation, Sense } from "../server/search/types";

/** Hypervolume of the feasible front of the first k evaluations, for k = 1..n (reference in objective units). */
export function hypervolumeCurve(
  evaluations: readonly Evaluation[],
  senses: readonly Sense[],
  reference: readonly number[],
): number[] {
  const corner = minimised(reference, senses);
  let front: RankedPoint[] = [];
  return evaluations.map((e) => {
    front = withCandidate(front, { minimised: minimised(e.objectives, senses), violation: e.violation });
    return hypervolume(
      front.filter((p) => p.violation <= 0).map((p) => p.minimised),
      corner,
    );
  });
}

/** The number of evaluations after which the curve first reaches `target`; null when it never does. */
export function evaluationsToReach(curve: readonly number[], target: number): number | null {
  const k = curve.findIndex((v) => v >= target);
  return k < 0 ? null : k + 1;
}

/** Median where null means "never" (larger than any number); null when the median itself is never. */
export function medianReached(values: readonly (number | null)[]): number | null {
  const sorted = values.map((v) => v ?? Infinity).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  const m = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return Number.isFinite(m) ? m : null;
}
