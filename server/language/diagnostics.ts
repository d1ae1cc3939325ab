/** Diagnostics produced by the parser and checker, in document offsets. */
import type { RelatedSpan, Span } from "./ast";

export type Severity = "error" | "warning" | "info" | "hint";

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix a person would almost always want (shown first, applied by "fix all"). */
  readonly preferred?: boolean;
}

export interface Diagnostic extends Span {
  readonly severity: Severity;
  /** A stable code such as `unknown-op`; documented in docs/language.md. */
  readonly code: string;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  /** Marks unnecessary code (faded in editors), e.g. a duplicate choice. */
  readonly unnecessary?: boolean;
  /** Another place the diagnostic is about, e.g. the first of two declarations. */
  readonly related?: RelatedSpan;
}

/** A diagnostic `delta` characters further on in the text, with its fixes and related place. */
export function moveDiagnostic(d: Diagnostic, delta: number): Diagnostic {
  if (delta === 0) return d;
  const move = <T extends Span>(x: T): T => ({ ...x, start: x.start + delta, end: x.end + delta });
  return {
    ...move(d),
    ...(d.fixes ? { fixes: d.fixes.map((f) => ({ ...f, edits: f.edits.map(move) })) } : {}),
    ...(d.related ? { related: move(d.related) } : {}),
  };
}
