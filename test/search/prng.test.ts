import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Prng } from "../../server/search/prng";

const draw = (rng: Prng, n: number): number[] => Array.from({ length: n }, () => rng.nextUint32());

describe("Prng", () => {
  test("the same seed gives the same stream, different seeds different streams", () => {
    assert.deepEqual(draw(Prng.fromSeed(42), 50), draw(Prng.fromSeed(42), 50));
    assert.notDeepEqual(draw(Prng.fromSeed(42), 50), draw(Prng.fromSeed(43), 50));
    assert.notDeepEqual(draw(Prng.fromSeed(1), 50), draw(Prng.fromSeed(2 ** 32 + 1), 50));
  });

  test("the state is a plain value that restores the stream exactly", () => {
    const rng = Prng.fromSeed(7);
    draw(rng, 13);
    const saved = JSON.parse(JSON.stringify(rng.state()));
    const expected = draw(rng, 100);
    assert.deepEqual(draw(new Prng(saved), 100), expected);
  });

  test("int stays in range and hits every value", () => {
    const rng = Prng.fromSeed(3);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 7000; i++) {
      const v = rng.int(-2, 5);
      assert.ok(Number.isInteger(v) && v >= -2 && v < 5);
      counts[v + 2]++;
    }
    for (const c of counts) assert.ok(c > 850 && c < 1150, `count ${c} far from 1000`);
    assert.throws(() => rng.int(3, 3), RangeError);
  });

  test("next is in [0,1) and shuffle is a permutation", () => {
    const rng = Prng.fromSeed(5);
    for (let i = 0; i < 1000; i++) {
      const u = rng.next();
      assert.ok(u >= 0 && u < 1);
    }
    const items = [...Array(20).keys()];
    const shuffled = rng.shuffle([...items]);
    assert.notDeepEqual(shuffled, items);
    assert.deepEqual(
      [...shuffled].sort((a, b) => a - b),
      items,
    );
  });

  test("gaussian has mean 0 and variance 1", () => {
    const rng = Prng.fromSeed(11);
    const n = 20000;
    const xs = Array.from({ length: n }, () => rng.gaussian());
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.05, `variance ${variance}`);
  });

  test("rejects seeds that are not safe integers", () => {
    assert.throws(() => Prng.fromSeed(1.5), RangeError);
    assert.throws(() => Prng.fromSeed(Number.NaN), RangeError);
  });
});
