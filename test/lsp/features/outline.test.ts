import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { DocumentSymbol, Range } from "vscode-languageserver";
import { FoldingRangeKind, SymbolKind } from "vscode-languageserver-types";
import { documentSymbols } from "../../../server/lsp/features/documentSymbols";
import { foldingRanges } from "../../../server/lsp/features/folding";
import { EXAMPLE, checked } from "./fixture";

function inside(inner: Range, outer: Range): boolean {
  const le = (a: Range["start"], b: Range["start"]): boolean =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

function tree(symbols: readonly DocumentSymbol[]): unknown[] {
  return symbols.map((s) => (s.children?.length ? { [s.name]: tree(s.children) } : s.name));
}

describe("document symbols", () => {
  test("the outline: space > stages and labelled layers; search; subnet", () => {
    const { doc, analysis } = checked(EXAMPLE);
    const symbols = documentSymbols(doc, analysis);
    assert.deepEqual(tree(symbols), [{ FashionMobile: ["stem", "s1", "s2", "head"] }, "Quick", "small_fast"]);
    assert.deepEqual(
      symbols.map((s) => s.kind),
      [SymbolKind.Class, SymbolKind.Event, SymbolKind.Object],
    );
    assert.match(symbols[0].detail ?? "", /^3\.7e5 subnets \(370,440\) · \S+ to \S+ MACs$/);
    assert.equal(symbols[0].children?.[1].detail, "depth {1, 2}");
    assert.equal(symbols[1].detail, "on FashionMobile");
    assert.match(symbols[2].detail ?? "", /^of FashionMobile · \S+ MACs · \S+ params$/);
  });

  test("every selection range lies inside its symbol's range, and children inside their parent", () => {
    const { doc, analysis } = checked(EXAMPLE);
    const check = (symbols: readonly DocumentSymbol[], parent: Range | undefined): void => {
      for (const s of symbols) {
        assert.ok(inside(s.selectionRange, s.range), s.name);
        if (parent) assert.ok(inside(s.range, parent), s.name);
        check(s.children ?? [], s.range);
      }
    };
    check(documentSymbols(doc, analysis), undefined);
  });

  test("a labelled layer inside a stage is the stage's child; unnamed declarations are left out", () => {
    const { doc, analysis } = checked(
      "space A {\n  stage s depth in {1, 2} {\n    blk: conv(out: 8, kernel: 3)\n  }\n}\nsearch {\n}\n",
    );
    assert.deepEqual(tree(documentSymbols(doc, analysis)), [{ A: [{ s: ["blk"] }] }]);
  });
});

describe("folding ranges", () => {
  test("blocks fold up to the line before their closing brace; one-line blocks do not fold", () => {
    const { doc, analysis } = checked(EXAMPLE);
    const braces = foldingRanges(doc, analysis).filter((r) => r.kind === undefined);
    // space (lines 1–15), s1 (8–10), s2 (11–13), search (17–30), objectives (18–22), subnet (32–39).
    assert.deepEqual(
      braces.map((r) => [r.startLine, r.endLine]),
      [
        [1, 14],
        [8, 9],
        [11, 12],
        [17, 29],
        [18, 21],
        [32, 38],
      ],
    );
  });

  test("block comments and runs of whole-line comments fold as comments; a trailing comment does not", () => {
    const text = "/* a\n   b */\n// one\n// two\n// three\nspace A { // trailing\n}\n";
    const { doc, analysis } = checked(text);
    assert.deepEqual(
      foldingRanges(doc, analysis).map((r) => [r.startLine, r.endLine, r.kind]),
      [
        [0, 1, FoldingRangeKind.Comment],
        [2, 4, FoldingRangeKind.Comment],
      ],
    );
  });
});
