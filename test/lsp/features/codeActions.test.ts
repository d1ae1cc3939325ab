import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from "vscode-languageserver";
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag } from "vscode-languageserver-types";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../../../server/language/diagnostics";
import { codeActions, compatiblePreferredFixes } from "../../../server/lsp/features/codeActions";
import type { DiagnosticData } from "../../../server/lsp/features/diagnostics";
import { diagnostics } from "../../../server/lsp/features/diagnostics";
import { EXAMPLE, URI, checked } from "./fixture";

const BAD_KERNEL = EXAMPLE.replace("s2[0] { out = 32, kernel = 5", "s2[0] { out = 32, kernel = 4");
const DUPLICATE_CHOICE = EXAMPLE.replace("kernel in {3, 5, 7}", "kernel in {3, 5, 5, 7}");

function actionsAt(
  text: string,
  needle: string,
  only?: string[],
): { doc: TextDocument; actions: CodeAction[] } {
  const { doc, analysis } = checked(text);
  const offset = text.indexOf(needle);
  const range = { start: doc.positionAt(offset), end: doc.positionAt(offset) };
  const context = { diagnostics: diagnostics(doc, analysis), ...(only ? { only } : {}) };
  return { doc, actions: codeActions(doc, analysis, { textDocument: { uri: URI }, range, context }) };
}

function apply(doc: TextDocument, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[URI] ?? [];
  assert.ok(edits.length > 0, "the action edits the document");
  return TextDocument.applyEdits(doc, edits);
}

function codes(text: string): string[] {
  return checked(text).analysis.diagnostics.map((d) => d.code);
}

describe("diagnostics", () => {
  test("carry range, severity, code, source, and their fixes in data", () => {
    const { doc, analysis } = checked(BAD_KERNEL);
    const [d] = diagnostics(doc, analysis).filter((x) => x.code === "not-a-choice");
    assert.equal(doc.getText(d.range), "4");
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.source, "supernet");
    assert.ok(typeof d.message === "string");
    assert.match(d.message, /must be one of \{3, 5, 7\}; got 4/);
    const data = d.data as DiagnosticData;
    assert.equal(data.fixes[0].preferred, true);
    assert.deepEqual(data.fixes[0].edits, [{ range: d.range, newText: "3" }]);
  });

  test("unnecessary code is tagged, and only that", () => {
    const { doc, analysis } = checked(DUPLICATE_CHOICE);
    const all: LspDiagnostic[] = diagnostics(doc, analysis);
    assert.deepEqual(
      all.filter((d) => d.tags?.includes(DiagnosticTag.Unnecessary)).map((d) => d.code),
      ["duplicate-choice"],
    );
  });
});

describe("code actions", () => {
  test("a quick fix snaps a value to the nearest choice, and the diagnostic is gone after re-checking", () => {
    assert.ok(codes(BAD_KERNEL).includes("not-a-choice"));
    const { doc, actions } = actionsAt(BAD_KERNEL, "4, expand = 4 }");
    const fix = actions.find((a) => a.kind === CodeActionKind.QuickFix);
    assert.ok(fix);
    assert.equal(fix.title, "Change to 3 (the nearest choice)");
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.diagnostics?.[0].code, "not-a-choice");
    const fixed = apply(doc, fix);
    assert.match(fixed, /kernel = 3, expand = 4/);
    assert.ok(!codes(fixed).includes("not-a-choice"));
  });

  test("removing a duplicate choice leaves a valid set", () => {
    const { doc, actions } = actionsAt(DUPLICATE_CHOICE, "5, 7}");
    const fix = actions.find((a) => a.kind === CodeActionKind.QuickFix);
    assert.ok(fix);
    const fixed = apply(doc, fix);
    assert.match(fixed, /kernel in \{3, 5, 7\}/);
    assert.ok(!codes(fixed).includes("duplicate-choice"));
  });

  test("no quick fixes away from a diagnostic", () => {
    const { actions } = actionsAt(BAD_KERNEL, "budget");
    assert.deepEqual(
      actions.filter((a) => a.kind === CodeActionKind.QuickFix),
      [],
    );
  });

  test("fix all applies every preferred fix in one edit", () => {
    const both = BAD_KERNEL.replace("kernel in {3, 5, 7}", "kernel in {3, 5, 5, 7}").replace(
      "maximize accuracy",
      "maximize acuracy",
    );
    assert.deepEqual(
      ["not-a-choice", "duplicate-choice", "unknown-metric"].filter((c) => codes(both).includes(c)),
      ["not-a-choice", "duplicate-choice", "unknown-metric"],
    );
    const { doc, actions } = actionsAt(both, "search", [CodeActionKind.SourceFixAll]);
    assert.deepEqual(
      actions.map((a) => a.kind),
      [CodeActionKind.SourceFixAll],
    );
    const fixed = apply(doc, actions[0]);
    assert.deepEqual(
      codes(fixed).filter((c) => ["not-a-choice", "duplicate-choice", "unknown-metric"].includes(c)),
      [],
    );
  });

  test("`only: quickfix` leaves out fix all; nothing to fix gives no fix all", () => {
    const quick = actionsAt(BAD_KERNEL, "4, expand = 4 }", [CodeActionKind.QuickFix]).actions;
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === CodeActionKind.QuickFix));
    assert.deepEqual(actionsAt(EXAMPLE, "search", [CodeActionKind.SourceFixAll]).actions, []);
  });

  test("fix all skips a fix whose edits overlap one already taken", () => {
    const fix = (start: number, end: number, preferred = true): Diagnostic => ({
      start,
      end,
      severity: "error",
      code: "x",
      message: "x",
      fixes: [{ title: `fix ${start}`, edits: [{ start, end, newText: "y" }], preferred }],
    });
    const taken = compatiblePreferredFixes([fix(0, 4), fix(2, 6), fix(6, 8), fix(6, 6), fix(10, 12, false)]);
    assert.deepEqual(
      taken.map((f) => f.title),
      ["fix 0", "fix 6"],
    );
  });
});
