/**
 * For generated and mutated texts, the checker never throws, always terminates, and every
 * diagnostic (and every edit of its fixes) lies inside the document.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { checkDocument } from "../../server/language/checker";
import { readFixture } from "./fixtures";
import { SEEDS, VOCABULARY, mutate, mutation } from "./mutations";

/** Runs per property; `NAS_PROPERTY_RUNS=20000` searches harder. */
const RUNS = Number(process.env.NAS_PROPERTY_RUNS ?? 1000);
const TIMEOUT = { timeout: 120_000 }; // a hang fails the test instead of stalling the run

function assertFinite(range: { min: number; max: number } | undefined, what: string): void {
  if (range)
    assert.ok(
      Number.isFinite(range.min) && Number.isFinite(range.max) && range.min <= range.max,
      `${what} ${range.min}..${range.max}`,
    );
}

function assertWellFormed(text: string): void {
  const { diagnostics, spaces, subnets } = checkDocument(text);
  for (const [name, { analysis }] of spaces) {
    assertFinite(analysis.macs, `${name} MACs`);
    assertFinite(analysis.params, `${name} params`);
    assert.ok(analysis.size >= 1n, `${name} size ${analysis.size}`);
  }
  for (const { cost } of subnets) {
    if (cost)
      assert.ok(
        Number.isFinite(cost.macs) && Number.isFinite(cost.params),
        `subnet costs ${cost.macs}, ${cost.params}`,
      );
  }
  for (const d of diagnostics) {
    assert.ok(
      0 <= d.start && d.start <= d.end && d.end <= text.length,
      `${d.code} at ${d.start}..${d.end} of ${text.length}`,
    );
    for (const fix of d.fixes ?? []) {
      for (const e of fix.edits)
        assert.ok(
          0 <= e.start && e.start <= e.end && e.end <= text.length,
          `fix of ${d.code} at ${e.start}..${e.end}`,
        );
    }
  }
}

const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(" ", " ", "", "\n", "  ")), {
    maxLength: 120,
  })
  .map((parts) => parts.map(([token, gap]) => token + gap).join(""));

const mutated = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([seed, mutations]) => mutations.reduce(mutate, seed));

describe("checkDocument on generated and mutated texts", () => {
  test("the seeds include the design example and the fixtures", () => {
    assert.ok(SEEDS.length > 50);
    assert.ok(SEEDS.includes(readFixture("example.nas")));
  });

  test("token soups from the language's vocabulary", TIMEOUT, () => {
    fc.assert(fc.property(tokenSoup, assertWellFormed), { numRuns: RUNS });
  });

  test("random mutations of the example and the fixtures", TIMEOUT, () => {
    fc.assert(fc.property(mutated, assertWellFormed), { numRuns: RUNS });
  });

  test("every prefix of the example (typing it from the start)", () => {
    const example = readFixture("example.nas");
    for (let end = 0; end <= example.length; end++) assertWellFormed(example.slice(0, end));
  });
});
