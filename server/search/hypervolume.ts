// Exact hypervolume of a set of "minimise" points with respect to an explicit reference point:
// the measure of the region dominated by the set and bounded by the reference. Points that do not
// strictly dominate the reference in every objective contribute nothing and are dropped.
//   2 objectives: one sweep, O(n log n).
//   3 objectives: slices along the third objective over an incrementally kept 2-D staircase, O(n²).
//   d > 3: HSO (hypervolume by slicing objectives), recursing down to the 3-D method.

type Point = readonly number[];

export function hypervolume(points: readonly Point[], reference: Point): number {
  const d = reference.length;
  for (const p of points) {
    if (p.length !== d) throw new RangeError(`point has ${p.length} objectives, reference has ${d}`);
  }
  const inside = points.filter((p) => p.every((v, i) => v < reference[i]));
  if (inside.length === 0) return 0;
  return slicedVolume(inside, reference);
}

function slicedVolume(points: readonly Point[], reference: Point): number {
  switch (reference.length) {
    case 1:
      return reference[0] - Math.min(...points.map((p) => p[0]));
    case 2:
      return area2d(points, reference);
    case 3:
      return volume3d(points, reference);
    default:
      return volumeBySlicing(points, reference);
  }
}

function area2d(points: readonly Point[], reference: Point): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let area = 0;
  let ceiling = reference[1];
  for (const [x, y] of sorted) {
    if (y < ceiling) {
      area += (reference[0] - x) * (ceiling - y);
      ceiling = y;
    }
  }
  return area;
}

/** Mutually non-dominated 2-D points sorted by x ascending (so y descending). */
class Staircase {
  private readonly steps: [number, number][] = [];

  insert(x: number, y: number): void {
    const steps = this.steps;
    // First step with step.x > x; the one before it (if any) is the only one that could dominate.
    let lo = 0;
    let hi = steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (steps[mid][0] <= x) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && steps[lo - 1][1] <= y) return;
    let end = lo;
    while (end < steps.length && steps[end][1] >= y) end++;
    // Steps at the same x with a larger y are dominated too.
    let start = lo;
    while (start > 0 && steps[start - 1][0] === x) start--;
    steps.splice(start, end - start, [x, y]);
  }

  area(reference: Point): number {
    let area = 0;
    let ceiling = reference[1];
    for (const [x, y] of this.steps) {
      area += (reference[0] - x) * (ceiling - y);
      ceiling = y;
    }
    return area;
  }
}

function volume3d(points: readonly Point[], reference: Point): number {
  const sorted = [...points].sort((a, b) => a[2] - b[2]);
  const staircase = new Staircase();
  let volume = 0;
  for (let k = 0; k < sorted.length; k++) {
    staircase.insert(sorted[k][0], sorted[k][1]);
    const top = k + 1 < sorted.length ? sorted[k + 1][2] : reference[2];
    if (top > sorted[k][2]) volume += staircase.area(reference) * (top - sorted[k][2]);
  }
  return volume;
}

function volumeBySlicing(points: readonly Point[], reference: Point): number {
  const last = reference.length - 1;
  const sorted = [...points].sort((a, b) => a[last] - b[last]);
  const lower = reference.slice(0, last);
  let volume = 0;
  for (let k = 0; k < sorted.length; k++) {
    const top = k + 1 < sorted.length ? sorted[k + 1][last] : reference[last];
    if (top > sorted[k][last]) {
      const slice = sorted.slice(0, k + 1).map((p) => p.slice(0, last));
      volume += slicedVolume(slice, lower) * (top - sorted[k][last]);
    }
  }
  return volume;
}
