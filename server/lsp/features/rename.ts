/**
 * Rename of spaces, stages, layers, searches and subnets: every occurrence the checker found.
 * Refuses names that are not identifiers, that the language reserves, or that another
 * declaration already uses (stages and layers share one namespace per space).
 */
import type { Position, PrepareRenameResult, WorkspaceEdit } from "vscode-languageserver";
import { LSPErrorCodes, ResponseError } from "vscode-languageserver-protocol";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DocumentAnalysis, SymbolKind, SymbolOccurrence } from "../../language/checker";
import { toRange } from "./convert";
import { occurrencesOf, symbolAt } from "./locate";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Words a name may not take: they start statements or mean something in a path or a value. */
const RESERVED = new Set([
  "space",
  "search",
  "subnet",
  "input",
  "resolution",
  "dataset",
  "stage",
  "residual",
  "depth",
  "in",
  "step",
  "on",
  "of",
  "measured",
  "true",
  "false",
]);

/** Kinds that share one namespace. */
function namespaceOf(kind: SymbolKind): readonly SymbolKind[] {
  return kind === "stage" || kind === "layer" ? ["stage", "layer"] : [kind];
}

function refuse(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

export function prepareRename(
  doc: TextDocument,
  analysis: DocumentAnalysis,
  position: Position,
): PrepareRenameResult | null {
  const symbol = symbolAt(analysis, doc.offsetAt(position));
  return symbol ? { range: toRange(doc, symbol), placeholder: symbol.name } : null;
}

/** Why a new name cannot be used for a symbol, or undefined when it can. */
export function renameProblem(
  analysis: DocumentAnalysis,
  symbol: SymbolOccurrence,
  newName: string,
): string | undefined {
  if (!IDENTIFIER.test(newName))
    return `\`${newName}\` is not a valid name: use letters, digits and _, not starting with a digit`;
  if (RESERVED.has(newName)) return `\`${newName}\` is a reserved word`;
  if (newName === symbol.name) return undefined;
  const kinds = namespaceOf(symbol.kind);
  const clash = analysis.symbols.find(
    (s) => s.definition && s.name === newName && kinds.includes(s.kind) && s.space === symbol.space,
  );
  return clash
    ? `a ${clash.kind} named \`${newName}\` already exists${clash.space ? ` in ${clash.space}` : ""}`
    : undefined;
}

export function rename(
  doc: TextDocument,
  analysis: DocumentAnalysis,
  position: Position,
  newName: string,
): WorkspaceEdit | ResponseError<void> | null {
  const symbol = symbolAt(analysis, doc.offsetAt(position));
  if (!symbol) return null;
  const problem = renameProblem(analysis, symbol, newName);
  if (problem) return refuse(problem);
  const edits = occurrencesOf(analysis, symbol).map((s) => ({ range: toRange(doc, s), newText: newName }));
  return { changes: { [doc.uri]: edits } };
}
