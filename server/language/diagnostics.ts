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

/**
 * A diagnostic, syntax error or comment `delta` characters further on in the text, with its fixes'
 * edits and its related place.
 */
export function movedBy<T extends Span & { readonly related?: RelatedSpan; readonly fixes?: readonly Fix[] }>(
  x: T,
  delta: number,
): T {
  if (delta === 0) return x;
  const move = <S extends Span>(span: S): S => ({
    ...span,
    start: span.start + delta,
    end: span.end + delta,
  });
  return {
    ...move(x),
    ...(x.fixes ? { fixes: x.fixes.map((f) => ({ ...f, edits: f.edits.map(move) })) } : {}),
    ...(x.related ? { related: move(x.related) } : {}),
  };
}
