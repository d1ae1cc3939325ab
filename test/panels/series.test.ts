import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Series } from "../../webview/shared/series";
import { smooth, upsert } from "../../webview/shared/series";

describe("upsert", () => {
  test("keeps points sorted by x with the last value per x, whatever the order they come in", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.double({ noNaN: true }))),
        (points) => {
          const series: Series = [];
          for (const [x, y] of points) upsert(series, x, y);
          const expected = new Map<number, number>();
          for (const [x, y] of points) expected.set(x, y);
          assert.deepEqual(
            series,
            [...expected].sort((a, b) => a[0] - b[0]),
          );
        },
      ),
    );
  });
});

describe("smooth", () => {
  test("weight 0 leaves the series as it is; a constant series stays constant", () => {
    const s: Series = [
      [0, 3],
      [1, 1],
      [2, 4],
    ];
    assert.deepEqual(smooth(s, 0), s);
    for (const [, y] of smooth(
      [
        [0, 2],
        [1, 2],
        [5, 2],
      ],
      0.9,
    ))
      assert.ok(Math.abs(y - 2) < 1e-12);
  });

  test("is debiased: the first point is not pulled toward zero, and values stay within the data's range", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (ys, w) => {
          const out = smooth(
            ys.map((y, i) => [i, y] as const),
            w,
          );
          assert.ok(Math.abs(out[0][1] - ys[0]) < 1e-9);
          for (const [, y] of out) assert.ok(y >= Math.min(...ys) - 1e-9 && y <= Math.max(...ys) + 1e-9);
        },
      ),
    );
  });
});
