/**
 * Incremental parsing: after an edit, only the items around the change are parsed again (the
 * file's declarations, or the stages and layers of the space the edit falls in); the syntax
 * trees of the other items are reused, those after the edit moved by its length. The result is
 * the tree a full `parse` gives (test/language/reparse.test.ts checks that on random edits).
 */
import type * as A from "./ast";
import { movedBy } from "./diagnostics";
import { isBlank } from "./lexer";
import type { ParsedWindow } from "./parser";
import { parse, parseWindow } from "./parser";

/** The changed text: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
interface Change {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * Parses `text`, reusing the tree of `previous` (the parse of the text before an edit). The
 * reused nodes after the edit are moved in place: `previous` must not be used afterwards.
 */
export function reparse(previous: A.NasFile, text: string): A.NasFile {
  const change = changedRange(previous.text, text);
  if (!change) return { ...previous, text };
  return reparseInSpace(previous, text, change) ?? reparseDeclarations(previous, text, change) ?? parse(text);
}

/** The smallest range whose replacement turns `before` into `after`; undefined if they are equal. */
function changedRange(before: string, after: string): Change | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < shorter - start &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

/** An edit strictly inside one space's braces: parse that space's items around it again. */
function reparseInSpace(previous: A.NasFile, text: string, change: Change): A.NasFile | undefined {
  const k = previous.items.findIndex(
    (item) =>
      item.kind === "space" &&
      item.open !== undefined &&
      item.close !== undefined &&
      item.open < change.start &&
      change.oldEnd <= item.close,
  );
  if (k < 0) return undefined;
  const space = previous.items[k] as A.SpaceDecl;
  const spliced = spliceWindow(previous, text, change, space.items, "space", space.open! + 1, space.close!);
  if (!spliced) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const after = previous.items.slice(k + 1);
  for (const item of after) shiftNode(item, delta);
  const edited: A.SpaceDecl = {
    ...space,
    items: spliced.items,
    close: space.close! + delta,
    end: space.end + delta,
  };
  return {
    text,
    items: [...previous.items.slice(0, k), edited, ...after],
    comments: spliced.comments,
    errors: spliced.errors,
  };
}

/** An edit between or across the file's declarations: parse the declarations around it again. */
function reparseDeclarations(previous: A.NasFile, text: string, change: Change): A.NasFile | undefined {
  const spliced = spliceWindow(previous, text, change, previous.items, "file", 0, previous.text.length);
  return spliced && { text, ...spliced };
}

/**
 * Parses again the items of one list (the file's, or a space's between `from` and `to`) that
 * the change touches, with one unchanged item of margin on each side; moves the items after it
 * and merges the comments and syntax errors of the reused text with the window's.
 */
function spliceWindow<K extends "file" | "space">(
  previous: A.NasFile,
  text: string,
  change: Change,
  items: readonly (K extends "file" ? A.TopLevel : A.SpaceItem)[],
  level: K,
  from: number,
  to: number,
): ParsedWindow<K extends "file" ? A.TopLevel : A.SpaceItem> | undefined {
  const delta = change.newEnd - change.oldEnd;
  // Items that end before the change (an item ending right at it may grow) stay; one of margin.
  let first = 0;
  while (first < items.length && items[first].end < change.start) first++;
  first = Math.max(0, first - 1);
  let last = first;
  while (last < items.length && items[last].start <= change.oldEnd) last++;
  last = Math.min(items.length, last + 1);
  const start = first === 0 ? from : items[first].start;
  const oldEnd = last < items.length ? items[last].start : to;
  if (start > change.start || oldEnd < change.oldEnd) return undefined;
  // An error right at a window edge may belong to the item on either side of it (the parser
  // keeps one error per place): leave such edits to a full parse.
  if (previous.errors.some((e) => e.start === start || e.start === oldEnd)) return undefined;
  const newlineAtStart = newlineBefore(text, start);
  if (newlineAtStart === undefined) return undefined;
  const parsed = parseWindow(text, level, start, oldEnd + delta, newlineAtStart);
  if (!parsed) return undefined;
  const after = items.slice(last);
  for (const item of after) shiftNode(item, delta);
  return {
    items: [...items.slice(0, first), ...parsed.items, ...after],
    comments: [
      ...previous.comments.filter((c) => c.end <= start),
      ...parsed.comments,
      ...previous.comments.filter((c) => c.start >= oldEnd).map((c) => movedBy(c, delta)),
    ],
    errors: [
      ...previous.errors.filter((e) => e.start < start),
      ...parsed.errors,
      ...previous.errors.filter((e) => e.start >= oldEnd).map((e) => movedBy(e, delta)),
    ],
  };
}

/**
 * Whether the lexer, reaching `offset`, has seen a line break since the last token: the state it
 * starts a window with. Undefined where a block comment ends right before (it may hold one).
 */
function newlineBefore(text: string, offset: number): boolean | undefined {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === "\n") return true;
    if (isBlank(c)) continue;
    return c === "/" ? undefined : false;
  }
  return true; // the start of the file counts as a new line
}

/** The keys of syntax-tree nodes that hold offsets into the text. */
const OFFSET_KEYS = new Set(["start", "end", "open", "close"]);

/** Moves a reused subtree by `delta` characters, in place. */
function shiftNode(node: object, delta: number): void {
  if (delta === 0) return;
  const record = node as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (typeof value === "number") {
      if (OFFSET_KEYS.has(key)) record[key] = value + delta;
    } else if (typeof value === "object" && value !== null) {
      if (Array.isArray(value)) for (const child of value) shiftNode(child as object, delta);
      else shiftNode(value, delta);
    }
  }
}
