/** The plan of a subnet: the op instances the engine runs, with ids it shares weights by. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { largestGenome, smallestGenome } from "../../server/language/encoding";
import { opSteps, planSubnet } from "../../server/language/plan";
import { buildCleanSpace } from "./spaces";
import { readFixture } from "./fixtures";

describe("planSubnet", () => {
  const { model } = buildCleanSpace(readFixture("example.nas"));

  test("gives every op instance its own id, also within one labelled line", () => {
    const ids = opSteps(planSubnet(model, largestGenome(model)).steps).map((s) => `${s.id} ${s.spec.name}`);
    assert.deepEqual(ids, [
      "stem/0 conv",
      "stem/1 bn",
      "stem/2 relu",
      "s1[0]/0 mbconv",
      "s1[1]/0 mbconv",
      "s2[0]/0 mbconv",
      "s2[1]/0 mbconv",
      "s2[2]/0 mbconv",
      "head/0 gap",
      "head/1 dense",
    ]);
  });

  test("the smallest subnet's ops keep the ids they have in the largest", () => {
    const largest = new Map(
      opSteps(planSubnet(model, largestGenome(model)).steps).map((s) => [s.id, s.source]),
    );
    for (const step of opSteps(planSubnet(model, smallestGenome(model)).steps))
      assert.equal(largest.get(step.id), step.source, step.id);
  });
});
