/** Folding ranges: blocks between braces, block comments, and runs of line comments. */
import type { FoldingRange } from "vscode-languageserver";
import { FoldingRangeKind } from "vscode-languageserver-types";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DocumentAnalysis } from "../../language/checker";
import { lex } from "../../language/lexer";

export function foldingRanges(doc: TextDocument, analysis: DocumentAnalysis): FoldingRange[] {
  const line = (offset: number): number => doc.positionAt(offset).line;
  const ranges: FoldingRange[] = [];
  // The closing brace stays visible: a block folds up to the line before it.
  const open: number[] = [];
  for (const t of lex(analysis.file.text).tokens) {
    if (t.kind !== "punct") continue;
    if (t.text === "{") open.push(line(t.start));
    else if (t.text === "}") {
      const startLine = open.pop();
      const endLine = line(t.start) - 1;
      if (startLine !== undefined && endLine > startLine) ranges.push({ startLine, endLine });
    }
  }
  let run: { startLine: number; endLine: number } | undefined;
  const endRun = (): void => {
    if (run && run.endLine > run.startLine) ranges.push({ ...run, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const c of analysis.file.comments) {
    const [startLine, endLine] = [line(c.start), line(c.end)];
    if (!c.line) {
      endRun();
      if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Comment });
      continue;
    }
    // Consecutive lines holding only a line comment fold together.
    const alone =
      doc.getText({ start: { line: startLine, character: 0 }, end: doc.positionAt(c.start) }).trim() === "";
    if (alone && run && run.endLine === startLine - 1) run.endLine = startLine;
    else {
      endRun();
      if (alone) run = { startLine, endLine: startLine };
    }
  }
  endRun();
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
