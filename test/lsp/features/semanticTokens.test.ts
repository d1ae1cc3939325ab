import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from "../../../server/lsp/features/semanticTokens";
import { EXAMPLE, checked } from "./fixture";

interface Decoded {
  readonly text: string;
  readonly line: number;
  readonly type: string;
  readonly declaration: boolean;
}

/** Undoes the LSP delta encoding. */
function decode(doc: TextDocument, data: readonly number[]): Decoded[] {
  const out: Decoded[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dLine, dChar, length, type, mods] = data.slice(i, i + 5);
    line += dLine;
    char = dLine === 0 ? char + dChar : dChar;
    const start = { line, character: char };
    out.push({
      text: doc.getText({ start, end: { line, character: char + length } }),
      line,
      type: SEMANTIC_TOKENS_LEGEND.tokenTypes[type],
      declaration: (mods & 1) === 1,
    });
  }
  return out;
}

function tokensOf(text: string): Decoded[] {
  const { doc, analysis } = checked(text);
  return decode(doc, semanticTokens(doc, analysis).data);
}

describe("semantic tokens", () => {
  const tokens = tokensOf(EXAMPLE);
  const typeOf = (text: string, nth = 0): { type: string; declaration: boolean } => {
    const t = tokens.filter((x) => x.text === text)[nth];
    assert.ok(t, `a token \`${text}\``);
    return { type: t.type, declaration: t.declaration };
  };

  test("the legend has the documented types", () => {
    assert.deepEqual(SEMANTIC_TOKENS_LEGEND.tokenTypes, [
      "keyword",
      "type",
      "namespace",
      "variable",
      "function",
      "parameter",
      "property",
      "number",
      "string",
      "comment",
    ]);
  });

  test("names by what they resolve to, declarations marked", () => {
    assert.deepEqual(typeOf("FashionMobile"), { type: "type", declaration: true });
    assert.deepEqual(typeOf("FashionMobile", 1), { type: "type", declaration: false });
    assert.deepEqual(typeOf("s2"), { type: "namespace", declaration: true });
    assert.deepEqual(typeOf("s2", 1), { type: "namespace", declaration: false });
    assert.equal(typeOf("stem").type, "variable");
    assert.equal(typeOf("mbconv").type, "function");
    assert.equal(typeOf("kernel").type, "parameter");
    assert.equal(typeOf("macs").type, "property");
    assert.equal(typeOf("epochs").type, "parameter");
    assert.equal(typeOf("linas").type, "function");
  });

  test("keywords, numbers and comments", () => {
    assert.equal(typeOf("space").type, "keyword");
    assert.equal(typeOf("stage").type, "keyword");
    assert.equal(typeOf("maximize").type, "keyword");
    assert.equal(typeOf("28").type, "number");
    assert.equal(typeOf("2ms").type, "number");
    assert.equal(tokens[0].type, "comment");
    assert.match(tokens[0].text, /^\/\/ Fashion-MNIST/);
  });

  test("a path's last name is an argument, `depth` included", () => {
    const inSubnet = tokens.filter((t) => t.line >= 32);
    assert.equal(inSubnet.find((t) => t.text === "depth")?.type, "parameter");
    assert.equal(inSubnet.find((t) => t.text === "resolution")?.type, "keyword");
  });

  test("strings, and a block comment becomes one token per line", () => {
    const t = tokensOf('/* one\n   two */\nspace A {\n  dataset idx("a.gz", "b.gz")\n}\n');
    assert.deepEqual(
      t.filter((x) => x.type === "comment").map((x) => x.text),
      ["/* one", "   two */"],
    );
    assert.deepEqual(
      t.filter((x) => x.type === "string").map((x) => x.text),
      ['"a.gz"', '"b.gz"'],
    );
    assert.equal(t.find((x) => x.text === "idx")?.type, "function");
  });

  test("tokens come in document order and do not overlap", () => {
    const { doc, analysis } = checked(EXAMPLE);
    const data = semanticTokens(doc, analysis).data;
    // Deltas are never negative, and on the same line a token starts after the previous one ends.
    for (let i = 5; i < data.length; i += 5) {
      assert.ok(data[i] >= 0 && data[i + 1] >= 0);
      if (data[i] === 0)
        assert.ok(data[i + 1] >= data[i - 3], `token ${i / 5} does not overlap the previous one`);
    }
  });
});
