/** Go to definition and find references, over the checker's symbol occurrences. */
import type { Location, Position } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DocumentAnalysis } from "../../language/checker";
import { toRange } from "./convert";
import { occurrencesOf, symbolAt } from "./locate";

export function definition(
  doc: TextDocument,
  analysis: DocumentAnalysis,
  position: Position,
): Location | null {
  const symbol = symbolAt(analysis, doc.offsetAt(position));
  const def = symbol && occurrencesOf(analysis, symbol).find((s) => s.definition);
  return def ? { uri: doc.uri, range: toRange(doc, def) } : null;
}

export function references(
  doc: TextDocument,
  analysis: DocumentAnalysis,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const symbol = symbolAt(analysis, doc.offsetAt(position));
  if (!symbol) return [];
  return occurrencesOf(analysis, symbol)
    .filter((s) => includeDeclaration || !s.definition)
    .map((s) => ({ uri: doc.uri, range: toRange(doc, s) }));
}
