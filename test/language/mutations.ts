/** Random edits of `.nas` texts for the property tests: the words they use and the seeds they start from. */
import fc from "fast-check";
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
export const VOCABULARY = [
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
export const SEEDS = allFixtures().map(readFixture);

export type Mutation = readonly [
  "delete" | "insert" | "swapChars" | "swapTokens" | "duplicate",
  number,
  number,
  string,
];

export const mutation: fc.Arbitrary<Mutation> = fc.tuple(
  fc.constantFrom("delete", "insert", "swapChars", "swapTokens", "duplicate"),
  fc.nat(),
  fc.nat(),
  fc.constantFrom(...VOCABULARY),
);

export function mutate(text: string, [kind, a, b, token]: Mutation): string {
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
