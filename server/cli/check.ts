/** `supernet check FILE...`: gcc-style diagnostics (editors' problem matchers read them), or JSON. */
import { parseArgs } from "node:util";
import { checkDocument } from "../language/checker";
import type { Severity } from "../language/diagnostics";
import { hostFor, readSource } from "../io/files";
import { lineColumns } from "./positions";
import { UsageError } from "./usage";

const GCC_SEVERITY: Record<Severity, string> = {
  error: "error",
  warning: "warning",
  info: "note",
  hint: "note",
};

export interface FileDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  /** Another place the diagnostic is about (printed as a gcc `note:` line). */
  readonly related?: { readonly line: number; readonly column: number; readonly message: string };
}

export function checkFile(file: string): FileDiagnostic[] {
  const text = readSource(file);
  const at = lineColumns(text);
  return checkDocument(text, hostFor(file)).diagnostics.map((d) => {
    const s = at(d.start);
    const e = at(d.end);
    return {
      file,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.related ? { related: { ...at(d.related.start), message: d.related.message } } : {}),
    };
  });
}

export function checkCommand(args: string[], out: (line: string) => void): number {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError("supernet check: name at least one .nas file");
  const all: FileDiagnostic[] = [];
  for (const file of positionals) {
    try {
      all.push(...checkFile(file));
    } catch (e) {
      all.push({
        file,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        severity: "error",
        code: "io",
        message: `cannot read ${file}: ${(e as Error).message}`,
      });
    }
  }
  if (values.json) out(JSON.stringify(all, null, 2));
  else
    for (const d of all) {
      out(`${d.file}:${d.line}:${d.column}: ${GCC_SEVERITY[d.severity]}: ${d.message} [${d.code}]`);
      if (d.related) out(`${d.file}:${d.related.line}:${d.related.column}: note: ${d.related.message}`);
    }
  const errors = all.filter((d) => d.severity === "error").length;
  if (!values.json) {
    const warnings = all.filter((d) => d.severity === "warning").length;
    if (errors + warnings > 0)
      out(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  }
  return errors > 0 ? 1 : 0;
}
