/** Conversions between the checker's offsets and LSP positions, ranges and edits. */
import type { Range, TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Span } from "../../language/ast";
import type { TextEdit as OffsetEdit } from "../../language/diagnostics";

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function toTextEdit(doc: TextDocument, edit: OffsetEdit): TextEdit {
  return { range: toRange(doc, edit), newText: edit.newText };
}

/** Whether a cursor at `offset` touches the span (its end included, so `name|` is on the name). */
export function touches(span: Span | undefined, offset: number): boolean {
  return span !== undefined && span.start <= offset && offset <= span.end;
}
