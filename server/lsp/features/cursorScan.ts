/**
 * What surrounds the cursor, read from the tokens before it (and, for argument lists, after it):
 * the open brackets with the statement that opened each, and the current statement's tokens.
 * Works on any text, however incomplete, which the syntax tree alone cannot promise.
 */
import type { NasFile, Span } from "../../language/ast";
import { lex } from "../../language/lexer";
import type { Comment, Token } from "../../language/tokens";

export interface Frame {
  /** The `{`, `(` or `[` that opened the frame; undefined for the top level. */
  readonly opener: Token | undefined;
  /** The tokens of the statement before the opener (`stage s2 depth in {1, 2} ` for a stage body). */
  readonly header: readonly Token[];
  /** The current statement's tokens (nested groups included). */
  stmt: Token[];
  /** Every token inside the frame before the cursor (nested groups included). */
  readonly inside: Token[];
}

export interface CursorScan {
  /** The top level first, the innermost open bracket last. */
  readonly frames: readonly Frame[];
  /** The tokens of the statement the cursor is in, before the word being typed. */
  readonly stmt: readonly Token[];
  /** The identifier or number the cursor is in or at the end of. */
  readonly word: Token | undefined;
  /** Tokens inside the innermost frame after the cursor (up to its closing bracket). */
  readonly afterInFrame: readonly Token[];
  /** The cursor is in a comment or a string: nothing to complete. */
  readonly inert: boolean;
}

const OPENERS = new Set(["{", "(", "["]);
const CLOSERS = new Set(["}", ")", "]"]);
const PAIRS: Readonly<Record<string, string>> = { "}": "{", ")": "(", "]": "[" };
const TOP_KEYWORDS = new Set(["space", "search", "subnet"]);

function topFrame(): Frame {
  return { opener: undefined, header: [], stmt: [], inside: [] };
}

export function isPunct(t: Token | undefined, text: string): boolean {
  return t?.kind === "punct" && t.text === text;
}

function statementBreaksOnNewline(frame: Frame): boolean {
  return frame.opener === undefined || frame.opener.text === "{";
}

/**
 * The part of a text to read for a cursor, so that completion in a long file does not lex all of
 * it: the header of the declaration the cursor is in (up to its `{`), and its body from the last
 * statement the parser found before the cursor's line to the first after it (statements in a body
 * break at line ends, so the parser's view of the line being typed is not relied on).
 */
export interface ScanWindow {
  readonly header?: Span;
  readonly from: number;
  readonly to: number;
}

/** The last of a list of spans (in document order) that starts at or before an offset. */
function lastStartingBy(spans: readonly Span[], offset: number): number {
  let k = -1;
  while (k + 1 < spans.length && spans[k + 1].start <= offset) k++;
  return k;
}

export function scanWindow(file: NasFile, offset: number): ScanWindow {
  const k = lastStartingBy(file.items, offset);
  const to = file.items[k + 1]?.start ?? file.text.length;
  const decl = file.items[k];
  if (!decl) return { from: 0, to };
  if (decl.kind === "error" || decl.open === undefined || offset <= decl.open)
    return { from: decl.start, to };
  const body: readonly Span[] = decl.items;
  const lineStart = file.text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = file.text.indexOf("\n", offset);
  const before = lastStartingBy(body, lineStart - 1);
  const after = body[lastStartingBy(body, lineEnd < 0 ? file.text.length : lineEnd) + 1];
  return {
    header: { start: decl.start, end: decl.open + 1 },
    from: before < 0 ? decl.open + 1 : body[before].start,
    to: after?.start ?? to,
  };
}

/** Lexes a region of the text, with offsets into the whole text (the end-of-file token left out). */
function lexRegion(text: string, region: Span): { tokens: Token[]; comments: Comment[] } {
  const shift = <T extends Span>(x: T): T => ({
    ...x,
    start: x.start + region.start,
    end: x.end + region.start,
  });
  const { tokens, comments } = lex(text.slice(region.start, region.end));
  return { tokens: tokens.filter((t) => t.kind !== "eof").map(shift), comments: comments.map(shift) };
}

export function scanCursor(
  text: string,
  offset: number,
  window: ScanWindow = { from: 0, to: text.length },
): CursorScan {
  const header = window.header ? lexRegion(text, window.header).tokens : [];
  const body = lexRegion(text, { start: window.from, end: window.to });
  const comments = body.comments;
  const tokens: Token[] = [
    ...header,
    ...body.tokens,
    { kind: "eof", text: "", start: window.to, end: window.to, newlineBefore: true },
  ];
  const inComment = comments.some(
    (c) => c.start < offset && (offset < c.end || (c.line && offset === c.end)),
  );
  const inString = tokens.some(
    (t) =>
      t.kind === "string" &&
      t.start < offset &&
      (offset < t.end || !t.text.endsWith('"') || t.text.length === 1),
  );
  const word = tokens.find(
    (t) => (t.kind === "ident" || t.kind === "number") && t.start < offset && offset <= t.end,
  );
  const wordStart = word ? word.start : offset;
  const frames: Frame[] = [topFrame()];
  const append = (t: Token): void => {
    for (const f of frames) {
      f.stmt.push(t);
      if (f.opener) f.inside.push(t);
    }
  };
  let i = 0;
  for (; i < tokens.length && tokens[i].end <= wordStart && tokens[i].kind !== "eof"; i++) {
    const t = tokens[i];
    // A declaration keyword at the start of a line ends whatever a missing `}` left open (as the parser does).
    if (t.newlineBefore && t.kind === "ident" && TOP_KEYWORDS.has(t.text) && tokens[i + 1]?.kind === "ident")
      frames.splice(0, frames.length, topFrame());
    const frame = frames[frames.length - 1];
    if (t.newlineBefore && statementBreaksOnNewline(frame)) frame.stmt = [];
    if (t.kind === "punct" && (t.text === "," || t.text === ";")) {
      append(t);
      frame.stmt = [];
    } else if (t.kind === "punct" && OPENERS.has(t.text)) {
      const header = [...frame.stmt];
      append(t);
      frames.push({ opener: t, header, stmt: [], inside: [] });
    } else if (t.kind === "punct" && CLOSERS.has(t.text)) {
      // Close up to the matching bracket: a `}` also closes a `(` left open before it.
      let match = frames.length - 1;
      while (match > 0 && frames[match].opener?.text !== PAIRS[t.text]) match--;
      if (match > 0) frames.splice(match);
      append(t);
    } else append(t);
  }
  const innermost = frames[frames.length - 1];
  const last = i > 0 ? tokens[i - 1] : undefined;
  const newLine = word
    ? word.newlineBefore
    : last !== undefined && text.slice(last.end, offset).includes("\n");
  if (newLine && statementBreaksOnNewline(innermost)) innermost.stmt = [];
  return {
    frames,
    stmt: innermost.stmt,
    word,
    afterInFrame: innermost.opener ? restOfFrame(tokens.slice(word ? i + 1 : i), innermost.opener) : [],
    inert: inComment || inString,
  };
}

/** Tokens after the cursor up to the bracket closing the frame (or a `}` where a `)` is missing). */
function restOfFrame(after: readonly Token[], opener: Token): Token[] {
  const out: Token[] = [];
  let depth = 0;
  for (const t of after) {
    if (t.kind === "eof") break;
    if (t.kind === "punct" && OPENERS.has(t.text)) depth++;
    if (t.kind === "punct" && CLOSERS.has(t.text)) {
      if (depth === 0) break;
      depth--;
    }
    if (depth === 0 && opener.text === "(" && t.newlineBefore && t.kind === "ident") break;
    out.push(t);
  }
  return out;
}

/** Splits a frame's tokens at its own commas (not those of nested brackets). */
export function groups(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === "punct" && OPENERS.has(t.text)) depth++;
    else if (t.kind === "punct" && CLOSERS.has(t.text)) depth--;
    if (depth === 0 && isPunct(t, ",")) out.push([]);
    else out[out.length - 1].push(t);
  }
  return out;
}

/**
 * The argument names given in a frame other than at the cursor: `name: …` and `name in …`
 * by name, plain values by position (`positional` names the arguments in order).
 */
export function givenNames(scan: CursorScan, positional: readonly string[]): Set<string> {
  const frame = scan.frames[scan.frames.length - 1];
  const before = groups(frame.inside);
  const after = groups(scan.afterInFrame);
  const current = before.length - 1;
  const all = [...before.slice(0, -1), [...before[current], ...after[0]], ...after.slice(1)];
  const given = new Set<string>();
  all.forEach((g, index) => {
    if (index === current || g.length === 0) return;
    if (
      g[0].kind === "ident" &&
      (isPunct(g[1], ":") || isPunct(g[1], "=") || (g[1]?.kind === "ident" && g[1].text === "in"))
    )
      given.add(g[0].text);
    else if (positional[index] !== undefined) given.add(positional[index]);
  });
  return given;
}
