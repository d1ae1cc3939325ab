/** Gene paths: what the model names a choice is what the checker accepts and the printer writes. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkDocument } from "../../server/language/checker";
import { largestGenome } from "../../server/language/encoding";
import { printSubnet } from "../../server/language/printer";

function roundTrip(space: string): { paths: string[]; printed: string; diagnostics: string[] } {
  const a = checkDocument(space);
  const model = [...a.spaces.values()][0].model;
  const printed = printSubnet(model, largestGenome(model), { name: "p" });
  const again = checkDocument(`${space}\n${printed}\n`);
  return {
    paths: model.genes.map((g) => g.path),
    printed,
    diagnostics: again.diagnostics.map((d) => `${d.code}: ${d.message}`),
  };
}

describe("gene paths", () => {
  test("two labelled ops of a block with the same elastic argument are named by label, and the printed subnet checks", () => {
    const r = roundTrip(
      "space S {\n  input image(8, 8, 1)\n  stage s depth in {1, 2} {\n    a: conv(out: 4, kernel in {3, 5})\n    b: conv(out: 4, kernel in {3, 5})\n  }\n  head: gap dense(2)\n}\n",
    );
    assert.deepEqual(r.paths, [
      "s.depth",
      "s[0].a.kernel",
      "s[0].b.kernel",
      "s[1].a.kernel",
      "s[1].b.kernel",
    ]);
    assert.deepEqual(r.diagnostics, []);
  });

  test("an unlabelled op beside a labelled one keeps the short path", () => {
    const r = roundTrip(
      "space S {\n  input image(8, 8, 1)\n  stage s depth 1 {\n    conv(out: 4, kernel in {3, 5})\n    b: conv(out: 4, kernel in {3, 5})\n  }\n  head: gap dense(2)\n}\n",
    );
    assert.deepEqual(r.paths, ["s[0].kernel", "s[0].b.kernel"]);
    assert.deepEqual(r.diagnostics, []);
  });

  test("two elastic ops on one labelled line are flagged: no path can name each", () => {
    const a = checkDocument(
      "space S {\n  input image(8, 8, 1)\n  two: conv(out in {4, 8}, kernel: 1) conv(out in {4, 8}, kernel: 1)\n  head: gap dense(2)\n}\n",
    );
    const warnings = a.diagnostics.filter((d) => d.code === "unlabelled-choice");
    assert.equal(warnings.length, 2);
    assert.match(warnings[0].message, /separate labelled lines/);
  });

  test("a label named like an automatic owner does not collide with an unlabelled layer", () => {
    const a = checkDocument(
      "space S {\n  input vector(4)\n  dense(units in {2, 4})\n  layer1: dense(units in {2, 4})\n  dense(units: 2)\n}\n",
    );
    const paths = [...a.spaces.values()][0].model.genes.map((g) => g.path);
    assert.equal(new Set(paths).size, paths.length);
  });
});
