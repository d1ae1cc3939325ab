/** The agreement measures the predictors and the latency table report. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { kendallTau, mape, rmse } from "../../server/stats/agreement";

describe("metrics", () => {
  test("RMSE and MAPE on hand values", () => {
    assert.ok(Math.abs(rmse([100, 200], [110, 180]) - Math.sqrt(250)) < 1e-12);
    assert.ok(Math.abs((mape([100, 200], [110, 180]) ?? NaN) - 10) < 1e-12);
    assert.equal(mape([0, 0], [1, 2]), null);
  });

  test("Kendall's τ-b: perfect, reversed, and scipy's tied example", () => {
    assert.equal(kendallTau([1, 2, 3, 4], [10, 20, 30, 40]), 1);
    assert.equal(kendallTau([1, 2, 3, 4], [4, 3, 2, 1]), -1);
    // scipy.stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) = -0.47140452079103173
    assert.ok(
      Math.abs((kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) ?? NaN) + 0.47140452079103173) < 1e-12,
    );
    assert.equal(kendallTau([1, 1, 1], [1, 2, 3]), null);
  });
});

describe("agreement on awkward input", () => {
  test("MAPE skips points whose actual value is 0; τ-b of scipy's second tied example", () => {
    assert.equal(mape([2, 4], [3, 3]), 37.5);
    assert.equal(mape([0, 2], [5, 3]), 50);
    // scipy.stats.kendalltau([1, 2, 2, 3], [1, 3, 2, 4]) = 0.9128709291752769
    assert.ok(Math.abs(kendallTau([1, 2, 2, 3], [1, 3, 2, 4])! - 0.9128709291752769) < 1e-12);
  });

  test("unpaired or empty values are a RangeError", () => {
    assert.throws(() => mape([1], [1, 2]), RangeError);
    assert.throws(() => rmse([], []), RangeError);
    assert.throws(() => kendallTau([1, 2], [1]), RangeError);
  });
});
