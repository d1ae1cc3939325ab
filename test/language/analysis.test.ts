/**
 * The analysis computes the minimum and maximum MACs and params and the size of a space without
 * enumerating it. Here small spaces are enumerated exhaustively (every genome, canonicalised,
 * evaluated one by one) and the two must agree exactly.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatCount, spaceSize } from "../../server/language/analysis";
import type { Genome } from "../../server/language/encoding";
import {
  canonicalize,
  cardinalities,
  genomeKey,
  largestGenome,
  smallestGenome,
} from "../../server/language/encoding";
import { evaluateSubnet } from "../../server/language/evaluate";
import type { SpaceModel } from "../../server/language/model";
import { buildCleanSpace } from "./spaces";

/** Every genome of the space (mixed radix over the genes' choice counts). */
function* allGenomes(model: SpaceModel): Generator<Genome> {
  const radix = cardinalities(model);
  const g = radix.map(() => 0);
  while (true) {
    yield g;
    let i = 0;
    while (i < g.length && ++g[i] === radix[i]) g[i++] = 0;
    if (i === g.length) return;
  }
}

interface Enumerated {
  readonly distinct: number;
  readonly macs: { min: number; max: number };
  readonly params: { min: number; max: number };
}

function enumerate(model: SpaceModel): Enumerated {
  const seen = new Set<string>();
  const macs = { min: Infinity, max: -Infinity };
  const params = { min: Infinity, max: -Infinity };
  for (const genome of allGenomes(model)) {
    const canonical = canonicalize(model, genome);
    const key = genomeKey(canonical);
    if (seen.has(key)) continue;
    seen.add(key);
    const cost = evaluateSubnet(model, canonical);
    assert.ok(cost, `subnet ${key} has valid shapes`);
    macs.min = Math.min(macs.min, cost.macs);
    macs.max = Math.max(macs.max, cost.macs);
    params.min = Math.min(params.min, cost.params);
    params.max = Math.max(params.max, cost.params);
  }
  return { distinct: seen.size, macs, params };
}

const MOBILE = `space Small {
  input image(20, 20, 3)
  resolution in {16, 20}
  stem: conv(out in {8, 16}, kernel: 3, stride: 2) bn relu
  residual { dwconv(kernel in {3, 5}) bn relu }
  stage s1 depth in {1, 2} {
    mbconv(out in {8, 16}, kernel in {3, 5}, expand in {3, 6})
  }
  stage s2 depth in {1, 2} {
    mbconv(out in {16, 24}, kernel in {3, 5}, expand in {2, 4}, stride: 2, se: true)
  }
  head: gap dense(10)
}
`;

const SEQUENCE = `space Seq {
  input tokens(12, vocab: 50)
  embedding(dim in {8, 16})
  stage t depth in {1, 3} {
    transformer(dim in {8, 16}, heads in {2, 4}, mlp in {16, 32})
  }
  gap dense(4)
}
`;

/** Residuals inside a stage, depth {2, 3}, a fixed depth, and a head whose cost depends on every shape before it. */
const MIXED = `space Mixed {
  input image(12, 12, 2)
  stem: conv(out: 8, kernel in {1, 3}, stride: 2) bn relu
  stage a depth in {2, 3} {
    residual { dw: dwconv(kernel in {3, 5}) bn }
    widen: conv(out in {8, 16}, kernel: 1)
  }
  stage b depth 2 {
    mbconv(out in {8, 12}, kernel: 3, expand in {1, 2})
  }
  head: flatten dense(3)
}
`;

describe("analysis against exhaustive enumeration", () => {
  for (const [name, text] of [
    ["mobile space with resolution, stem, residual and two stages", MOBILE],
    ["sequence space with a stage of depth {1, 3}", SEQUENCE],
    ["residuals in a stage, a fixed depth, a flatten head", MIXED],
  ] as const) {
    test(name, () => {
      const { model, analysis } = buildCleanSpace(text);
      const e = enumerate(model);
      assert.deepEqual(analysis.macs, e.macs);
      assert.deepEqual(analysis.params, e.params);
      assert.equal(analysis.size, BigInt(e.distinct));
      // The extremes are the smallest and the largest subnet (costs grow with every choice here).
      assert.equal(evaluateSubnet(model, smallestGenome(model))?.macs, e.macs.min);
      assert.equal(evaluateSubnet(model, largestGenome(model))?.macs, e.macs.max);
    });
  }

  test("the mobile space's size by hand", () => {
    // resolution 2 · stem.out 2 · residual kernel 2 = 8 outside stages;
    // each stage: depth 1 gives 2·2·2 = 8 subnets, depth 2 gives 8·8 = 64 → 72.   8 · 72 · 72 = 41472
    assert.equal(buildCleanSpace(MOBILE).analysis.size, 41472n);
  });

  test("the mixed space's size by hand", () => {
    // stem 2 · stage a (depth 2: 4², depth 3: 4³ → 80) · stage b (fixed depth 2: 4²) = 2560
    assert.equal(buildCleanSpace(MIXED).analysis.size, 2560n);
  });

  test("the sequence space's size by hand", () => {
    // embedding 2 · stage (depth 1: 8, depth 3: 8³ = 512 → 520) = 1040
    assert.equal(buildCleanSpace(SEQUENCE).analysis.size, 1040n);
  });
});

/** The Once-for-All MobileNetV3 space: 5 stages of mbconv, depth {2, 3, 4}, kernel {3, 5, 7}, expand {3, 4, 6}. */
function ofaSpace(): string {
  const stages = [24, 40, 80, 112, 160].map(
    (out, i) =>
      `  stage s${i + 1} depth in {2, 3, 4} {\n    mbconv(out: ${out}, kernel in {3, 5, 7}, expand in {3, 4, 6}, stride: 2, se: true)\n  }`,
  );
  return `space OFA {\n  input image(224, 224, 3)\n  stem: conv(out: 16, kernel: 3, stride: 2) bn hswish\n${stages.join("\n")}\n  head: gap dense(1000)\n}\n`;
}

describe("space size", () => {
  test("OFA MobileNetV3 has 7371^5 ≈ 2.2e19 subnets", () => {
    // Per block 3 kernels · 3 expands = 9 choices; per stage 9² + 9³ + 9⁴ = 81 + 729 + 6561 = 7371.
    const { model, analysis } = buildCleanSpace(ofaSpace());
    assert.equal(7371n ** 5n, 21758655492572485851n);
    assert.equal(analysis.size, 21758655492572485851n);
    assert.equal(spaceSize(model), analysis.size);
    assert.equal(formatCount(analysis.size), "2.2e19");
  });

  test("a space without choices has one subnet", () => {
    assert.equal(buildCleanSpace("space One {\n  input vector(4)\n  dense(2)\n}\n").analysis.size, 1n);
  });

  test("a fixed depth counts its blocks' choices once", () => {
    // depth 2, kernel {3, 5} per block → 2 · 2 = 4
    assert.equal(
      buildCleanSpace(
        "space F {\n  input image(8, 8, 1)\n  stage s depth 2 {\n    conv(out: 4, kernel in {3, 5})\n  }\n  gap dense(2)\n}\n",
      ).analysis.size,
      4n,
    );
  });
});

describe("formatCount", () => {
  const cases: [bigint, string][] = [
    [0n, "0"],
    [1296n, "1,296"],
    [99999n, "99,999"],
    [100000n, "1.0e5"],
    [123456n, "1.2e5"],
    [125000n, "1.3e5"],
    [994999n, "9.9e5"],
    [995000n, "1.0e6"],
    [999999n, "1.0e6"],
    [10n ** 30n, "1.0e30"],
  ];
  for (const [n, text] of cases) test(`${n} → ${text}`, () => assert.equal(formatCount(n), text));
});
