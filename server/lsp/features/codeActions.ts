/**
 * Code actions: the checker's fixes as quick fixes for the diagnostics in the requested range,
 * and a `source.fixAll` that applies every preferred fix whose edits do not overlap another's.
 * Fixes come from the current analysis (not the client's copy of the diagnostics), so they
 * always match the document version the request is for.
 */
import type { CodeAction, CodeActionParams } from "vscode-languageserver";
import { CodeActionKind } from "vscode-languageserver-types";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DocumentAnalysis } from "../../language/checker";
import type { Diagnostic, Fix, TextEdit as OffsetEdit } from "../../language/diagnostics";
import { toTextEdit } from "./convert";
import { toLspDiagnostic } from "./diagnostics";

export const CODE_ACTION_KINDS: string[] = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll];

/** Whether a kind is requested: `only` absent, or naming the kind or one of its parents. */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export function codeActions(
  doc: TextDocument,
  analysis: DocumentAnalysis,
  params: CodeActionParams,
): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, only)) {
    const start = doc.offsetAt(params.range.start);
    const end = doc.offsetAt(params.range.end);
    for (const d of analysis.diagnostics) {
      if (!d.fixes?.length || d.end < start || d.start > end) continue;
      const diagnostic = toLspDiagnostic(doc, d);
      for (const fix of d.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred === true,
          edit: editOf(doc, fix.edits),
        });
      }
    }
  }
  if (wanted(CodeActionKind.SourceFixAll, only)) {
    const fixes = compatiblePreferredFixes(analysis.diagnostics);
    if (fixes.length > 0) {
      actions.push({
        title: `Fix all (${fixes.length} fix${fixes.length === 1 ? "" : "es"})`,
        kind: CodeActionKind.SourceFixAll,
        edit: editOf(
          doc,
          fixes.flatMap((f) => f.edits),
        ),
      });
    }
  }
  return actions;
}

function editOf(doc: TextDocument, edits: readonly OffsetEdit[]): CodeAction["edit"] {
  return { changes: { [doc.uri]: edits.map((e) => toTextEdit(doc, e)) } };
}

/** Two edits conflict when they overlap, or insert at the same place (their order would be ambiguous). */
function conflict(a: OffsetEdit, b: OffsetEdit): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

/** The preferred fix of every diagnostic that has one, in document order, skipping those that conflict with one taken. */
export function compatiblePreferredFixes(diagnostics: readonly Diagnostic[]): Fix[] {
  const taken: Fix[] = [];
  const edits: OffsetEdit[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes?.find((f) => f.preferred);
    if (!fix || fix.edits.some((e) => edits.some((t) => conflict(e, t)))) continue;
    taken.push(fix);
    edits.push(...fix.edits);
  }
  return taken;
}
