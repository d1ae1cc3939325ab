/** The checker's diagnostics as LSP diagnostics; each keeps its fixes in `data` for code actions. */
import type { Diagnostic, TextEdit } from "vscode-languageserver";
import { DiagnosticSeverity, DiagnosticTag } from "vscode-languageserver-types";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DocumentAnalysis } from "../../language/checker";
import type { Diagnostic as CheckerDiagnostic, Severity } from "../../language/diagnostics";
import { toRange, toTextEdit } from "./convert";

export const DIAGNOSTIC_SOURCE = "supernet";

/** A fix carried in a diagnostic's `data`, with its edits already in LSP ranges. */
export interface DiagnosticFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly preferred: boolean;
}

export interface DiagnosticData {
  readonly fixes: readonly DiagnosticFix[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function diagnostics(doc: TextDocument, analysis: DocumentAnalysis): Diagnostic[] {
  return analysis.diagnostics.map((d) => toLspDiagnostic(doc, d));
}

export function toLspDiagnostic(doc: TextDocument, d: CheckerDiagnostic): Diagnostic {
  const data: DiagnosticData = {
    fixes: (d.fixes ?? []).map((f) => ({
      title: f.title,
      edits: f.edits.map((e) => toTextEdit(doc, e)),
      preferred: f.preferred === true,
    })),
  };
  return {
    range: toRange(doc, d),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    ...(d.unnecessary ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(d.related
      ? {
          relatedInformation: [
            { location: { uri: doc.uri, range: toRange(doc, d.related) }, message: d.related.message },
          ],
        }
      : {}),
    data,
  };
}
