/** The design document's whole example (space-language.md) checks without errors. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkDocument } from "../../server/language/checker";
import { readFixture } from "./fixtures";

const text = readFixture("example.nas");

describe("the design document's example", () => {
  const result = checkDocument(text);

  test("has no errors; only the made-up measured MACs and params are reported stale", () => {
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.severity} ${d.code} ${text.slice(d.start, d.end)}`),
      ["warning stale-measured 1.42M", "warning stale-measured 61.3k"],
    );
  });

  test("its space has 3 · 20 · 6174 = 370,440 subnets", () => {
    // resolution 3; s1: depth 1 → 2·2 = 4, depth 2 → 16, so 20; s2 blocks: 2 outs · 3 kernels · 3 expands = 18,
    // depth 1..3 → 18 + 324 + 5832 = 6174.
    assert.equal(result.spaces.get("FashionMobile")?.analysis.size, 370440n);
  });

  test("the subnet small_fast costs what is worked out by hand", () => {
    // 24×24×1 in. stem conv 3×3 → 16: params 144, MACs 144·576 = 82,944; bn 32 params.
    // s1[0] mbconv(24, k3, e2, s2) 24×24×16 → 12×12×24, mid 32: MACs 16·32·576 + 9·32·144 + 32·24·144
    //   = 294,912 + 41,472 + 110,592; params (512 + 64) + (288 + 64) + (768 + 48) = 1,744.
    // s2[0] mbconv(32, k5, e4, s2, se) 12×12×24 → 6×6×32, mid 96, se 24: MACs 24·96·144 + 25·96·36 + 2·96·24
    //   + 96·32·36 = 331,776 + 86,400 + 4,608 + 110,592; params 2,496 + 2,592 + 4,728 + 3,136 = 12,952.
    // s2[1] mbconv(40 (unassigned: largest), k3, e2, s1, se) 6×6×32 → 6×6×40, mid 64, se 16: MACs 32·64·36 + 9·64·36
    //   + 2·64·16 + 64·40·36 = 73,728 + 20,736 + 2,048 + 92,160; params 2,176 + 704 + 2,128 + 2,640 = 7,648.
    // head gap dense(10) on 40: MACs 400, params 410.
    const subnet = result.subnets.find((s) => s.decl.name?.name === "small_fast");
    assert.equal(subnet?.cost?.macs, 1_252_368);
    assert.equal(subnet?.cost?.params, 176 + 1_744 + 12_952 + 7_648 + 410);
  });
});
