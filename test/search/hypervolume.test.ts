import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { hypervolume } from "../../server/search/hypervolume";
import { dominates } from "../../server/search/pareto";

/** Slow exact reference: inclusion–exclusion over every non-empty subset (the union of boxes). */
function inclusionExclusion(points: number[][], reference: number[]): number {
  let total = 0;
  for (let mask = 1; mask < 1 << points.length; mask++) {
    const corner = reference.map(() => -Infinity);
    let size = 0;
    points.forEach((p, i) => {
      if (mask & (1 << i)) {
        size++;
        p.forEach((v, m) => (corner[m] = Math.max(corner[m], v)));
      }
    });
    const volume = corner.reduce((acc, v, m) => acc * Math.max(0, reference[m] - v), 1);
    total += size % 2 === 1 ? volume : -volume;
  }
  return total;
}

const close = (actual: number, expected: number, tolerance = 1e-9): void =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} != ${expected}`,
  );

const pointSet = (d: number, maxPoints: number) =>
  fc.array(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: d, maxLength: d }), {
    maxLength: maxPoints,
  });
/** Integer grids produce the ties (equal coordinates) that trip sweeps up. */
const gridSet = (d: number, maxPoints: number) =>
  fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: d, maxLength: d }), {
    maxLength: maxPoints,
  });

describe("hypervolume: known values", () => {
  test("2-D staircase", () => {
    close(
      hypervolume(
        [
          [1, 3],
          [2, 2],
          [3, 1],
        ],
        [4, 4],
      ),
      6,
    );
  });

  test("3-D: one box, and two overlapping boxes", () => {
    close(hypervolume([[0, 0, 0]], [1, 2, 3]), 6);
    close(
      hypervolume(
        [
          [0, 0, 1],
          [1, 1, 0],
        ],
        [2, 2, 2],
      ),
      4 + 2 - 1,
    );
  });

  test("points that do not dominate the reference count for nothing; an empty set has volume 0", () => {
    close(
      hypervolume(
        [
          [5, 0],
          [1, 1],
          [0, 4],
        ],
        [4, 4],
      ),
      9,
    );
    assert.equal(hypervolume([], [1, 1]), 0);
    assert.throws(() => hypervolume([[1, 2, 3]], [4, 4]), RangeError);
  });

  test("4-D and 5-D unit-corner boxes", () => {
    close(hypervolume([[0, 0, 0, 0]], [1, 2, 3, 4]), 24);
    // Two points, each the origin except one coordinate at 1: the union of two boxes of 16 minus their overlap of 8.
    close(
      hypervolume(
        [
          [1, 0, 0, 0, 0],
          [0, 1, 0, 0, 0],
        ],
        [2, 2, 2, 2, 2],
      ),
      16 + 16 - 8,
    );
  });
});

describe("hypervolume: against inclusion–exclusion", () => {
  for (const d of [2, 3, 4, 5]) {
    test(`property: ${d} objectives, real coordinates`, () => {
      fc.assert(
        fc.property(pointSet(d, 9), (points) =>
          close(hypervolume(points, Array(d).fill(10)), inclusionExclusion(points, Array(d).fill(10))),
        ),
        { numRuns: 150 },
      );
    });
    test(`property: ${d} objectives, ties on a grid`, () => {
      fc.assert(
        fc.property(gridSet(d, 9), (points) =>
          close(hypervolume(points, Array(d).fill(4)), inclusionExclusion(points, Array(d).fill(4))),
        ),
        { numRuns: 150 },
      );
    });
  }
});

describe("hypervolume: monotonicity", () => {
  for (const d of [2, 3, 4]) {
    test(`property: adding a point never lowers it, adding a dominated point changes nothing (${d}-D)`, () => {
      fc.assert(
        fc.property(pointSet(d, 25), pointSet(d, 1), (points, [extra]) => {
          if (!extra) return;
          const reference = Array(d).fill(10);
          const before = hypervolume(points, reference);
          const after = hypervolume([...points, extra], reference);
          assert.ok(after >= before - 1e-9 * Math.max(1, before));
          if (points.some((p) => dominates(p, extra))) close(after, before);
        }),
        { numRuns: 100 },
      );
    });
  }
});
