import type { Comment, NumberUnit, NumberValue, Token } from "./tokens";
import { PUNCTUATION } from "./tokens";

export interface LexError {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface LexResult {
  readonly tokens: Token[];
  readonly comments: Comment[];
  readonly errors: LexError[];
}

const UNITS: readonly NumberUnit[] = ["min", "us", "ms", "k", "M", "G", "%", "s", "h"];
const UNIT_SCALE: Record<NumberUnit, number> = {
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  "%": 1,
  us: 1e-3,
  ms: 1,
  s: 1e3,
  min: 60e3,
  h: 3600e3,
};

/** Spacing other than a line break: skipped between tokens. */
export function isBlank(c: string): boolean {
  return c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v" || c === "\uFEFF";
}

function isIdentStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c);
}
function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

/**
 * Splits a number token's text into its value and unit. Times are in milliseconds, percents stay in
 * percent. A suffix that is no unit (already a lexical error) is ignored, so the value is never NaN.
 */
export function numberValue(text: string): NumberValue {
  const digits = /^[0-9]*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text)?.[0] ?? "";
  const unit = UNITS.find((u) => u === text.slice(digits.length)) ?? "";
  return { value: Number(digits) * UNIT_SCALE[unit], unit };
}

/**
 * Tokenizes the text, or the part of it from `from` to `to` (offsets stay those of the whole
 * text; the incremental parser re-lexes one window this way). Never throws: unknown characters
 * become `invalid` tokens with an error. The `eof` token stands at `to`.
 */
export function lex(text: string, from = 0, to = text.length, newlineAtStart = true): LexResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const errors: LexError[] = [];
  let i = from;
  let newlineBefore = newlineAtStart;
  const push = (kind: Token["kind"], start: number, end: number): void => {
    tokens.push({ kind, text: text.slice(start, end), start, end, newlineBefore });
    newlineBefore = false;
  };
  while (i < to) {
    const c = text[i];
    if (c === "\n") {
      newlineBefore = true;
      i++;
      continue;
    }
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? to : end;
      comments.push({ start: i, end: stop, text: text.slice(i, stop).replace(/\r$/, ""), line: true });
      i = stop;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      const stop = close < 0 ? to : close + 2;
      if (close < 0) errors.push({ start: i, end: stop, message: "unterminated block comment: add `*/`" });
      comments.push({ start: i, end: stop, text: text.slice(i, stop), line: false });
      if (text.slice(i, stop).includes("\n")) newlineBefore = true;
      i = stop;
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < to && isIdentPart(text[i])) i++;
      push("ident", start, i);
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(text[i + 1] ?? "") && text[i - 1] !== ".")) {
      const start = i;
      while (i < to && isDigit(text[i])) i++;
      // A decimal point, but not the `..` of a range.
      if (text[i] === "." && text[i + 1] !== "." && isDigit(text[i + 1] ?? "")) {
        i++;
        while (i < to && isDigit(text[i])) i++;
      }
      if ((text[i] === "e" || text[i] === "E") && /[0-9+-]/.test(text[i + 1] ?? "")) {
        const save = i;
        i++;
        if (text[i] === "+" || text[i] === "-") i++;
        if (isDigit(text[i] ?? "")) while (i < to && isDigit(text[i])) i++;
        else i = save;
      }
      const unit = UNITS.find((u) => text.startsWith(u, i) && !isIdentPart(text[i + u.length] ?? ""));
      if (unit) i += unit.length;
      else if (isIdentStart(text[i] ?? "")) {
        const badStart = i;
        while (i < to && isIdentPart(text[i])) i++;
        errors.push({
          start: badStart,
          end: i,
          message: `unknown number suffix \`${text.slice(badStart, i)}\`: expected one of k, M, G, %, us, ms, s, min, h`,
        });
      }
      push("number", start, i);
      continue;
    }
    if (c === '"') {
      const start = i;
      i++;
      while (i < to && text[i] !== '"' && text[i] !== "\n") {
        // An escape covers the next character, but never a line break or the end of the text.
        if (text[i] === "\\" && i + 1 < to && text[i + 1] !== "\n") i++;
        i++;
      }
      if (text[i] === '"') i++;
      else errors.push({ start, end: i, message: 'unterminated string: add a closing `"`' });
      push("string", start, i);
      continue;
    }
    const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
    if (punct) {
      push("punct", i, i + punct.length);
      i += punct.length;
      continue;
    }
    const width = c.codePointAt(0)! > 0xffff ? 2 : 1;
    errors.push({
      start: i,
      end: i + width,
      message: `unexpected character \`${text.slice(i, i + width)}\``,
    });
    push("invalid", i, i + width);
    i += width;
  }
  tokens.push({ kind: "eof", text: "", start: to, end: to, newlineBefore: true });
  return { tokens, comments, errors };
}

/** The decoded content of a string literal token (without quotes, escapes resolved). */
export function stringValue(tokenText: string): string {
  const inner = tokenText.startsWith('"')
    ? tokenText.slice(1, tokenText.endsWith('"') && tokenText.length > 1 ? -1 : undefined)
    : tokenText;
  return inner.replace(/\\(.)/g, (_m, ch: string) => (ch === "n" ? "\n" : ch === "t" ? "\t" : ch));
}
