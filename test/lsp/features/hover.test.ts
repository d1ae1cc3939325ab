import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hover } from "../../../server/lsp/features/hover";
import type { Fixture } from "./fixture";
import { at, fixture } from "./fixture";

/** A space small enough to cost by hand: conv 3×3 on 8×8×3 with 4 or 8 output channels, then a 10-way dense. */
const SMALL = `space Small {
  input image(8, 8, 3)
  c: conv(out in {4, 8}, kernel: 3)
  head: gap dense(10)
}

subnet narrow of Small {
  c.out = 4
}
`;

function hoverText(f: Fixture): string {
  const h = hover(f.doc, f.analysis, f.position);
  assert.ok(h, "a hover");
  assert.ok(typeof h.contents === "object" && "kind" in h.contents && h.contents.kind === "markdown");
  return h.contents.value;
}

describe("hover", () => {
  test("on an op: its doc, shapes, MACs and params range and elastic choices", () => {
    // conv: 3·3·3·out MACs per position × 64 positions = 1728·out → 6,912 to 13,824; params 27·out → 108 to 216.
    const text = hoverText(fixture(at("conv(", 4, 0, SMALL)));
    assert.match(text, /2-D convolution/);
    assert.match(text, /MACs: 6\.91k to 13\.8k/);
    assert.match(text, /params: 108 to 216/);
    assert.match(text, /output: `8×8×4`, `8×8×8`/);
    assert.match(text, /`out` \{4, 8\}/);
  });

  test("the hover range is the op's name", () => {
    const f = fixture(at("conv(", 2, 0, SMALL));
    const h = hover(f.doc, f.analysis, f.position);
    assert.deepEqual(h?.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 9 } });
  });

  test("on an op in a stage: the ranges cover every block", () => {
    const text = hoverText(fixture(at("mbconv(out in", 2)));
    assert.match(text, /in each of up to 3 blocks/);
    assert.match(text, /`kernel` \{3, 5, 7\}/);
  });

  test("on a choice set: the choices, their count and the paths that assign them", () => {
    const text = hoverText(fixture(at("{3, 5, 7}", 3)));
    assert.match(text, /3 choices\*\* \{3, 5, 7\}/);
    assert.match(text, /`s2\[0\]\.kernel`, `s2\[1\]\.kernel`, `s2\[2\]\.kernel`/);
  });

  test("on an argument name: its doc and choices", () => {
    const text = hoverText(fixture(at("expand in {2, 4, 6}", 2)));
    assert.match(text, /expansion ratio/);
    assert.match(text, /choices: \{2, 4, 6\} \(3\)/);
  });

  test("on a stage: depth choices, cost range, shapes and per-block choices", () => {
    const text = hoverText(fixture(at("s2 depth", 1)));
    assert.match(text, /depth: \{1, 2, 3\}/);
    assert.match(text, /MACs: .+ to /);
    assert.match(text, /output: .*`7×7×32`/);
    assert.match(text, /choices per block: `out` \{32, 40\} · `kernel` \{3, 5, 7\} · `expand` \{2, 4, 6\}/);
  });

  test("on a space: input, output, costs and the size in short and exact form", () => {
    // 3 resolutions × s1 (4 + 4²) × s2 (18 + 18² + 18³) = 3 × 20 × 6,174 = 370,440.
    const text = hoverText(fixture(at("FashionMobile {", 3)));
    assert.match(text, /input: `28×28×1` at resolution \{20, 24, 28\}/);
    assert.match(text, /output: `\(10\)`/);
    assert.match(text, /size: 3\.7e5 subnets \(370,440\)/);
  });

  test("a small space's size is exact only once", () => {
    const text = hoverText(fixture(at("Small {", 1, 0, SMALL)));
    assert.match(text, /size: 2 subnets, 1 choice$/m);
  });

  test("on a space reference: the same as on its declaration", () => {
    assert.equal(
      hoverText(fixture(at("FashionMobile {", 1, 1))),
      hoverText(fixture(at("FashionMobile {", 1, 0))),
    );
  });

  test("on a subnet name: its own MACs and params and shapes", () => {
    // c.out = 4: 6,912 + 4·10 MACs = 6,952; params 108 + (4·10 + 10) = 158.
    const text = hoverText(fixture(at("narrow", 2, 0, SMALL)));
    assert.match(text, /MACs: 6\.95k \(space: 6\.95k to 13\.9k\)/);
    assert.match(text, /params: 158 /);
    assert.match(text, /input: `8×8×3` → output: `\(10\)`/);
  });

  test("on a subnet assignment: the choices of its gene", () => {
    const text = hoverText(fixture(at("c.out = 4", 8, 0, SMALL)));
    assert.match(text, /`c\.out`/);
    assert.match(text, /choices: \{4, 8\} \(2\)/);
  });

  test("on an assignment with a value that is not a choice: says so", () => {
    const f = fixture(at("c.out = 5", 2, 0, SMALL.replace("c.out = 4", "c.out = 5")));
    assert.match(hoverText(f), /5 is not a choice/);
  });

  test("on a metric: its documentation and, for MACs, the space's range", () => {
    const text = hoverText(fixture(at("minimize macs", 11)));
    assert.match(text, /multiply-accumulates/);
    assert.match(text, /in `FashionMobile`: /);
  });

  test("on search settings: train settings, forms and strategies", () => {
    assert.match(hoverText(fixture(at("epochs", 2))), /passes over the training split/);
    assert.match(hoverText(fixture(at("momentum", 2))), /≤ 1; default `0\.9`/);
    assert.match(hoverText(fixture(at("linas", 2))), /LINAS/);
    assert.match(hoverText(fixture(at("predictor:", 2))), /one of `auto`, `ridge`, `svr`, `mlp`/);
  });

  test("on a keyword: its documentation", () => {
    assert.match(hoverText(fixture(at("budget 240", 2))), /When the search stops/);
  });

  test("nothing on blank space or inside a comment", () => {
    for (const marked of [at("\n\nsearch", 1), at("MobileNetV3", 3)]) {
      const f = fixture(marked);
      assert.equal(hover(f.doc, f.analysis, f.position), null, marked.slice(0, 20));
    }
  });
});
