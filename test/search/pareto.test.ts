import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  constrainedDominates,
  crowdingDistances,
  dominates,
  minimised,
  nonDominatedSort,
  nonDominatedSubset,
  selectSurvivors,
} from "../../server/search/pareto";
import type { RankedPoint } from "../../server/search/pareto";

const feasible = (...points: number[][]): RankedPoint[] =>
  points.map((p) => ({ minimised: p, violation: 0 }));

describe("domination", () => {
  test("dominates needs no worse everywhere and better somewhere", () => {
    assert.equal(dominates([1, 2], [2, 2]), true);
    assert.equal(dominates([1, 2], [1, 2]), false);
    assert.equal(dominates([1, 3], [2, 2]), false);
  });

  test("constraint domination: feasible beats infeasible, then smaller violation", () => {
    const good = { minimised: [5, 5], violation: 0 };
    const slightly = { minimised: [0, 0], violation: 0.1 };
    const badly = { minimised: [0, 0], violation: 2 };
    assert.equal(constrainedDominates(good, slightly), true);
    assert.equal(constrainedDominates(slightly, good), false);
    assert.equal(constrainedDominates(slightly, badly), true);
    assert.equal(constrainedDominates(badly, slightly), false);
    assert.equal(constrainedDominates(badly, { minimised: [9, 9], violation: 2 }), false);
  });

  test("minimised flips maximised objectives", () => {
    assert.deepEqual(minimised([0.9, 300], ["max", "min"]), [-0.9, 300]);
    assert.throws(() => minimised([1], ["min", "min"]), RangeError);
  });
});

describe("non-dominated sorting", () => {
  test("ranks a hand-made set", () => {
    const points = feasible([1, 5], [2, 2], [5, 1], [3, 3], [2, 4], [4, 4], [6, 6], [2, 2]);
    assert.deepEqual(nonDominatedSort(points), [[0, 1, 2, 7], [3, 4], [5], [6]]);
  });

  test("infeasible points come after all feasible ones, ordered by violation", () => {
    const points: RankedPoint[] = [
      { minimised: [0, 0], violation: 3 },
      { minimised: [9, 9], violation: 0 },
      { minimised: [1, 1], violation: 1 },
      { minimised: [5, 5], violation: 1 },
      { minimised: [8, 10], violation: 0 },
    ];
    assert.deepEqual(nonDominatedSort(points), [[1, 4], [2, 3], [0]]);
  });

  const pointSets = fc.integer({ min: 1, max: 4 }).chain((d) =>
    fc.array(
      fc.record({
        minimised: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: d, maxLength: d }),
        violation: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })),
      }),
      { maxLength: 40 },
    ),
  );

  test("property: fronts partition the points, are internally non-dominated and each is dominated by the one before", () => {
    fc.assert(
      fc.property(pointSets, (points) => {
        const fronts = nonDominatedSort(points);
        assert.deepEqual(
          fronts.flat().sort((a, b) => a - b),
          [...points.keys()],
        );
        fronts.forEach((front, k) => {
          for (const p of front) {
            for (const q of front) assert.ok(!constrainedDominates(points[p], points[q]));
            if (k > 0) assert.ok(fronts[k - 1].some((q) => constrainedDominates(points[q], points[p])));
          }
        });
      }),
    );
  });

  test("property: nonDominatedSubset is the first front", () => {
    fc.assert(
      fc.property(pointSets, (points) => {
        const first = nonDominatedSort(points)[0] ?? [];
        assert.deepEqual(
          nonDominatedSubset(points),
          first.map((i) => points[i]),
        );
      }),
    );
  });
});

describe("crowding and survival", () => {
  test("crowding distance: extremes are infinite, interior points sum normalised gaps", () => {
    const d = crowdingDistances([
      [0, 4],
      [1, 2],
      [2, 1],
      [4, 0],
    ]);
    assert.deepEqual(
      d.map((x) => (Number.isFinite(x) ? Number(x.toFixed(6)) : x)),
      [Infinity, Number((2 / 4 + 3 / 4).toFixed(6)), Number((3 / 4 + 2 / 4).toFixed(6)), Infinity],
    );
  });

  test("survival keeps whole fronts, then the least crowded of the next", () => {
    const points = feasible([0, 10], [10, 0], [5, 5], [1, 11], [5.5, 6], [6, 5.5], [11, 1], [20, 20]);
    const kept = selectSurvivors(points, 5);
    assert.deepEqual(kept.slice(0, 3).sort(), [0, 1, 2]);
    // The second front is [1,11], [5.5,6], [6,5.5], [11,1]: its two extremes win on crowding.
    assert.deepEqual(kept.slice(3).sort(), [3, 6]);
  });
});
