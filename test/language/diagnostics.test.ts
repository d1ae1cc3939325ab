/**
 * Every diagnostic code the checker emits: a fixture that triggers it (code, severity, message,
 * exact range), a close variant that must not, and every quick fix it offers, applied, makes it go away.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { CheckHost } from "../../server/language/checker";
import { checkDocument } from "../../server/language/checker";
import type { Diagnostic, Severity } from "../../server/language/diagnostics";
import { applyEdits, readFixture } from "./fixtures";

interface Case {
  /** The fixture `test/fixtures/nas/diagnostics/<file>.nas`. */
  readonly file: string;
  readonly code: string;
  readonly severity: Severity;
  /** A part of the message. */
  readonly message: string;
  /** The exact text the diagnostic covers. */
  readonly range: string;
  /** The 1-based line it starts on, where the range text alone is ambiguous. */
  readonly line?: number;
  /** The close variant that must not trigger it: one replacement in the text, and/or another host. */
  readonly near: { readonly replace?: readonly [string, string]; readonly host?: CheckHost };
  /** Errors the close variant still has, on purpose. */
  readonly nearErrors?: readonly string[];
  /** The title of the preferred quick fix. */
  readonly fix?: string;
  readonly host?: CheckHost;
}

const missing = (path: string): CheckHost => ({ fileExists: (p) => p !== path });
const everything: CheckHost = { fileExists: () => true };

// One case per line, as a table.
// prettier-ignore
const CASES: readonly Case[] = [
  // ── syntax ──
  { file: "syntax-top-level", code: "syntax", severity: "error", message: "expected `space`, `search` or `subnet`, got `spaec`", range: "spaec", near: { replace: ["spaec Broken {\n}\n", ""] } },
  { file: "syntax-recovery", code: "syntax", severity: "error", message: "expected `,` or `)` in an argument list, got `kernel`", range: "kernel", near: { replace: ["16 kernel", "16, kernel"] }, nearErrors: ["unknown-op"] },
  // ── ops and arguments ──
  { file: "unknown-op", code: "unknown-op", severity: "error", message: "unknown op `convv`", range: "convv", near: { replace: ["convv", "conv"] }, fix: "Change to `conv`" },
  { file: "unknown-argument", code: "unknown-argument", severity: "error", message: "`conv` has no argument `kernal`; it takes out, kernel, stride, groups", range: "kernal", near: { replace: ["kernal", "kernel"] }, fix: "Change to `kernel`" },
  { file: "too-many-arguments", code: "unknown-argument", severity: "error", message: "too many arguments: `dense` takes units", range: "5", near: { replace: ["dense(4, 5)", "dense(4)"] } },
  { file: "missing-argument", code: "missing-argument", severity: "error", message: "`conv` needs `kernel` (kernel side (odd))", range: "conv", near: { replace: ["conv(out: 16)", "conv(out: 16, kernel: 3)"] }, fix: "Add kernel" },
  { file: "missing-argument-no-parens", code: "missing-argument", severity: "error", message: "`dense` needs `units` (output units)", range: "dense", near: { replace: ["gap dense\n", "gap dense(classes)\n"] }, fix: "Add units" },
  { file: "duplicate-argument", code: "duplicate-argument", severity: "error", message: "`out` is given twice", range: "out: 8", near: { replace: [", out: 8", ""] } },
  { file: "wrong-type", code: "wrong-type", severity: "error", message: "`se` must be `true` or `false`", range: "yes", near: { replace: ["se: yes", "se: true"] } },
  { file: "wrong-type-number", code: "wrong-type", severity: "error", message: "`kernel` must be a number or a choice set", range: '"3"', near: { replace: ['"3"', "3"] } },
  { file: "not-elastic", code: "not-elastic", severity: "error", message: "`stride` cannot be elastic: give one value", range: "{1, 2}", near: { replace: ["stride in {1, 2}", "stride: 2"] } },
  { file: "unlabelled-choice", code: "unlabelled-choice", severity: "warning", message: "label this layer (`name: conv(…)`) so a subnet can address its `out` choice", range: "out in {8, 16}", near: { replace: ["  conv(", "  stem: conv("] } },
  // ── choices ──
  { file: "empty-choices", code: "empty-choices", severity: "error", message: "`kernel` has an empty choice set", range: "{}", near: { replace: ["{}", "{3}"] } },
  { file: "empty-range", code: "empty-choices", severity: "error", message: "the range 32..16 is empty: the end is below the start", range: "32..16", near: { replace: ["32..16", "16..32"] } },
  { file: "duplicate-choice", code: "duplicate-choice", severity: "warning", message: "3 is already a choice of `kernel`", range: "3.0", near: { replace: ["3.0", "7"] }, fix: "Remove the duplicate 3" },
  { file: "non-positive", code: "non-positive", severity: "error", message: "`out` must be at least 1; got 0", range: "0", near: { replace: ["{0, 8}", "{1, 8}"] } },
  { file: "non-integer", code: "non-integer", severity: "error", message: "`kernel` must be an integer; got 4.5", range: "4.5", near: { replace: ["4.5", "5"] } },
  { file: "out-of-range", code: "out-of-range", severity: "error", message: "`rate` must be below 1; got 1.5", range: "1.5", near: { replace: ["1.5", "0.5"] } },
  { file: "range-step", code: "range-step", severity: "error", message: "step 8 does not divide the range 8..30: it would stop at 24", range: "8", line: 4, near: { replace: ["8..30", "8..32"] } },
  { file: "too-many-choices", code: "too-many-choices", severity: "error", message: "the range 1..5000 has 5000 values; at most 4097", range: "1..5000", near: { replace: ["1..5000", "1..4097"] } },
  // ── space declarations ──
  { file: "missing-input", code: "missing-input", severity: "error", message: "this space declares no `input`", range: "Net", near: { replace: ["space Net {\n", "space Net {\n  input image(28, 28, 1)\n"] } },
  { file: "unknown-input", code: "unknown-input", severity: "error", message: "unknown input form `imag`: expected `image`, `vector` or `tokens`", range: "imag", near: { replace: ["imag(", "image("] }, fix: "Change to `image`" },
  { file: "resolution-needs-image", code: "resolution-needs-image", severity: "error", message: "`resolution` applies to image inputs only", range: "resolution in {4, 8}", near: { replace: ["  resolution in {4, 8}\n", ""] } },
  { file: "duplicate-declaration", code: "duplicate-declaration", severity: "error", message: "`dataset` is declared twice in this space", range: "dataset fashion_mnist", near: { replace: ["  dataset fashion_mnist\n", ""] } },
  { file: "unknown-dataset", code: "unknown-dataset", severity: "error", message: "unknown dataset `fashionmnist`", range: "fashionmnist", near: { replace: ["fashionmnist", "fashion_mnist"] }, fix: "Change to `fashion_mnist`" },
  { file: "unknown-classes", code: "unknown-classes", severity: "error", message: "the number of classes is not known to the checker", range: "classes", near: { replace: ["  stem:", "  dataset mnist\n  stem:"] } },
  { file: "dataset-shape", code: "dataset-shape", severity: "error", message: "dataset `mnist` has 28×28×1 images, but the input is declared as image(32, 32, 3)", range: "mnist", near: { replace: ["image(32, 32, 3)", "image(28, 28, 1)"] }, fix: "Change the input to image(28, 28, 1)" },
  { file: "file-not-found", code: "file-not-found", severity: "warning", message: "dataset file `data/images.gz` not found", range: 'idx("data/images.gz", "data/labels.gz", classes: 10)', host: missing("data/images.gz"), near: { host: everything } },
  { file: "checkpoint-not-found", code: "file-not-found", severity: "warning", message: "checkpoint `runs/supernet.ckpt` not found", range: '"runs/supernet.ckpt"', host: missing("runs/supernet.ckpt"), near: { host: everything } },
  { file: "duplicate-name", code: "duplicate-name", severity: "error", message: "`s1` is already the name of a stage in this space", range: "s1", line: 8, near: { replace: ["}\n  stage s1", "}\n  stage s2"] } },
  { file: "duplicate-space", code: "duplicate-name", severity: "error", message: "a space named `Net` is already declared in this file", range: "Net", line: 6, near: { replace: ["space Net {\n  input vector(16)", "space Net2 {\n  input vector(16)"] } },
  { file: "reserved-name", code: "reserved-name", severity: "error", message: "`resolution` is reserved for the input resolution", range: "resolution", near: { replace: ["stage resolution", "stage body"] } },
  { file: "empty-stage", code: "empty-stage", severity: "error", message: "stage `s1` has no layers", range: "s1", near: { replace: ["{\n  }\n", "{\n    conv(out: 16, kernel in {3, 5})\n  }\n"] } },
  // ── shapes ──
  { file: "shape-patchify", code: "shape", severity: "error", message: "patch size 24 is larger than the 20×20 input: no patch fits (when resolution = 20)", range: "patchify", near: { replace: ["size: 24", "size: 4"] } },
  { file: "shape-heads", code: "shape", severity: "error", message: "dim 32 is not divisible by heads 6 (when ", range: "transformer", near: { replace: ["heads in {4, 6}", "heads in {4, 8}"] } },
  { file: "shape-dense-after-image", code: "shape", severity: "error", message: "`dense` after an image needs `gap` or `flatten` first", range: "dense", near: { replace: ["head: dense", "head: gap dense"] } },
  { file: "shape-warning", code: "shape-warning", severity: "warning", message: "stride 2 on a 1×1 input has no effect: the spatial size is already below the stride (when resolution = 4)", range: "conv", line: 6, near: { replace: ["{4, 28}", "{20, 28}"] } },
  { file: "residual-shape", code: "residual-shape", severity: "error", message: "residual shape mismatch: the chain turns 28×28×16 into 28×28×24 (when #1.out = 24)", range: "residual", near: { replace: ["{16, 24}", "{16}"] } },
  { file: "output-shape", code: "output-shape", severity: "error", message: "the space ends in 5 outputs but the dataset has 10 classes", range: "Net", near: { replace: ["dense(5)", "dense(classes)"] } },
  { file: "output-not-vector", code: "output-shape", severity: "error", message: "the space ends in 28×28×16; a classifier must end in a vector", range: "Net", near: { replace: ["relu\n}", "relu\n  head: gap dense(classes)\n}"] } },
  // ── search ──
  { file: "single-objective", code: "single-objective", severity: "info", message: "one objective (accuracy) has no trade-off", range: "objectives {\n    maximize accuracy\n  }", near: { replace: ["accuracy\n  }", "accuracy\n    minimize macs\n  }"] } },
  { file: "no-objectives", code: "no-objectives", severity: "error", message: "this search has no objectives", range: "Quick", near: { replace: ["on Net {\n", "on Net {\n  objectives {\n    maximize accuracy\n    minimize macs\n  }\n"] } },
  { file: "empty-objectives", code: "no-objectives", severity: "error", message: "this search has no objectives", range: "objectives {\n  }", near: { replace: ["objectives {\n  }", "objectives {\n    maximize accuracy\n    minimize params\n  }"] } },
  { file: "constant-objective", code: "constant-objective", severity: "warning", message: "every subnet of Net has the same params (346)", range: "minimize params", near: { replace: ["minimize params", "minimize macs"] } },
  { file: "infeasible-constraint", code: "infeasible-constraint", severity: "error", message: "no subnet of Net can meet params <= 500: its params ranges from 882 to 8.22k", range: "constraint params <= 500", near: { replace: ["<= 500", "<= 5k"] } },
  { file: "redundant-constraint", code: "redundant-constraint", severity: "hint", message: "every subnet of Net meets macs <= 1G (macs ranges from 235k to 2.15M)", range: "constraint macs <= 1G", near: { replace: ["1G", "1M"] } },
  { file: "small-budget", code: "small-budget", severity: "warning", message: "a budget of 10 evaluations is smaller than one population (20)", range: "budget 10 evaluations", near: { replace: ["budget 10", "budget 20"] } },
  { file: "no-budget", code: "no-budget", severity: "warning", message: "this search has no budget", range: "Quick", near: { replace: ["  seed 1\n", "  seed 1\n  budget 20min\n"] } },
  { file: "budget-exceeds-space", code: "budget-exceeds-space", severity: "info", message: "the budget exceeds the space's 40 subnets", range: "budget 100 evaluations", near: { replace: ["budget 100", "budget 40"] } },
  { file: "budget-unit", code: "budget-unit", severity: "error", message: "a budget is `N evaluations` or a duration such as `20min`", range: "40", near: { replace: ["budget 40\n", "budget 40 evaluations\n"] }, fix: "Add `evaluations`" },
  { file: "duplicate-objective", code: "duplicate-objective", severity: "error", message: "`accuracy` is already an objective", range: "maximize accuracy", line: 15, near: { replace: ["    maximize accuracy\n  }", "  }"] } },
  { file: "objective-direction", code: "objective-direction", severity: "warning", message: "maximize macs: macs is usually minimised", range: "maximize macs", near: { replace: ["maximize macs", "minimize macs"] } },
  { file: "unknown-metric", code: "unknown-metric", severity: "error", message: "unknown metric `mac`: expected accuracy, loss, macs, params, latency, model_size", range: "mac", near: { replace: ["minimize mac\n", "minimize macs\n"] }, fix: "Change to `macs`" },
  { file: "accuracy-fraction", code: "accuracy-fraction", severity: "warning", message: "accuracy is in percent: `0.9` means 0.9%; write `90%` for 90%", range: "0.9", near: { replace: ["0.9", "90%"] }, fix: "Change to 90%" },
  { file: "wrong-unit-argument", code: "wrong-unit", severity: "error", message: "`rate` (drop probability in [0, 1)) is a plain number, not in `%`: write `0.1`", range: "10%", near: { replace: ["10%", "0.1"] }, fix: "Change to 0.1" },
  { file: "wrong-unit", code: "wrong-unit", severity: "error", message: "a limit on params cannot be in `ms`", range: "2ms", near: { replace: ["2ms", "2k"] } },
  { file: "unknown-space", code: "unknown-space", severity: "error", message: "no space named `Nett` in this file; spaces: Net", range: "Nett", near: { replace: ["Nett", "Net"] }, fix: "Change to `Net`" },
  { file: "unknown-setting", code: "unknown-setting", severity: "error", message: "`train` has no setting `epoch`", range: "epoch", near: { replace: ["epoch:", "epochs:"] }, fix: "Change to `epochs`" },
  { file: "search-out-of-range", code: "out-of-range", severity: "error", message: "`momentum` must be at most 1; got 1.5", range: "1.5", near: { replace: ["momentum: 1.5", "momentum: 0.9"] } },
  { file: "unknown-strategy", code: "unknown-strategy", severity: "error", message: "unknown strategy `linass`", range: "linass", near: { replace: ["linass", "linas"] }, fix: "Change to `linas`" },
  { file: "unknown-target", code: "unknown-target", severity: "error", message: 'the target is `local` or `remote "NAME"`', range: "cloud", near: { replace: ["cloud", "local"] } },
  // ── subnet ──
  { file: "not-a-choice", code: "not-a-choice", severity: "error", message: "s1[0].kernel must be one of {3, 5}; got 4", range: "4", line: 13, near: { replace: ["kernel = 4", "kernel = 5"] }, fix: "Change to 3 (the nearest choice)" },
  { file: "unknown-path-stage", code: "unknown-path", severity: "error", message: "Net has no stage or layer named `s2`", range: "s2", near: { replace: ["s2.depth", "s1.depth"] }, fix: "Change to `s1`" },
  { file: "unknown-path-layer", code: "unknown-path", severity: "error", message: "Net has no stage or layer named `stme`", range: "stme", near: { replace: ["stme", "stem"] }, fix: "Change to `stem`" },
  { file: "unknown-path-index", code: "unknown-path", severity: "error", message: "s1 has 2 blocks (indices 0 to 1); s1[2] does not exist", range: "2", line: 13, near: { replace: ["s1[2]", "s1[1]"] } },
  { file: "unknown-path-arg", code: "unknown-path", severity: "error", message: "s1[0] has no choice `kernal`; its choices: kernel, expand", range: "kernal", near: { replace: ["kernal", "kernel"] }, fix: "Change to `kernel`" },
  { file: "ambiguous-path", code: "ambiguous-path", severity: "error", message: "`s1[0].kernel` is ambiguous: 2 ops of s1[0] have an elastic `kernel`", range: "s1[0].kernel", near: { replace: ["conv(out: 8, kernel in {3, 5}) dwconv", "conv(out: 8, kernel: 3) dwconv"] } },
  { file: "beyond-depth", code: "beyond-depth", severity: "warning", message: "s1[1] is beyond s1.depth = 1: this choice has no effect", range: "s1[1].kernel = 3", near: { replace: ["s1.depth = 1", "s1.depth = 2"] } },
  { file: "bad-path", code: "bad-path", severity: "error", message: "a block assignment names one stage block", range: "s1", line: 12, near: { replace: ["s1 {", "s1[0] {"] } },
  { file: "duplicate-assignment", code: "duplicate-assignment", severity: "error", message: "stem.out is assigned twice", range: "stem.out = 16", near: { replace: ["  stem.out = 16\n", ""] } },
  { file: "subnet-not-elastic", code: "not-elastic", severity: "error", message: "s1[0].stride is not elastic: it is always 2", range: "1", line: 12, near: { replace: ["s1[0].stride = 1", "s1[0].expand = 2"] } },
  { file: "subnet-wrong-type", code: "wrong-type", severity: "error", message: "stem.out must be one of {8, 16}", range: "big", near: { replace: ["big", "16"] } },
  { file: "stale-measured", code: "stale-measured", severity: "warning", message: "measured macs 2M no longer matches the space: this subnet now has 235k", range: "2M", near: { replace: ["2M", "235k"] }, fix: "Update to 235k" },
  { file: "measured-unknown-metric", code: "unknown-metric", severity: "warning", message: "unknown metric `acuracy` in measured", range: "acuracy", near: { replace: ["acuracy", "accuracy"] }, fix: "Change to `accuracy`" },
];

function fixture(c: Case): string {
  return readFixture(`diagnostics/${c.file}.nas`);
}

function withCode(text: string, code: string, host: CheckHost = {}): Diagnostic[] {
  return checkDocument(text, host).diagnostics.filter((d) => d.code === code);
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

function nearText(c: Case): string {
  const text = fixture(c);
  if (!c.near.replace) return text;
  const [from, to] = c.near.replace;
  assert.equal(text.split(from).length, 2, `\`${from}\` occurs exactly once in ${c.file}.nas`);
  return text.replace(from, to);
}

describe("each diagnostic: a fixture that triggers it", () => {
  for (const c of CASES) {
    test(`${c.code} (${c.file}.nas)`, () => {
      const text = fixture(c);
      const found = withCode(text, c.code, c.host);
      assert.equal(found.length, 1, `one ${c.code}: ${found.map((d) => d.message).join(" | ")}`);
      const [d] = found;
      assert.equal(d.severity, c.severity);
      assert.ok(d.message.includes(c.message), `message: ${d.message}`);
      assert.equal(text.slice(d.start, d.end), c.range);
      if (c.line !== undefined) assert.equal(lineOf(text, d.start), c.line);
      if (c.fix !== undefined) assert.equal(d.fixes?.find((f) => f.preferred)?.title, c.fix);
    });
  }
});

describe("each diagnostic: a close fixture that must not trigger it", () => {
  for (const c of CASES) {
    test(`no ${c.code} (${c.file}.nas, varied)`, () => {
      const all = checkDocument(nearText(c), c.near.host ?? c.host ?? {}).diagnostics;
      assert.deepEqual(
        all.filter((d) => d.code === c.code).map((d) => d.message),
        [],
      );
      const errors = all.filter((d) => d.severity === "error" && !c.nearErrors?.includes(d.code));
      assert.deepEqual(
        errors.map((d) => `${d.code}: ${d.message}`),
        [],
      );
    });
  }
});

describe("each quick fix, applied, removes its diagnostic", () => {
  for (const c of CASES) {
    const text = fixture(c);
    const diagnostics = withCode(text, c.code, c.host);
    diagnostics.forEach((d) =>
      (d.fixes ?? []).forEach((fix) => {
        test(`${c.code} (${c.file}.nas): ${fix.title}`, () => {
          const after = withCode(applyEdits(text, fix.edits), c.code, c.host);
          assert.equal(after.length, diagnostics.length - 1, after.map((a) => a.message).join(" | "));
        });
      }),
    );
  }
});

describe("recovery and coverage", () => {
  test("a syntax error does not hide an unknown op three lines later", () => {
    const text = readFixture("diagnostics/syntax-recovery.nas");
    const found = checkDocument(text).diagnostics.map(
      (d) => `${d.code} ${text.slice(d.start, d.end)} line ${lineOf(text, d.start)}`,
    );
    assert.deepEqual(found, ["syntax kernel line 4", "unknown-op convv line 7"]);
  });

  test("the clean base fixture has no diagnostics", () => {
    assert.deepEqual(checkDocument(readFixture("diagnostics/net.nas")).diagnostics, []);
  });

  test("every code the checker can report has a case", () => {
    // The codes are the hyphenated string literals of the files that report diagnostics, plus the two one-word codes.
    const sources = ["model", "checker", "searchConfig", "analysis", "parser"].map((f) =>
      readFileSync(`server/language/${f}.ts`, "utf8"),
    );
    const literals = new Set(
      sources.flatMap((s) => [...s.matchAll(/"([a-z]+(?:-[a-z]+)+)"/g)].map((m) => m[1])),
    );
    literals.delete("gpu-box"); // the example remote in a parser message
    const codes = new Set([...literals, "syntax", "shape"]);
    const covered = new Set(CASES.map((c) => c.code));
    assert.deepEqual([...codes].filter((c) => !covered.has(c)).sort(), []);
    assert.deepEqual([...covered].filter((c) => !codes.has(c)).sort(), []);
  });
});

describe("the missing-argument fix in awkward places", () => {
  const cases: [string, string][] = [
    ["conv", "conv(out: 16, kernel: 3)"],
    ["conv()", "conv(out: 16, kernel: 3)"],
    ["conv(out: 16)", "conv(out: 16, kernel: 3)"],
    ["conv(out: 16,)", "conv(out: 16, kernel: 3,)"],
    ["conv(out: 16", "conv(out: 16, kernel: 3"],
  ];
  for (const [before, after] of cases) {
    test(`${before} → ${after}`, () => {
      const text = (call: string): string =>
        `space N {\n  input image(8, 8, 1)\n  ${call}\n  gap dense(2)\n}\n`;
      const syntaxErrors = (t: string): number => withCode(t, "syntax").length;
      const [d] = withCode(text(before), "missing-argument");
      const fixed = applyEdits(text(before), d.fixes?.[0]?.edits ?? []);
      assert.equal(fixed, text(after));
      assert.deepEqual(withCode(fixed, "missing-argument"), []);
      assert.equal(syntaxErrors(fixed), syntaxErrors(text(before)));
    });
  }
});

describe("one mistake, one diagnostic", () => {
  const space = (body: string): string =>
    `space Net {\n  input image(28, 28, 1)\n${body}\n  stem: conv(out in {8, 16}, kernel: 3) bn relu\n  head: gap dense(classes)\n}\n`;
  const search = (body: string): string =>
    `${space("  dataset mnist")}\nsearch Q on Net {\n  objectives {\n    maximize accuracy\n${body}\n}\n`;
  const cases: [string, string, string[]][] = [
    [
      "a dataset declared after the layers",
      `${space("")}`.replace("  head: gap dense(classes)\n", "  head: gap dense(classes)\n  dataset mnist\n"),
      [],
    ],
    ["a misspelled dataset (no unknown-classes besides)", space("  dataset mnits"), ["unknown-dataset"]],
    [
      "a limit in the wrong unit (not also infeasible)",
      search("    minimize macs\n  }\n  constraint params <= 2ms\n  budget 10min"),
      ["wrong-unit"],
    ],
    [
      "an unknown second objective (not also single-objective)",
      search("    minimize mac\n  }\n  budget 10min"),
      ["unknown-metric"],
    ],
    [
      "a budget without a unit (not also no-budget)",
      search("    minimize macs\n  }\n  budget 40"),
      ["budget-unit"],
    ],
    [
      "a bad number suffix (costs stay numbers)",
      space("  dataset mnist\n  conv(out: 4, kernel: 3stride)"),
      ["syntax"],
    ],
    [
      "a huge depth (refused, not built)",
      space("  dataset mnist\n  stage s depth 100000000 {\n    bn\n  }"),
      ["out-of-range"],
    ],
    [
      "a huge width (refused: costs would overflow)",
      space("  dataset mnist\n  conv(out: 1e300, kernel: 3)"),
      ["out-of-range"],
    ],
  ];
  for (const [name, text, codes] of cases) {
    test(name, () => {
      const { diagnostics, spaces } = checkDocument(text);
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === "error" || d.severity === "warning").map((d) => d.code),
        codes,
      );
      const { macs, params } = spaces.get("Net")?.analysis ?? {};
      assert.ok(macs && params && [macs.min, macs.max, params.min, params.max].every(Number.isFinite));
    });
  }

  test("a string that ends the file in a backslash stays inside the file", () => {
    const text = 'space Net {\n  dataset idx("a\\';
    for (const d of checkDocument(text).diagnostics)
      assert.ok(d.end <= text.length, `${d.code} ends at ${d.end}`);
  });
});

describe("related places", () => {
  test("a missing `)` points at the `(` it would close, and a second `input` at the first", () => {
    const text =
      "space Net {\n  input image(28, 28, 1)\n  stem: conv(out: 8, kernel: 3 bn\n  input vector(4)\n  head: gap dense(10)\n}\n";
    const { diagnostics } = checkDocument(text);
    const paren = diagnostics.find((d) => d.message.startsWith("missing `)`"));
    assert.ok(paren?.related, "the missing-paren error has a related place");
    assert.equal(text.slice(paren.related.start, paren.related.end), "(");
    assert.equal(text.lastIndexOf("(", paren.start), paren.related.start);
    const twice = diagnostics.find((d) => d.code === "duplicate-declaration");
    assert.ok(twice?.related);
    assert.equal(text.slice(twice.related.start, twice.related.end), "input image(28, 28, 1)");
  });
});

describe("ranges inside a subnet block", () => {
  test("a path error inside `s1[0] { … }` covers the assignment's own path, not the block head", () => {
    const text = readFixture("diagnostics/net.nas").replace("s1[0] { kernel = 3,", "s1[0] { kernel.x.y = 3,");
    const d = checkDocument(text).diagnostics.find((x) => x.code === "unknown-path");
    assert.ok(d, "the bad path is reported");
    assert.equal(text.slice(d.start, d.end), "kernel.x.y");
  });
});
