/**
 * Semantic tokens (full document): names classified by what the checker resolved them to
 * (space, stage, layer, op, argument, metric), keywords, numbers, strings and comments.
 */
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as A from "../../language/ast";
import type { DocumentAnalysis, SymbolKind } from "../../language/checker";
import { lex } from "../../language/lexer";
import { KEYWORDS } from "./keywords";
import { forEachOpCall } from "./locate";

const TOKEN_TYPES = [
  "keyword",
  "type",
  "namespace",
  "variable",
  "function",
  "parameter",
  "property",
  "number",
  "string",
  "comment",
] as const;
const TOKEN_MODIFIERS = ["declaration"] as const;

export type SemanticTokenType = (typeof TOKEN_TYPES)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

const SYMBOL_TYPES: Record<SymbolKind, SemanticTokenType> = {
  space: "type",
  stage: "namespace",
  layer: "variable",
  search: "variable",
  subnet: "variable",
};

/** Words that are keywords wherever the parser did not resolve them to something else. */
const KEYWORD_WORDS = new Set([...KEYWORDS.keys(), "true", "false", "evaluation", "evals"]);

interface Classified {
  readonly start: number;
  readonly end: number;
  /** Index into the legend's token types. */
  readonly type: number;
  readonly declaration: boolean;
}

const typeIndex = (type: SemanticTokenType): number => TOKEN_TYPES.indexOf(type);

export function semanticTokens(doc: TextDocument, analysis: DocumentAnalysis): SemanticTokens {
  return { data: encode(doc.getText(), classify(analysis)) };
}

/** What the checker resolved names to, by start offset (the first classification of a place wins). */
function resolvedNames(analysis: DocumentAnalysis): Map<number, { type: number; declaration: boolean }> {
  const marks = new Map<number, { type: number; declaration: boolean }>();
  const mark = (span: A.Span | undefined, type: SemanticTokenType, declaration = false): void => {
    if (span && !marks.has(span.start)) marks.set(span.start, { type: typeIndex(type), declaration });
  };
  for (const s of analysis.symbols) mark(s, SYMBOL_TYPES[s.kind], s.definition);
  const settings = (args: readonly A.Arg[]): void => {
    for (const a of args) {
      mark(a.name, "parameter");
      if (a.value?.kind === "call") call(a.value);
    }
  };
  const call = (c: A.CallExpr): void => {
    mark(c.callee, "function");
    settings(c.args);
  };
  for (const item of analysis.file.items) {
    if (item.kind === "space") {
      forEachOpCall(item.items, (op) => {
        mark(op.name, "function");
        for (const a of op.args ?? []) mark(a.name, "parameter");
      });
      for (const i of item.items) {
        if (i.kind === "input") {
          mark(i.form, "function");
          settings(i.args);
        } else if (i.kind === "dataset" && i.source?.kind === "call") call(i.source);
      }
    } else if (item.kind === "search") {
      for (const i of item.items) {
        if (i.kind === "objectives") for (const e of i.entries) mark(e.metric, "property");
        else if (i.kind === "constraint") mark(i.metric, "property");
        else if (i.kind === "train") settings(i.settings);
        else if (i.kind === "strategy" && i.value?.kind === "call") call(i.value);
        else if (i.kind === "strategy") mark(i.value, "function");
      }
    } else if (item.kind === "subnet") {
      const leaf = (a: A.Assignment): void => {
        const segments = a.path.segments;
        const last = segments[segments.length - 1];
        if (last && (segments.length > 1 || last.name.name !== "resolution")) mark(last.name, "parameter");
      };
      for (const i of item.items) {
        if (i.kind === "assign") leaf(i);
        else if (i.kind === "blockAssign") i.assignments.forEach(leaf);
        else if (i.kind === "measured") for (const e of i.entries) mark(e.name, "property");
      }
    }
  }
  return marks;
}

/** Every classified token in document order: the lexer's tokens merged with comment lines. */
function classify(analysis: DocumentAnalysis): Classified[] {
  const names = resolvedNames(analysis);
  const text = analysis.file.text;
  // Tokens cannot span lines for clients without multi-line token support: one per comment line.
  const comments: Classified[] = [];
  for (const c of analysis.file.comments) {
    let start = c.start;
    for (const piece of text.slice(c.start, c.end).split("\n")) {
      const length = piece.endsWith("\r") ? piece.length - 1 : piece.length;
      if (length > 0)
        comments.push({ start, end: start + length, type: typeIndex("comment"), declaration: false });
      start += piece.length + 1;
    }
  }
  const out: Classified[] = [];
  let c = 0;
  for (const t of lex(text).tokens) {
    while (c < comments.length && comments[c].start < t.start) out.push(comments[c++]);
    const name = names.get(t.start);
    if (name) out.push({ start: t.start, end: t.end, ...name });
    else if (t.kind === "number" || t.kind === "string")
      out.push({ start: t.start, end: t.end, type: typeIndex(t.kind), declaration: false });
    else if (t.kind === "ident" && KEYWORD_WORDS.has(t.text))
      out.push({ start: t.start, end: t.end, type: typeIndex("keyword"), declaration: false });
  }
  out.push(...comments.slice(c));
  return out;
}

/** The LSP encoding: per token, line and start deltas from the previous one, length, type, modifiers. */
function encode(text: string, tokens: readonly Classified[]): number[] {
  const data: number[] = [];
  let line = 0;
  let lineStart = 0;
  let prevLine = 0;
  let prevChar = 0;
  for (const t of tokens) {
    // Lines are counted along the way: tokens come in document order.
    for (
      let nl = text.indexOf("\n", lineStart);
      nl >= 0 && nl < t.start;
      nl = text.indexOf("\n", lineStart)
    ) {
      line++;
      lineStart = nl + 1;
    }
    const character = t.start - lineStart;
    data.push(
      line - prevLine,
      line === prevLine ? character - prevChar : character,
      t.end - t.start,
      t.type,
      t.declaration ? 1 : 0,
    );
    prevLine = line;
    prevChar = character;
  }
  return data;
}
