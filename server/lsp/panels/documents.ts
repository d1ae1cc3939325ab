/**
 * The document a panel request is about: the open one (its current text and version), else the
 * file on disk. Requests that produce edits need the open document, whose version the edit names.
 */
import { fileURLToPath } from "node:url";
import type { TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { DocumentAnalysis } from "../../language/checker";
import { checkDocument } from "../../language/checker";
import { hostFor, readSource } from "../../io/files";
import type { AnalysisCache } from "../analysisCache";

export interface PanelDocument {
  readonly doc: TextDocument;
  readonly analysis: DocumentAnalysis;
  /** Whether it is open in the editor (and `doc.version` is the editor's). */
  readonly open: boolean;
}

export class PanelDocuments {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: AnalysisCache,
  ) {}

  get(uri: string): PanelDocument | { error: string } {
    const open = this.documents.get(uri);
    if (open) return { doc: open, analysis: this.cache.get(open), open: true };
    if (!uri.startsWith("file:")) return { error: `${uri} is not open` };
    const path = fileURLToPath(uri);
    let text: string;
    try {
      text = readSource(path);
    } catch (e) {
      return { error: `cannot read ${path}: ${(e as Error).message}` };
    }
    return {
      doc: TextDocument.create(uri, "nas", 0, text),
      analysis: checkDocument(text, hostFor(path)),
      open: false,
    };
  }
}
