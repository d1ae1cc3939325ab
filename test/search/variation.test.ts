import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Prng } from "../../server/search/prng";
import type { GeneSpec } from "../../server/search/types";
import { crossover, defaultVariation, mutate } from "../../server/search/variation";

const categorical = (n: number, cardinality: number): GeneSpec[] =>
  Array.from({ length: n }, () => ({ kind: "categorical", cardinality }));
const always = { ...defaultVariation, crossoverProbability: 1 };

describe("categorical variation", () => {
  test("uniform crossover exchanges whole genes: children are complementary picks of the parents", () => {
    const rng = Prng.fromSeed(1);
    const genes = categorical(12, 5);
    const a = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1];
    const b = [4, 3, 2, 1, 0, 4, 3, 2, 1, 0, 4, 3];
    const [c, d] = crossover(a, b, genes, rng, always);
    c.forEach((v, i) => assert.ok((v === a[i] && d[i] === b[i]) || (v === b[i] && d[i] === a[i])));
    assert.ok(c.some((v, i) => v !== a[i]) && c.some((v, i) => v !== b[i]), "nothing was exchanged");
  });

  test("one-point crossover swaps a suffix", () => {
    const rng = Prng.fromSeed(2);
    const genes = categorical(8, 9);
    const a = [1, 1, 1, 1, 1, 1, 1, 1];
    const b = [2, 2, 2, 2, 2, 2, 2, 2];
    for (let k = 0; k < 20; k++) {
      const [c] = crossover(a, b, genes, rng, { ...always, crossover: "onePoint" });
      const cut = c.indexOf(2);
      assert.ok(cut >= 1, "the cut keeps at least one gene of the first parent");
      assert.deepEqual(c, [...a.slice(0, cut), ...b.slice(cut)]);
    }
  });

  test("mutation resamples a different choice, uniformly among the others", () => {
    const rng = Prng.fromSeed(3);
    const genes = categorical(1, 4);
    const counts = [0, 0, 0, 0];
    for (let k = 0; k < 3000; k++)
      counts[mutate([2], genes, rng, { ...defaultVariation, mutationRate: 1 })[0]]++;
    assert.equal(counts[2], 0);
    for (const i of [0, 1, 3]) assert.ok(counts[i] > 900 && counts[i] < 1100, `${counts}`);
  });

  test("the mutation rate is per gene; single-choice genes never change", () => {
    const rng = Prng.fromSeed(4);
    const genes = categorical(1000, 3);
    const parent = new Array(1000).fill(1);
    const changed = mutate(parent, genes, rng, { ...defaultVariation, mutationRate: 0.1 }).filter(
      (v) => v !== 1,
    ).length;
    assert.ok(changed > 70 && changed < 130, `${changed} of 1000 genes changed at rate 0.1`);
    assert.deepEqual(
      mutate([0, 0], categorical(2, 1), rng, { ...defaultVariation, mutationRate: 1 }),
      [0, 0],
    );
  });
});

describe("continuous variation", () => {
  test("SBX and polynomial mutation stay within bounds and move values", () => {
    const rng = Prng.fromSeed(5);
    const genes: GeneSpec[] = Array.from({ length: 10 }, () => ({ kind: "continuous", lo: -1, hi: 2 }));
    let moved = 0;
    for (let k = 0; k < 200; k++) {
      const a = genes.map(() => -1 + 3 * rng.next());
      const b = genes.map(() => -1 + 3 * rng.next());
      for (const child of crossover(a, b, genes, rng, always)) {
        const m = mutate(child, genes, rng, { ...defaultVariation, mutationRate: 0.5 });
        for (const v of m) assert.ok(v >= -1 && v <= 2);
        if (m.some((v, i) => v !== a[i] && v !== b[i])) moved++;
      }
    }
    assert.ok(moved > 300);
  });
});
