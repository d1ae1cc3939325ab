import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import type { DocumentAnalysis } from "../../server/language/checker";
import { checkDocument } from "../../server/language/checker";
import { genomeValues, sampleUniform } from "../../server/language/encoding";
import { evaluateSubnet } from "../../server/language/evaluate";
import type { Choices } from "../../server/language/subnetChoices";
import { activeChoices, genomeFromChoices } from "../../server/language/subnetChoices";
import type { SubnetEdit, SubnetEditRequest } from "../../server/language/writeBack";
import { subnetEdit, suggestSubnetName } from "../../server/language/writeBack";
import { applyEdits } from "./fixtures";

const fashion = readFileSync(new URL("../fixtures/format/fashion.nas", import.meta.url), "utf8");
const quick = readFileSync(new URL("../fixtures/panels/quick-run.nas", import.meta.url), "utf8");

/** The choices a run logs for a subnet: every gene's value by path. */
function runChoices(
  analysis: DocumentAnalysis,
  space: string,
  values: Record<string, number> = {},
): Record<string, number> {
  const model = analysis.spaces.get(space)!.model;
  return Object.fromEntries(
    model.genes.map((g) => [g.path, values[g.path] ?? g.values[g.values.length - 1]]),
  );
}

function editOf(
  text: string,
  request: SubnetEditRequest,
): { result: SubnetEdit; after: string; analysis: DocumentAnalysis } {
  const result = subnetEdit(text, checkDocument(text), request);
  assert.ok(!("error" in result), "error" in result ? result.error : "");
  const after = applyEdits(text, [result.edit]);
  return { result, after, analysis: checkDocument(after) };
}

/** The edited text has no diagnostic the original did not have, and none inside the block. */
function assertChecksCleanly(before: string, after: string, result: SubnetEdit): void {
  const diagnostics = checkDocument(after).diagnostics;
  const inBlock = diagnostics.filter(
    (d) => d.start < result.blockStart + result.block.length && d.end > result.blockStart,
  );
  assert.deepEqual(inBlock, []);
  // Elsewhere, only diagnostics the text had before (a replaced block takes its own with it).
  const remaining = checkDocument(before).diagnostics.map((d) => d.code);
  for (const d of diagnostics) {
    const i = remaining.indexOf(d.code);
    assert.ok(i >= 0, `new diagnostic: ${d.code}: ${d.message}`);
    remaining.splice(i, 1);
  }
}

describe("subnetEdit", () => {
  const analysis = checkDocument(fashion);

  test("inserts a new block right after its space and touches no other text", () => {
    const choices = runChoices(analysis, "FashionMobile", {
      resolution: 20,
      "s1.depth": 1,
      "s2.depth": 2,
      "s2[0].kernel": 7,
    });
    const {
      result,
      after,
      analysis: edited,
    } = editOf(fashion, { space: "FashionMobile", name: "chosen", choices, measured: { accuracy: 84.25 } });
    const space = analysis.spaces.get("FashionMobile")!.decl;
    assert.equal(result.replaces, false);
    assert.equal(result.edit.start, space.end);
    assert.equal(result.edit.end, space.end, "an insertion replaces nothing");
    assert.equal(after.slice(0, space.end), fashion.slice(0, space.end));
    assert.equal(after.slice(space.end + result.edit.newText.length), fashion.slice(space.end));
    assert.equal(after.slice(result.blockStart, result.blockStart + result.block.length), result.block);
    assert.match(result.block, /^subnet chosen of FashionMobile \{\n/);
    assert.match(result.block, /measured \{ accuracy: 84\.3%/);
    assertChecksCleanly(fashion, after, result);
    const written = edited.subnets.find((s) => s.decl.name?.name === "chosen")!;
    const model = analysis.spaces.get("FashionMobile")!.model;
    assert.deepEqual(
      activeChoices(model, written.genome!),
      activeChoices(model, genomeFromChoices(model, choices).genome),
    );
  });

  test("replaces the block of the same name in place", () => {
    const old = analysis.subnets.find((s) => s.decl.name?.name === "small_fast")!.decl;
    const choices = runChoices(analysis, "FashionMobile", { "s1.depth": 2 });
    const {
      result,
      after,
      analysis: edited,
    } = editOf(fashion, { space: "FashionMobile", name: "small_fast", choices, measured: {} });
    assert.equal(result.replaces, true);
    assert.deepEqual([result.edit.start, result.edit.end], [old.start, old.end]);
    assert.equal(after.slice(0, old.start), fashion.slice(0, old.start));
    assert.equal(after.slice(old.start + result.block.length), fashion.slice(old.end));
    assert.equal(edited.subnets.filter((s) => s.decl.name?.name === "small_fast").length, 1);
    assertChecksCleanly(fashion, after, result);
  });

  test("works on a document edited since the run, and says what changed", () => {
    const choices = runChoices(analysis, "FashionMobile", {
      "s2.depth": 3,
      "s2[0].kernel": 7,
      "s2[2].expand": 6,
    });
    // Lines added above the space, a choice removed (7) and a new elastic width on s1.
    const edited = `// a note\n\n${fashion.replace("kernel in {3, 5, 7}", "kernel in {3, 5}").replace("mbconv(out: 24,", "mbconv(out in {16, 24},")}`;
    const { result, after } = editOf(edited, {
      space: "FashionMobile",
      name: "later",
      choices,
      measured: { accuracy: 80 },
    });
    assertChecksCleanly(edited, after, result);
    assert.ok(
      result.notes.some((n) => n.includes("s2[0].kernel = 7") && n.includes("nearest, 5")),
      result.notes.join("\n"),
    );
    assert.ok(
      result.notes.some((n) => n.includes("s1[0].out") && n.includes("largest")),
      result.notes.join("\n"),
    );
    assert.match(result.block, /s2\[0\] \{ out = 40, kernel = 5, expand = 6 \}/);
  });

  test("writes MACs, params and size as the space gives them now", () => {
    const choices = runChoices(analysis, "FashionMobile");
    const model = analysis.spaces.get("FashionMobile")!.model;
    const cost = evaluateSubnet(model, genomeFromChoices(model, choices).genome)!;
    const { result, after } = editOf(fashion, {
      space: "FashionMobile",
      name: "stale",
      choices,
      measured: { accuracy: 90, macs: 1, params: cost.params },
    });
    assert.ok(
      result.notes.some((n) => n.startsWith("macs is")),
      result.notes.join("\n"),
    );
    assert.ok(!result.notes.some((n) => n.startsWith("params is")));
    assertChecksCleanly(fashion, after, result);
  });

  test("keeps what followed the space's brace on a line of its own", () => {
    const text = "space S {\n  input vector(4)\n  fc: dense(units in {8, 16}) relu dense(3)\n} // end of S\n";
    const choices = { "fc.units": 8 };
    const { result, after } = editOf(text, { space: "S", name: "s8", choices, measured: {} });
    assert.equal(
      after,
      `space S {\n  input vector(4)\n  fc: dense(units in {8, 16}) relu dense(3)\n}\n\n${result.block}\n // end of S\n`,
    );
    assertChecksCleanly(text, after, result);
  });

  test("refuses a bad name, an unknown space and an unclosed space", () => {
    const choices: Choices = {};
    const error = (text: string, request: Partial<SubnetEditRequest>): string => {
      const r = subnetEdit(text, checkDocument(text), {
        space: "FashionMobile",
        name: "ok",
        choices,
        measured: {},
        ...request,
      });
      assert.ok("error" in r);
      return r.error;
    };
    assert.match(error(fashion, { name: "2fast" }), /not a valid subnet name/);
    assert.match(error(fashion, { name: "a-b" }), /not a valid subnet name/);
    assert.match(error(fashion, { space: "Nope" }), /no space named `Nope`/);
    assert.match(error("space FashionMobile {\n  input vector(4)\n  dense(3)\n", {}), /not closed/);
  });

  test("any subnet of a space gives a block that checks cleanly and reads back as the same subnet", () => {
    const quickAnalysis = checkDocument(quick);
    const model = quickAnalysis.spaces.get("QuickFashion")!.model;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let s = seed;
        const random = (): number => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        const genome = sampleUniform(model, random);
        const choices = Object.fromEntries(genomeValues(model, genome));
        const {
          result,
          after,
          analysis: edited,
        } = editOf(quick, {
          space: "QuickFashion",
          name: "pick",
          choices,
          measured: { accuracy: 75.5, latency: 0.42 },
        });
        assert.deepEqual(result.notes, []);
        assertChecksCleanly(quick, after, result);
        const written = edited.subnets.find((x) => x.decl.name?.name === "pick")!;
        assert.deepEqual(
          activeChoices(model, written.genome!),
          activeChoices(model, genomeFromChoices(model, choices).genome),
        );
      }),
      { numRuns: 40 },
    );
  });
});

describe("suggestSubnetName", () => {
  test("names a subnet by its accuracy and MACs, unique in the file", () => {
    const analysis = checkDocument(fashion);
    assert.equal(suggestSubnetName(analysis, { accuracy: 86.94, macs: 1_423_000 }), "pareto_86p9_1p42M");
    assert.equal(suggestSubnetName(analysis, { macs: 61_300 }), "pareto_61p3k");
    const taken = checkDocument(
      `${fashion}\nsubnet pareto_90p0_2M of FashionMobile {\n}\nsubnet pareto_90p0_2M_2 of FashionMobile {\n}\n`,
    );
    assert.equal(suggestSubnetName(taken, { accuracy: 90, macs: 2e6 }), "pareto_90p0_2M_3");
  });
});

describe("genomeFromChoices", () => {
  const model = checkDocument(fashion).spaces.get("FashionMobile")!.model;

  test("takes every logged choice as it is", () => {
    const choices = runChoices(checkDocument(fashion), "FashionMobile", {
      resolution: 24,
      "s2[1].kernel": 3,
    });
    const { genome, notes } = genomeFromChoices(model, choices);
    assert.deepEqual(notes, []);
    assert.equal(activeChoices(model, genome)["s2[1].kernel"], 3);
    assert.equal(activeChoices(model, genome).resolution, 24);
  });

  test("says which paths are gone and which are new", () => {
    const { notes } = genomeFromChoices(model, { resolution: 24, "s9.depth": 2 });
    assert.ok(notes.some((n) => n.includes("s9.depth") && n.includes("no longer")));
    assert.ok(notes.some((n) => n.includes("s1.depth") && n.includes("largest")));
  });
});
