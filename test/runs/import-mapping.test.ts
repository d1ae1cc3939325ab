import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { genomeValues, isActive } from "../../server/language/encoding";
import { ImportError } from "../../server/runs/import/importError";
import { OFA_MBV3_MAPPING } from "../../server/runs/import/ofaMobileNetV3";
import type { PyValue } from "../../server/runs/import/pythonLiteral";
import { parsePythonLiteral } from "../../server/runs/import/pythonLiteral";
import { genomeFromSubnet, parseMappingJson, resolveMapping } from "../../server/runs/import/subnetMapping";
import { ofaModel } from "./importFixtures";

const model = ofaModel();
const ofa = resolveMapping(model, OFA_MBV3_MAPPING, "ofa");
const place = { file: "r.csv", line: 7, row: 6, column: "Sub-network" };
const KS = [5, 7, 5, 5, 3, 3, 3, 7, 5, 5, 3, 7, 7, 3, 3, 3, 5, 5, 5, 5];
const E = [4, 3, 4, 4, 4, 6, 3, 4, 4, 3, 4, 3, 3, 6, 6, 6, 4, 3, 4, 4];

function subnet(text: string): Map<string, PyValue> {
  return parsePythonLiteral(text) as Map<string, PyValue>;
}

function row(overrides: Record<string, string> = {}): Map<string, PyValue> {
  const parts = {
    wid: "None",
    ks: `[${KS.join(", ")}]`,
    e: `[${E.join(", ")}]`,
    d: "[2, 3, 2, 4, 3]",
    r: "[224]",
    ...overrides,
  };
  return subnet(
    `{${Object.entries(parts)
      .map(([k, v]) => `'${k}': ${v}`)
      .join(", ")}}`,
  );
}

function fails(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => e instanceof ImportError && message.test(e.message), message.source);
}

describe("sub-network mapping", () => {
  test("DyNAS-T's OFA MobileNetV3 encoding covers every gene of the example space, 4 blocks per stage", () => {
    assert.deepEqual(ofa.unassigned, []);
    assert.deepEqual(
      ofa.keys
        .get("ks")!
        .slice(0, 5)
        .map((g) => g.path),
      ["s1[0].kernel", "s1[1].kernel", "s1[2].kernel", "s1[3].kernel", "s2[0].kernel"],
    );
    assert.equal(ofa.keys.get("e")!.length, 20);
    assert.deepEqual(
      ofa.keys.get("d")!.map((g) => g.path),
      ["s1.depth", "s2.depth", "s3.depth", "s4.depth", "s5.depth"],
    );
    assert.deepEqual([...ofa.ignored], ["wid"]);
  });

  test("a row becomes the canonical genome: active blocks take the row's values, blocks beyond the depth index 0", () => {
    const genome = genomeFromSubnet(model, ofa, row(), place);
    const values = genomeValues(model, genome);
    assert.equal(values.get("resolution"), 224);
    assert.equal(values.get("s4.depth"), 4);
    for (const [i, g] of ofa.keys.get("ks")!.entries()) {
      if (isActive(model, genome, g)) assert.equal(values.get(g.path), KS[i], g.path);
      else assert.equal(genome[g.index], 0, g.path);
    }
    // Values beyond the depth do not matter, even ones that are no choice at all.
    const inactive = [...KS];
    inactive[2] = 9; // s1[2]: stage 1 has depth 2
    assert.deepEqual(genomeFromSubnet(model, ofa, row({ ks: `[${inactive.join(", ")}]` }), place), genome);
  });

  test("a None key and a missing key leave their genes at the largest value", () => {
    const genome = genomeFromSubnet(model, ofa, row({ r: "None" }), place);
    assert.equal(genomeValues(model, genome).get("resolution"), 224);
    const noDepth = new Map([...row()].filter(([k]) => k !== "d"));
    assert.equal(genomeValues(model, genomeFromSubnet(model, ofa, noDepth, place)).get("s3.depth"), 4);
  });

  test("rows that do not fit fail naming the row, the column and the element", () => {
    const active = [...KS];
    active[4] = 9; // s2[0]
    fails(
      () => genomeFromSubnet(model, ofa, row({ ks: `[${active.join(", ")}]` }), place),
      /^r\.csv:7 \(row 6\), column "Sub-network": `ks`\[4\] = 9 is not a choice of s2\[0\]\.kernel \(3, 5, 7\)$/,
    );
    fails(
      () => genomeFromSubnet(model, ofa, row({ d: "[2, 3, 2, 4]" }), place),
      /`d` has 4 values; the mapping expects 5 \(s1\.depth … s5\.depth\)/,
    );
    fails(
      () => genomeFromSubnet(model, ofa, row({ d: "[2, 3, '2', 4, 3]" }), place),
      /`d`\[2\] is the string '2', not a number/,
    );
    fails(
      () => genomeFromSubnet(model, ofa, row({ r: "[100]" }), place),
      /`r`\[0\] = 100 is not a choice of resolution \(128, 132, .*, 224\)/,
    );
    fails(
      () => genomeFromSubnet(model, ofa, row({ num_layers: "[8]" }), place),
      /key `num_layers` is not in the mapping \(it maps `ks`, `e`, `d`, `r` and ignores `wid`; for another supernet give --space FILE\.nas and --mapping FILE\.json\)/,
    );
  });

  test("a mapping that does not fit the space fails naming the key and the path", () => {
    fails(
      () => resolveMapping(model, { ks: ["s1[*].kernal"] }, "m.json"),
      /^m\.json: `ks` maps to `s1\[\*\]\.kernal`, which is no gene of space OFAMobileNetV3 \(did you mean `s1\[\*\]\.kernel`\?\); its genes: resolution, s1\.depth, s1\[0\.\.3\]\.kernel/,
    );
    fails(
      () => resolveMapping(model, { d: "s1.depth", depth: ["s1.depth"] }, "m.json"),
      /^m\.json: gene `s1\.depth` is set by both `d`\[0\] and `depth`\[0\]$/,
    );
    fails(() => parseMappingJson("{", "m.json"), /^m\.json: not JSON/);
    fails(
      () => parseMappingJson(`{"d": 3}`, "m.json"),
      /^m\.json: key "d": each key maps to a gene path, a list of gene paths or null/,
    );
    assert.deepEqual(parseMappingJson(`{"d": ["s1.depth"], "wid": null, "r": "resolution"}`, "m.json"), {
      d: ["s1.depth"],
      wid: null,
      r: "resolution",
    });
  });
});
