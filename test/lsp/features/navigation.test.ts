import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { ResponseError } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { definition, references } from "../../../server/lsp/features/navigation";
import { prepareRename, rename } from "../../../server/lsp/features/rename";
import { EXAMPLE, URI, at, checked, fixture } from "./fixture";

function applyRename(marked: string, newName: string): string {
  const f = fixture(marked);
  const result = rename(f.doc, f.analysis, f.position, newName);
  assert.ok(result && !(result instanceof ResponseError), "a rename edit");
  const edits: TextEdit[] = (result as WorkspaceEdit).changes?.[URI] ?? [];
  return TextDocument.applyEdits(f.doc, edits);
}

function refusal(marked: string, newName: string): string {
  const f = fixture(marked);
  const result = rename(f.doc, f.analysis, f.position, newName);
  assert.ok(result instanceof ResponseError, `renaming to ${newName} is refused`);
  return result.message;
}

describe("definition", () => {
  test("from a stage in a subnet path to the stage's name", () => {
    const f = fixture(at("s2[0] {", 1));
    const loc = definition(f.doc, f.analysis, f.position);
    assert.ok(loc);
    assert.equal(f.doc.getText(loc.range), "s2");
    assert.equal(loc.range.start.line, f.doc.positionAt(EXAMPLE.indexOf("stage s2") + 6).line);
  });

  test("from a space reference to the space", () => {
    const f = fixture(at("FashionMobile {", 2, 1));
    const loc = definition(f.doc, f.analysis, f.position);
    assert.deepEqual(loc?.range.start, f.doc.positionAt(EXAMPLE.indexOf("FashionMobile")));
  });

  test("nothing off a name", () => {
    const f = fixture(at("mbconv(", 2));
    assert.equal(definition(f.doc, f.analysis, f.position), null);
  });
});

describe("references", () => {
  test("of a space, with and without its declaration", () => {
    const f = fixture(at("FashionMobile", 1));
    assert.equal(references(f.doc, f.analysis, f.position, true).length, 3);
    const refs = references(f.doc, f.analysis, f.position, false);
    assert.equal(refs.length, 2);
    assert.ok(refs.every((r) => f.doc.getText(r.range) === "FashionMobile"));
  });

  test("of a stage: each subnet path once, even inside a block assignment", () => {
    const f = fixture(at("s2 depth", 1));
    const refs = references(f.doc, f.analysis, f.position, true);
    assert.deepEqual(
      refs.map((r) => r.range.start.line),
      [11, 36, 37, 38],
    );
  });
});

describe("rename", () => {
  test("of a stage updates its declaration and every subnet path", () => {
    const renamed = applyRename(at("s2 depth", 1), "wide");
    assert.match(renamed, /stage wide depth in \{1, 2, 3\}/);
    assert.match(
      renamed,
      /wide\.depth = 2\n {2}wide\[0\] \{ out = 32, kernel = 5, expand = 4 \}\n {2}wide\[1\] \{/,
    );
    assert.doesNotMatch(renamed, /\bs2\b/);
    // The renamed file checks as cleanly as the original.
    assert.deepEqual(checked(renamed).analysis.diagnostics, checked(EXAMPLE).analysis.diagnostics);
  });

  test("of a stage also updates an empty block assignment", () => {
    const renamed = applyRename(
      "space S {\n  input vector(4)\n  stage b|lk depth in {1, 2} {\n    dense(units in {2, 4})\n  }\n}\nsubnet n of S {\n  blk[0] { }\n}\n",
      "body",
    );
    assert.match(renamed, /body\[0\] \{ \}/);
    assert.doesNotMatch(renamed, /\bblk\b/);
  });

  test("of a space updates the search and the subnet that name it", () => {
    const renamed = applyRename(at("FashionMobile", 3, 2), "Fm");
    assert.equal(renamed.match(/\bFm\b/g)?.length, 3);
    assert.equal(checked(renamed).analysis.diagnostics.length, 0);
  });

  test("prepareRename gives the name's range and text; nothing off a name", () => {
    const f = fixture(at("small_fast", 3));
    const prepared = prepareRename(f.doc, f.analysis, f.position);
    assert.ok(prepared && "placeholder" in prepared);
    assert.equal(prepared.placeholder, "small_fast");
    assert.equal(f.doc.getText(prepared.range), "small_fast");
    const off = fixture(at("budget", 1));
    assert.equal(prepareRename(off.doc, off.analysis, off.position), null);
  });

  test("refuses names that are not identifiers or are reserved", () => {
    assert.match(refusal(at("s2 depth", 1), "2x"), /not a valid name/);
    assert.match(refusal(at("s2 depth", 1), "my stage"), /not a valid name/);
    assert.match(refusal(at("s2 depth", 1), "stage"), /reserved/);
  });

  test("refuses names that clash: stages and layers share one namespace per space", () => {
    assert.match(refusal(at("s2 depth", 1), "s1"), /a stage named `s1` already exists in FashionMobile/);
    assert.match(refusal(at("s2 depth", 1), "stem"), /a layer named `stem` already exists/);
  });

  test("a name may repeat across kinds that do not share a namespace", () => {
    assert.match(applyRename(at("small_fast", 1), "Quick"), /subnet Quick of FashionMobile/);
  });
});
