/**
 * One analysis per document version: every request on the same version reuses it. A new version
 * is parsed incrementally from the previous one's syntax tree.
 */
import { fileURLToPath } from "node:url";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { CheckHost, DocumentAnalysis } from "../language/checker";
import { checkDocument, checkFile } from "../language/checker";
import { parse } from "../language/parser";
import { reparse } from "../language/reparse";
import { hostFor } from "../io/files";

export class AnalysisCache {
  constructor(private readonly log: (message: string) => void = () => undefined) {}

  private readonly entries = new Map<string, { version: number; analysis: DocumentAnalysis }>();

  get(doc: TextDocument): DocumentAnalysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    const analysis = safeCheck(doc.getText(), hit?.analysis, hostForUri(doc.uri), this.log);
    this.entries.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

/** Files named in a document resolve against its folder; unsaved documents check no files. */
function hostForUri(uri: string): CheckHost {
  return uri.startsWith("file:") ? hostFor(fileURLToPath(uri)) : {};
}

/**
 * A checker bug must never take the server down: the document then shows one diagnostic that
 * says so, and the stack goes to the server's log.
 */
function safeCheck(
  text: string,
  previous: DocumentAnalysis | undefined,
  host: CheckHost,
  log: (message: string) => void,
): DocumentAnalysis {
  try {
    return previous ? checkFile(reparse(previous.file, text), host, previous) : checkFile(parse(text), host);
  } catch (e) {
    log(`checker failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    const empty = checkDocument("");
    const message = `internal error while checking this file (please report it): ${e instanceof Error ? e.message : String(e)}`;
    return { ...empty, diagnostics: [{ start: 0, end: 0, severity: "error", code: "internal", message }] };
  }
}
