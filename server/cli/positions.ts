/** Offsets to 1-based line/column for command-line output (the LSP side uses TextDocument directly). */
import { TextDocument } from "vscode-languageserver-textdocument";

export interface LineCol {
  readonly line: number;
  readonly column: number;
}

export function lineColumns(text: string): (offset: number) => LineCol {
  const doc = TextDocument.create("file:///x.nas", "nas", 0, text);
  return (offset) => {
    const p = doc.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
}
