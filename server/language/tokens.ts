/** Tokens of the `.nas` language. Offsets are UTF-16 code-unit offsets into the document text. */

export type TokenKind = "ident" | "number" | "string" | "punct" | "eof" | "invalid";

export interface Token {
  readonly kind: TokenKind;
  /** The exact source text of the token. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** True when a line break stands between this token and the previous one. */
  readonly newlineBefore: boolean;
}

/** A number literal's value after applying its suffix, and the suffix itself. */
export interface NumberValue {
  readonly value: number;
  readonly unit: NumberUnit;
}

export type NumberUnit = "" | "k" | "M" | "G" | "%" | "us" | "ms" | "s" | "min" | "h";

export interface Comment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** A line comment `// …` rather than a block comment. */
  readonly line: boolean;
}

export const PUNCTUATION = [
  "..",
  "<=",
  ">=",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ",",
  ":",
  "=",
  ".",
  "<",
  ">",
  ";",
] as const;
export type Punct = (typeof PUNCTUATION)[number];
