import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Rng } from "../../server/engine/data/rng";
import { stratifiedPick } from "../../server/engine/data/stratify";

describe("Rng", () => {
  test("matches the xoshiro128** reference (outputs worked by hand from state 1, 2, 3, 4)", () => {
    const rng = Rng.fromState([1, 2, 3, 4]);
    assert.deepEqual([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()], [11520, 0, 5927040]);
  });

  test("a seed fixes the sequence, forever: checkpoints and the embedded subset depend on it", () => {
    const rng = Rng.fromSeed(42);
    assert.deepEqual(
      Array.from({ length: 4 }, () => rng.nextUint32()),
      [2837322924, 544945897, 479756282, 3500138142],
    );
  });

  test("restoring a state continues the sequence exactly, through JSON", () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(50), (seed, skip) => {
        const rng = Rng.fromSeed(seed);
        for (let i = 0; i < skip; i++) rng.nextUint32();
        const restored = Rng.fromState(JSON.parse(JSON.stringify(rng.state)));
        for (let i = 0; i < 20; i++) assert.equal(restored.nextUint32(), rng.nextUint32());
      }),
    );
  });

  test("different seeds give different sequences", () => {
    const first = (seed: number) => Rng.fromSeed(seed).nextUint32();
    assert.equal(new Set(Array.from({ length: 1000 }, (_, s) => first(s))).size, 1000);
  });

  test("nextInt stays in range and nextFloat in [0, 1)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        const rng = Rng.fromSeed(seed);
        for (let i = 0; i < 20; i++) {
          const k = rng.nextInt(n);
          assert.ok(Number.isInteger(k) && k >= 0 && k < n);
          const f = rng.nextFloat();
          assert.ok(f >= 0 && f < 1);
        }
      }),
    );
    assert.throws(() => Rng.fromSeed(1).nextInt(0), RangeError);
  });

  test("shuffle permutes", () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(100), (seed, n) => {
        const items = Uint32Array.from({ length: n }, (_, i) => i);
        Rng.fromSeed(seed).shuffle(items);
        assert.deepEqual(
          [...items].sort((a, b) => a - b),
          Array.from({ length: n }, (_, i) => i),
        );
      }),
    );
  });

  test("the all-zero state is refused", () => {
    assert.throws(() => Rng.fromState([0, 0, 0, 0]), RangeError);
  });
});

describe("stratifiedPick", () => {
  test("takes the asked count of every class, disjoint from the rest, both ascending", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(4), { minLength: 1, maxLength: 200 }), fc.integer(), (values, seed) => {
        const labels = Int32Array.from(values);
        const { picked, rest } = stratifiedPick(labels, 5, (n) => Math.floor(n / 2), Rng.fromSeed(seed));
        assert.deepEqual(
          [...picked, ...rest].sort((a, b) => a - b),
          values.map((_, i) => i),
        );
        for (let c = 0; c < 5; c++) {
          const total = values.filter((v) => v === c).length;
          assert.equal(picked.filter((i) => values[i] === c).length, Math.floor(total / 2));
        }
        assert.deepEqual(
          picked,
          [...picked].sort((a, b) => a - b),
        );
        assert.deepEqual(
          rest,
          [...rest].sort((a, b) => a - b),
        );
      }),
    );
  });
  test("asking for more than a class has is an error naming the class", () => {
    assert.throws(
      () => stratifiedPick(Int32Array.from([0, 1, 1]), 2, () => 2, Rng.fromSeed(0)),
      /class 0 has 1 examples, 2 were asked for/,
    );
  });
});
