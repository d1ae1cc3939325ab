/**
 * The `.nas` formatter: a pretty printer over the lexer's tokens and comments (not the syntax
 * tree), so it works on files with syntax errors too. It only ever changes the whitespace between
 * tokens and comments, and it never joins lines the author broke.
 *
 * Layout rules:
 * - Indentation: one level per line of open brackets (`{`, `(`, `[`); a line starting with a
 *   closing bracket goes back to the level of the line that opened it.
 * - A block whose braces the author wrote on different lines gets its body on lines of its own
 *   (`{` ends a line, `}` starts one); a block written on one line stays on one line as
 *   `{ a = 1, b = 2 }`. A choice set (the braces after `in`) is written `{3, 5, 7}`.
 * - No space before `,` `;` `:` `.` `..` `)` `]`, none after `(` `[` `.` `..`, none between a name
 *   and its `(` or `[`; one space everywhere else (after `,` and `:`, around `=` `<=` `>=` `<` `>`).
 * - At most one blank line in a row, none at the start, right after an opening bracket or right
 *   before a closing one; no trailing whitespace; exactly one line break at the end.
 * - A trailing `//` comment keeps its original column if the code before it leaves room, else it
 *   gets one space. Block comments get one space on each side.
 * - The document's line break (`\r\n` if it uses any, else `\n`) is used throughout.
 *
 * Brackets that do not pair up, or an unterminated block comment or string, make formatting
 * unsafe: the formatter then declines (returns undefined).
 */
import type { TextEdit } from "./diagnostics";
import { lex } from "./lexer";
import type { Token } from "./tokens";

export interface FormatOptions {
  /** Spaces per indentation level. */
  readonly indent: number;
}

interface Item {
  readonly start: number;
  /** End offset of `text` (a line comment's trailing whitespace is left to the gap after it). */
  readonly end: number;
  readonly text: string;
  /** The token, or undefined for a comment. */
  readonly token: Token | undefined;
  readonly lineComment: boolean;
}

/** What the formatter decided for one item: the whitespace that goes before it. */
interface Layout {
  readonly items: readonly Item[];
  readonly gaps: readonly string[];
  /** The whitespace after the last item. */
  readonly tail: string;
}

const OPENERS = new Set(["{", "(", "["]);
const CLOSERS = new Set(["}", ")", "]"]);
const PAIRS: Record<string, string> = { "}": "{", ")": "(", "]": "[" };
const NO_SPACE_BEFORE = new Set([",", ";", ":", ".", "..", ")", "]"]);
const NO_SPACE_AFTER = new Set(["(", "[", ".", ".."]);

/** Edits that format the document, [] when it is already formatted, or undefined when formatting is unsafe. */
export function formatDocument(text: string, options: FormatOptions): TextEdit[] | undefined {
  const layout = lay(text, options);
  if (!layout) return undefined;
  const edits: TextEdit[] = [];
  let prevEnd = 0;
  layout.items.forEach((item, i) => {
    if (text.slice(prevEnd, item.start) !== layout.gaps[i])
      edits.push({ start: prevEnd, end: item.start, newText: layout.gaps[i] });
    prevEnd = item.end;
  });
  if (text.slice(prevEnd) !== layout.tail)
    edits.push({ start: prevEnd, end: text.length, newText: layout.tail });
  return edits;
}

/** The formatted text, or undefined when formatting is unsafe. */
export function formatText(text: string, options: FormatOptions): string | undefined {
  const layout = lay(text, options);
  return layout && render(layout);
}

function render(layout: Layout): string {
  return layout.items.map((item, i) => layout.gaps[i] + item.text).join("") + layout.tail;
}

function lay(text: string, options: FormatOptions): Layout | undefined {
  const { tokens, comments } = lex(text);
  if (comments.some((c) => !c.line && (c.text.length < 4 || !c.text.endsWith("*/")))) return undefined;
  // An unterminated string runs to the end of its line, so it would take in what the layout puts there.
  if (tokens.some((t) => t.kind === "string" && !isClosedString(t.text))) return undefined;
  const items: Item[] = [
    ...tokens
      .filter((t) => t.kind !== "eof")
      .map((t) => ({ start: t.start, end: t.end, text: t.text, token: t, lineComment: false })),
    ...comments.map((c) => {
      const body = c.line ? c.text.trimEnd() : c.text;
      return {
        start: c.start,
        end: c.start + body.length,
        text: body,
        token: undefined,
        lineComment: c.line,
      };
    }),
  ].sort((a, b) => a.start - b.start);
  const partner = pairBrackets(items);
  if (!partner) return undefined;

  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const newlines = items.map((item, i) => countNewlines(text, i === 0 ? 0 : items[i - 1].end, item.start));
  const choiceSet = (i: number): boolean => isChoiceOpen(items, i) || isChoiceOpen(items, partner[i]);
  const multiLine = (open: number): boolean => newlines.slice(open + 1, partner[open] + 1).some((n) => n > 0);
  const forced = forcedBreaks(
    items,
    newlines,
    partner,
    (i) => punct(items[i]) === "{" && !choiceSet(i) && multiLine(i),
  );

  const gaps: string[] = [];
  const stack: number[] = []; // for each open bracket, the level of the line it is on
  let level = 0;
  let column = 0;
  items.forEach((item, i) => {
    let gap: string;
    if (i > 0 && (newlines[i] > 0 || forced.has(i) || items[i - 1].lineComment)) {
      const closer = CLOSERS.has(punct(item) ?? "");
      const blank = newlines[i] > 1 && !OPENERS.has(punct(items[i - 1]) ?? "") && !closer;
      level = closer ? stack[stack.length - 1] : stack.length > 0 ? stack[stack.length - 1] + 1 : 0;
      gap = eol.repeat(blank ? 2 : 1) + " ".repeat(level * options.indent);
    } else if (i === 0) gap = "";
    else gap = separator(text, items, i, column, partner, choiceSet);
    gaps.push(gap);
    column = advance(advance(column, gap), item.text);
    const p = punct(item);
    if (p && OPENERS.has(p)) stack.push(level);
    else if (p && CLOSERS.has(p)) stack.pop();
  });
  const layout = { items, gaps, tail: items.length > 0 ? eol : "" };
  assertSameTokens(text, layout);
  return layout;
}

/** For each item, the index of the bracket it pairs with (-1 if it is no bracket); undefined when brackets do not pair up. */
function pairBrackets(items: readonly Item[]): number[] | undefined {
  const partner = items.map(() => -1);
  const open: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const p = punct(items[i]);
    if (p && OPENERS.has(p)) open.push(i);
    else if (p && CLOSERS.has(p)) {
      const o = open.pop();
      if (o === undefined || punct(items[o]) !== PAIRS[p]) return undefined;
      partner[o] = i;
      partner[i] = o;
    }
  }
  return open.length === 0 ? partner : undefined;
}

/**
 * Line breaks the layout adds: after the `{` of a multi-line block (past any comment on the same
 * line) and before its `}`.
 */
function forcedBreaks(
  items: readonly Item[],
  newlines: readonly number[],
  partner: readonly number[],
  isMultiLineBlock: (i: number) => boolean,
): Set<number> {
  const forced = new Set<number>();
  items.forEach((_, open) => {
    if (!isMultiLineBlock(open)) return;
    let first = open + 1;
    while (!items[first].token && newlines[first] === 0) first++;
    forced.add(first);
    forced.add(partner[open]);
  });
  return forced;
}

/** The whitespace between two items on the same line. */
function separator(
  text: string,
  items: readonly Item[],
  i: number,
  column: number,
  partner: readonly number[],
  choiceSet: (i: number) => boolean,
): string {
  const prev = items[i - 1];
  const item = items[i];
  if (item.lineComment) {
    // Keep the author's column where the code leaves room, so aligned comments stay aligned.
    const originalColumn = item.start - (text.lastIndexOf("\n", item.start - 1) + 1);
    return " ".repeat(originalColumn > column ? originalColumn - column : 1);
  }
  if (!prev.token || !item.token) return " ";
  const a = prev.token;
  const b = item.token;
  if (a.kind === "invalid" || b.kind === "invalid") return " ";
  const space = tokenSpace(a, b, i, partner, choiceSet);
  // Never glue two tokens into something that lexes differently (`1` `.` `5`, `..` `.5`).
  return space || gluesSafely(a.text, b.text) ? space : " ";
}

function tokenSpace(
  a: Token,
  b: Token,
  i: number,
  partner: readonly number[],
  choiceSet: (i: number) => boolean,
): string {
  const pa = a.kind === "punct" ? a.text : undefined;
  const pb = b.kind === "punct" ? b.text : undefined;
  if (pb && NO_SPACE_BEFORE.has(pb)) return "";
  if (pa && NO_SPACE_AFTER.has(pa)) return "";
  if (pb === "(" || pb === "[") return a.kind === "ident" ? "" : " ";
  if (pa === "{") return choiceSet(i - 1) || partner[i - 1] === i ? "" : " ";
  if (pb === "}") return choiceSet(i) ? "" : " ";
  return " ";
}

function gluesSafely(a: string, b: string): boolean {
  const { tokens, comments } = lex(a + b);
  return comments.length === 0 && tokens.length === 3 && tokens[0].text === a && tokens[1].text === b;
}

/** Whether item i is the `{` of a choice set: it follows the word `in`. */
function isChoiceOpen(items: readonly Item[], i: number): boolean {
  if (punct(items[i]) !== "{") return false;
  for (let j = i - 1; j >= 0; j--) {
    const t = items[j].token;
    if (t) return t.kind === "ident" && t.text === "in";
  }
  return false;
}

function isClosedString(text: string): boolean {
  if (text.length < 2 || !text.endsWith('"')) return false;
  const body = text.slice(1, -1);
  // The closing quote is real unless an odd number of backslashes escapes it.
  return (body.length - body.replace(/\\+$/, "").length) % 2 === 0;
}

function punct(item: Item | undefined): string | undefined {
  return item?.token?.kind === "punct" ? item.token.text : undefined;
}

/** The column after writing `s` at `column`. */
function advance(column: number, s: string): number {
  const lastBreak = s.lastIndexOf("\n");
  return lastBreak < 0 ? column + s.length : s.length - lastBreak - 1;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The formatter's one promise, checked: the tokens and comments are exactly the original ones. */
function assertSameTokens(original: string, layout: Layout): void {
  const formatted = lex(render(layout));
  const before = layout.items.map((item) => item.text);
  const after = [
    ...formatted.tokens.filter((t) => t.kind !== "eof").map((t) => ({ start: t.start, text: t.text })),
    ...formatted.comments.map((c) => ({ start: c.start, text: c.line ? c.text.trimEnd() : c.text })),
  ]
    .sort((x, y) => x.start - y.start)
    .map((x) => x.text);
  if (before.length !== after.length || before.some((t, k) => t !== after[k])) {
    throw new Error(
      `formatter bug: formatting changed the tokens of a ${original.length}-character document`,
    );
  }
}
