/**
 * For generated and mutated texts, the checker never throws, always terminates, and every
 * diagnostic (and every edit of its fixes) lies inside the document.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { checkDocument } from "../../server/language/checker";
import { lex } from "../../server/language/lexer";
import { METRICS } from "../../server/language/metrics";
import { OPS } from "../../server/language/ops";
import { STRATEGIES, TRAIN_SETTINGS } from "../../server/language/searchConfig";
import { PUNCTUATION } from "../../server/language/tokens";
import { allFixtures, readFixture } from "./fixtures";

const KEYWORDS = [
  "space",
  "search",
  "subnet",
  "input",
  "image",
  "vector",
  "tokens",
  "vocab",
  "resolution",
  "dataset",
  "fashion_mnist",
  "mnist",
  "idx",
  "csv",
  "label",
  "classes",
  "stage",
  "depth",
  "in",
  "step",
  "residual",
  "objectives",
  "maximize",
  "minimize",
  "constraint",
  "train",
  "from",
  "strategy",
  "budget",
  "evaluations",
  "seed",
  "target",
  "local",
  "remote",
  "measured",
  "of",
  "on",
  "true",
  "false",
  "run",
  "s1",
  "stem",
  "Net",
];
const ARGS = [...new Set([...OPS.values()].flatMap((op) => op.args.map((a) => a.name)))];
const NUMBERS = [
  "0",
  "1",
  "2",
  "3",
  "5",
  "7",
  "16",
  "28",
  "4096",
  "2.5",
  "1.5k",
  "2M",
  "1G",
  "2ms",
  "20min",
  "90%",
  "1e3",
  "1e999",
  "4294967296",
  ".5",
  "3x",
];
const OTHER = ['"data/a.gz"', '"unterminated', "//", "/*", "*/", "\n", "\n", "\n", "@", "é", "😀", "\\"];
const VOCABULARY = [
  ...KEYWORDS,
  ...OPS.keys(),
  ...ARGS,
  ...METRICS.keys(),
  ...Object.keys(STRATEGIES),
  ...TRAIN_SETTINGS.map((s) => s.name),
  ...PUNCTUATION,
  ...NUMBERS,
  ...OTHER,
];

/** The texts mutations start from: the design example and every fixture. */
const SEEDS = allFixtures().map(readFixture);

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

type Mutation = readonly [
  "delete" | "insert" | "swapChars" | "swapTokens" | "duplicate",
  number,
  number,
  string,
];

const mutation: fc.Arbitrary<Mutation> = fc.tuple(
  fc.constantFrom("delete", "insert", "swapChars", "swapTokens", "duplicate"),
  fc.nat(),
  fc.nat(),
  fc.constantFrom(...VOCABULARY),
);

function mutate(text: string, [kind, a, b, token]: Mutation): string {
  const n = text.length;
  if (n === 0) return token;
  const i = a % n;
  switch (kind) {
    case "delete":
      return text.slice(0, i) + text.slice(i + 1 + (b % 8));
    case "insert":
      return text.slice(0, i) + (b % 2 ? token : token[b % token.length]) + text.slice(i);
    case "swapChars": {
      const j = b % n;
      const [lo, hi] = i < j ? [i, j] : [j, i];
      return lo === hi
        ? text
        : text.slice(0, lo) + text[hi] + text.slice(lo + 1, hi) + text[lo] + text.slice(hi + 1);
    }
    case "swapTokens": {
      const tokens = lex(text).tokens.filter((t) => t.kind !== "eof");
      if (tokens.length < 2) return text;
      const [x, y] = [tokens[a % tokens.length], tokens[b % tokens.length]].sort((p, q) => p.start - q.start);
      if (x === y) return text;
      return text.slice(0, x.start) + y.text + text.slice(x.end, y.start) + x.text + text.slice(y.end);
    }
    case "duplicate": {
      const len = b % 40;
      return text.slice(0, i) + text.slice(i, i + len) + text.slice(i);
    }
  }
}

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
