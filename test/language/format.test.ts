import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import type { TextEdit } from "../../server/language/diagnostics";
import { formatDocument, formatText } from "../../server/language/format";
import { lex } from "../../server/language/lexer";

const example = readFileSync(new URL("../fixtures/format/fashion.nas", import.meta.url), "utf8");
const two = { indent: 2 };

function format(text: string, indent = 2): string {
  const out = formatText(text, { indent });
  assert.ok(out !== undefined, `formatting declined:\n${text}`);
  return out;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Tokens and comments in document order, as the formatter must keep them (a line comment's trailing blanks aside). */
function words(text: string): string[] {
  const { tokens, comments } = lex(text);
  return [
    ...tokens.filter((t) => t.kind !== "eof").map((t) => ({ at: t.start, text: t.text })),
    ...comments.map((c) => ({ at: c.start, text: c.line ? c.text.trimEnd() : c.text })),
  ]
    .sort((a, b) => a.at - b.at)
    .map((w) => w.text);
}

/** What must hold for any text the formatter accepts. */
function checkFormatting(text: string): string | undefined {
  const out = formatText(text, two);
  if (out === undefined) {
    assert.equal(formatDocument(text, two), undefined);
    return undefined;
  }
  assert.deepEqual(words(out), words(text), "tokens or comments changed");
  assert.equal(formatText(out, two), out, "not idempotent");
  assert.deepEqual(formatDocument(out, two), []);
  assert.equal(applyEdits(text, formatDocument(text, two) ?? []), out);
  if (out !== "")
    assert.ok(out.endsWith("\n") && !/\n\s*\n$/.test(out), "must end with exactly one line break");
  const lexed = lex(text);
  if (lexed.errors.length === 0 && lexed.comments.every((c) => c.line)) {
    assert.ok(!/[ \t]\r?\n/.test(out), "trailing whitespace");
    assert.ok(!/\n\r?\n\r?\n/.test(out), "more than one blank line");
  }
  return out;
}

describe("formatDocument", () => {
  test("leaves the design document's example exactly as it is", () => {
    assert.equal(format(example), example);
    assert.deepEqual(formatDocument(example, two), []);
  });

  test("tidies spacing, indentation, blank lines and braces", () => {
    const messy = [
      "",
      "",
      "// top   ",
      "space   X{input image( 28,28 ,1 )",
      "",
      "",
      "",
      "   resolution in{ 20 , 24 }   // side",
      "stem : conv( out : 16 , kernel in 3 .. 7 step 2 ) bn",
      "\tstage s1 depth in {1,2} {mbconv(out: 24,",
      "kernel: 3)",
      "",
      "}",
      "}",
      "subnet a of X { s1[ 0 ] {kernel=3,expand=2}  /* b */ s1 . depth=1 }",
      "search q on X {",
      "",
      "  constraint latency<=2ms",
      "  train {epochs:6}",
      "}   ",
    ].join("\n");
    const tidy = [
      "// top",
      "space X {",
      "  input image(28, 28, 1)",
      "",
      "  resolution in {20, 24}      // side",
      "  stem: conv(out: 16, kernel in 3..7 step 2) bn",
      "  stage s1 depth in {1, 2} {",
      "    mbconv(out: 24,",
      "      kernel: 3)",
      "  }",
      "}",
      "subnet a of X { s1[0] { kernel = 3, expand = 2 } /* b */ s1.depth = 1 }",
      "search q on X {",
      "  constraint latency <= 2ms",
      "  train { epochs: 6 }",
      "}",
      "",
    ].join("\n");
    assert.equal(format(messy), tidy);
  });

  test("indents by the requested width", () => {
    assert.equal(
      format("space X {\nstage s depth in {1, 2} {\nconv(out: 8,\nkernel: 3)\n}\n}"),
      "space X {\n  stage s depth in {1, 2} {\n    conv(out: 8,\n      kernel: 3)\n  }\n}\n",
    );
    assert.equal(
      format("space X {\nstage s depth in {1, 2} {\nconv(out: 8)\n}\n}", 4),
      "space X {\n    stage s depth in {1, 2} {\n        conv(out: 8)\n    }\n}\n",
    );
  });

  test("a trailing comment keeps its column when the code leaves room, else gets one space", () => {
    assert.equal(format("seed 7      // a\nseed 7// b\n"), "seed 7      // a\nseed 7 // b\n");
    // The code before the comment got longer than the comment's column.
    assert.equal(format("seed  x:1,2  // c\n"), "seed x: 1, 2 // c\n");
    assert.equal(format("x:1,2     // c\n"), "x: 1, 2   // c\n");
  });

  test("keeps a comment after an opening brace on its line and breaks after it", () => {
    assert.equal(
      format("space X { // note\ninput image(1, 1, 1) }"),
      "space X { // note\n  input image(1, 1, 1)\n}\n",
    );
    assert.equal(
      format("space X { /* a */ input image(1, 1, 1)\n}"),
      "space X { /* a */\n  input image(1, 1, 1)\n}\n",
    );
  });

  test("keeps block comments verbatim, trailing blanks included", () => {
    const text = "/* one   \n   two */ space X {\n}\n";
    assert.equal(format(text), text);
  });

  test("keeps empty blocks and indents comments before a closing brace", () => {
    assert.equal(format("space X {}\nsearch S on X {\n\n}\n"), "space X {}\nsearch S on X {\n}\n");
    assert.equal(format("space X {\nseed 1\n// last\n}"), "space X {\n  seed 1\n  // last\n}\n");
  });

  test("keeps the document's CRLF line breaks", () => {
    assert.equal(
      format("space X {\r\n  seed 1   \r\n\r\n\r\n  seed 2\r\n}"),
      "space X {\r\n  seed 1\r\n\r\n  seed 2\r\n}\r\n",
    );
  });

  test("never glues tokens into different ones", () => {
    assert.equal(format("a. 5\n"), "a. 5\n");
    assert.equal(format("x in 1.. .5\n"), "x in 1.. .5\n");
    assert.equal(format("budget 2 ms\n"), "budget 2 ms\n");
    assert.equal(format("a / / b - 1\n"), "a / / b - 1\n");
  });

  test("declines when brackets do not pair up or a block comment is not closed", () => {
    assert.equal(formatDocument("space X {\n  stage s depth in {1, 2} {\n}", two), undefined);
    assert.equal(formatDocument("space X (\n}", two), undefined);
    assert.equal(formatDocument("space X {\n}\n)", two), undefined);
    assert.equal(formatDocument("space X {\n}\n/* open", two), undefined);
  });

  test("an empty or blank document formats to nothing", () => {
    assert.deepEqual(formatDocument("", two), []);
    assert.deepEqual(formatDocument(" \n\n", two), [{ start: 0, end: 3, newText: "" }]);
  });

  test("edits touch only the whitespace between tokens", () => {
    const text = "space X{\n    input image(28,28,1)\n}";
    const edits = formatDocument(text, two);
    assert.deepEqual(edits, [
      { start: 7, end: 7, newText: " " },
      { start: 8, end: 13, newText: "\n  " },
      { start: 28, end: 28, newText: " " },
      { start: 31, end: 31, newText: " " },
      { start: 35, end: 35, newText: "\n" },
    ]);
    assert.equal(applyEdits(text, edits ?? []), "space X {\n  input image(28, 28, 1)\n}\n");
  });
});

// ── properties ─────────────────────────────────────────────────────────────────

const words_ = [
  "space",
  "stage",
  "subnet",
  "search",
  "in",
  "depth",
  "step",
  "conv",
  "measured",
  "x",
  "s1",
  "_a9",
];
const numbers = ["0", "16", "1.5", "2ms", "150k", "86.9%", ".5", "1e3", "3"];
const strings = ['"a b"', '""', '"x\\"y"'];
const puncts = ["..", "<=", ">=", ",", ":", "=", ".", "<", ">", ";"];
const comments = ["// note\n", "// trailing   \n", "/* c */", "/* two\n  lines */"];
const oddChars = ["@", "-", "+", "#", "%", "é"];
const separators = ["", "", " ", "  ", "\n", "\n\n\n", "\t", "\r\n", " \n  "];

const atom = fc.constantFrom(...words_, ...numbers, ...strings, ...puncts, ...comments, ...oddChars);
const separator = fc.constantFrom(...separators);
const soup = (parts: fc.Arbitrary<string>) =>
  fc.array(fc.tuple(separator, parts), { maxLength: 40 }).map((xs) => xs.flat().join(""));

/** Token soups whose brackets pair up: the formatter must accept them. */
const balanced: fc.Arbitrary<string> = fc
  .letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      atom,
      fc
        .tuple(
          fc.constantFrom(["{", "}"], ["(", ")"], ["[", "]"]),
          fc.array(fc.tuple(separator, tie("node")), { maxLength: 6 }),
          separator,
        )
        .map(([[open, close], body, sep]) => open + body.flat().join("") + sep + close),
    ),
  }))
  .node.chain((first) => soup(atom).map((rest) => first + rest));

describe("formatDocument properties", () => {
  test("balanced token soups: accepted, idempotent, tokens and comments kept", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(separator, balanced), { maxLength: 8 }), (parts) => {
        const text = parts.flat().join("");
        assert.ok(checkFormatting(text) !== undefined, `declined a balanced text: ${JSON.stringify(text)}`);
      }),
      { numRuns: 300 },
    );
  });

  test("any token soup: never throws; when it formats, the result keeps every token", () => {
    const wild = fc.constantFrom("{", "}", "(", ")", "[", "]", "/", "*", '"', "/*", "*/", "\\");
    fc.assert(
      fc.property(soup(fc.oneof(atom, wild)), (text) => {
        checkFormatting(text);
      }),
      { numRuns: 300 },
    );
  });

  test("mutations of the example: never throws, idempotent, tokens kept", () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 12 }),
      insert: soup(atom).map((s) => s.slice(0, 30)),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        let text = example;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        checkFormatting(text);
      }),
      { numRuns: 200 },
    );
  });
});
