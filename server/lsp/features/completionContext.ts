/** What completion should offer at a cursor, decided from the tokens around it (see cursorScan). */
import type { ArgSpec, OpSpec } from "../../language/ops";
import type { NasFile } from "../../language/ast";
import { OPS } from "../../language/ops";
import type { SettingSpec } from "../../language/searchConfig";
import { STRATEGIES, TRAIN_SETTINGS } from "../../language/searchConfig";
import type { Token } from "../../language/tokens";
import type { CursorScan, Frame } from "./cursorScan";
import { givenNames, isPunct, scanCursor, scanWindow } from "./cursorScan";
import type { PathPart } from "./locate";

export type CompletionContext =
  | { readonly kind: "none" }
  | { readonly kind: "topKeyword" }
  /** Fixed words that fit here: `on`, `of`, `depth`, `in`, `evaluations`, … */
  | { readonly kind: "words"; readonly words: readonly string[] }
  | { readonly kind: "spaceName" }
  /** A layer in a chain: ops, and statement keywords at the start of a line. */
  | { readonly kind: "layer"; readonly keywords: readonly string[] }
  | { readonly kind: "opArg"; readonly op: OpSpec; readonly given: ReadonlySet<string> }
  | { readonly kind: "opArgValue"; readonly arg: ArgSpec }
  | { readonly kind: "dataset" }
  | { readonly kind: "inputForm" }
  | { readonly kind: "searchStatement" }
  | { readonly kind: "metric"; readonly given: ReadonlySet<string>; readonly measured: boolean }
  | {
      readonly kind: "setting";
      readonly owner: string;
      readonly specs: readonly SettingSpec[];
      readonly given: ReadonlySet<string>;
    }
  | { readonly kind: "settingValue"; readonly spec: SettingSpec }
  | { readonly kind: "strategy" }
  /** The start of a subnet assignment (or, with `parts`, a member after `STAGE[i].` or inside `STAGE[i] { … }`). */
  | {
      readonly kind: "path";
      readonly space: string;
      readonly parts: readonly PathPart[];
      readonly given: ReadonlySet<string>;
    }
  | { readonly kind: "assignValue"; readonly space: string; readonly parts: readonly PathPart[] };

const NONE: CompletionContext = { kind: "none" };

/** Statement keywords of a space body, and of a stage or residual body. */
const SPACE_KEYWORDS = ["input", "resolution", "dataset", "stage", "residual"];
const CHAIN_KEYWORDS = ["residual"];

/** The context at `offset`; with the parsed file, only the statement around the cursor is read. */
export function completionContext(text: string, offset: number, file?: NasFile): CompletionContext {
  const scan = scanCursor(text, offset, file && scanWindow(file, offset));
  if (scan.inert) return NONE;
  const decl = scan.frames[1];
  if (!decl) return topLevel(words(scan.stmt));
  const header = words(decl.header);
  switch (header[0]) {
    case "space":
      return inSpace(scan);
    case "search":
      return inSearch(scan);
    case "subnet":
      return inSubnet(scan, header[3]);
    default:
      return NONE;
  }
}

function words(tokens: readonly Token[]): string[] {
  return tokens.map((t) => t.text);
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function topLevel(stmt: readonly string[]): CompletionContext {
  if (stmt.length === 0) return { kind: "topKeyword" };
  if (stmt.length === 2 && stmt[0] === "search") return { kind: "words", words: ["on"] };
  if (stmt.length === 2 && stmt[0] === "subnet") return { kind: "words", words: ["of"] };
  if (same(stmt, [stmt[0], stmt[1], "on"]) && stmt[0] === "search") return { kind: "spaceName" };
  if (same(stmt, [stmt[0], stmt[1], "of"]) && stmt[0] === "subnet") return { kind: "spaceName" };
  return NONE;
}

function innermost(scan: CursorScan): Frame {
  return scan.frames[scan.frames.length - 1];
}

// ── space ──────────────────────────────────────────────────────────────────────

function inSpace(scan: CursorScan): CompletionContext {
  const frame = innermost(scan);
  const header = words(frame.header);
  const stmt = words(scan.stmt);
  if (frame.opener?.text === "(") {
    const op = OPS.get(header[header.length - 1]);
    if (!op || ["input", "dataset"].includes(header[0])) return NONE;
    if (stmt.length === 0)
      return {
        kind: "opArg",
        op,
        given: givenNames(
          scan,
          op.args.map((a) => a.name),
        ),
      };
    const arg = stmt.length === 2 && stmt[1] === ":" ? op.args.find((a) => a.name === stmt[0]) : undefined;
    return arg ? { kind: "opArgValue", arg } : NONE;
  }
  if (frame.opener?.text !== "{" || header[header.length - 1] === "in") return NONE;
  const isSpaceBody = scan.frames.length === 2;
  if (stmt.length === 0) return { kind: "layer", keywords: isSpaceBody ? SPACE_KEYWORDS : CHAIN_KEYWORDS };
  if (isSpaceBody) {
    if (same(stmt, ["dataset"])) return { kind: "dataset" };
    if (same(stmt, ["input"])) return { kind: "inputForm" };
    if (same(stmt, ["resolution"])) return { kind: "words", words: ["in"] };
    if (stmt[0] === "stage")
      return stmt.length === 2
        ? { kind: "words", words: ["depth"] }
        : stmt.length === 3 && stmt[2] === "depth"
          ? { kind: "words", words: ["in"] }
          : NONE;
    if (SPACE_KEYWORDS.includes(stmt[0])) return NONE;
  }
  // After a label (`stem:`) or an op of the chain (`conv(…) bn`): another op.
  const last = scan.stmt[scan.stmt.length - 1];
  if (isPunct(last, ":") || isPunct(last, ")") || (last.kind === "ident" && OPS.has(last.text)))
    return { kind: "layer", keywords: [] };
  return NONE;
}

// ── search ─────────────────────────────────────────────────────────────────────

function inSearch(scan: CursorScan): CompletionContext {
  const frame = innermost(scan);
  const header = words(frame.header);
  const stmt = words(scan.stmt);
  if (scan.frames.length === 2) {
    if (stmt.length === 0) return { kind: "searchStatement" };
    if (same(stmt, ["constraint"])) return { kind: "metric", given: new Set(), measured: false };
    if (same(stmt, ["strategy"])) return { kind: "strategy" };
    if (same(stmt, ["target"])) return { kind: "words", words: ["local", "remote"] };
    if (same(stmt, ["train"])) return { kind: "words", words: ["from"] };
    if (stmt.length === 2 && stmt[0] === "budget" && scan.stmt[1].kind === "number")
      return { kind: "words", words: ["evaluations"] };
    return NONE;
  }
  if (scan.frames.length === 3 && same(header, ["objectives"])) {
    if (stmt.length === 0) return { kind: "words", words: ["maximize", "minimize"] };
    if (stmt.length === 1 && (stmt[0] === "maximize" || stmt[0] === "minimize"))
      return { kind: "metric", given: new Set(), measured: false };
    return NONE;
  }
  const owner = settingsOf(scan.frames.slice(2));
  if (!owner) return NONE;
  if (stmt.length === 0)
    return {
      kind: "setting",
      owner: owner.name,
      specs: owner.specs,
      given: givenNames(
        scan,
        owner.specs.map((s) => s.name),
      ),
    };
  if (stmt.length === 2 && stmt[1] === ":") {
    const spec = owner.specs.find((s) => s.name === stmt[0]);
    return spec ? { kind: "settingValue", spec } : NONE;
  }
  return NONE;
}

/** The settings a frame inside a search takes: `train { … }`, `linas(…)`, or a setting's form such as `sgd(…)`. */
function settingsOf(frames: readonly Frame[]): { name: string; specs: readonly SettingSpec[] } | undefined {
  let owner: { name: string; specs: readonly SettingSpec[] } | undefined;
  for (const frame of frames) {
    const header = words(frame.header);
    const last = header[header.length - 1];
    if (!owner) {
      if (frame.opener?.text === "{" && same(header, ["train"]))
        owner = { name: "train", specs: TRAIN_SETTINGS };
      else if (
        frame.opener?.text === "(" &&
        header.length === 2 &&
        header[0] === "strategy" &&
        Object.hasOwn(STRATEGIES, last)
      )
        owner = { name: last, specs: STRATEGIES[last] };
      else return undefined;
      continue;
    }
    const spec =
      frame.opener?.text === "(" && header.length === 3 && header[1] === ":"
        ? owner.specs.find((s) => s.name === header[0])
        : undefined;
    if (spec?.type.kind !== "call" || !Object.hasOwn(spec.type.forms, last)) return undefined;
    owner = { name: last, specs: spec.type.forms[last] };
  }
  return owner;
}

// ── subnet ─────────────────────────────────────────────────────────────────────

function inSubnet(scan: CursorScan, space: string | undefined): CompletionContext {
  if (!space) return NONE;
  const frame = innermost(scan);
  const header = words(frame.header);
  const stmt = words(scan.stmt);
  if (scan.frames.length === 3 && same(header, ["measured"])) {
    return stmt.length === 0 ? { kind: "metric", given: givenNames(scan, []), measured: true } : NONE;
  }
  let prefix: PathPart[] = [];
  if (scan.frames.length === 3 && frame.opener?.text === "{") {
    const block = parsePath(frame.header);
    if (!block || block.dangling || block.parts.length !== 1 || block.parts[0].index === undefined)
      return NONE;
    prefix = block.parts;
  } else if (scan.frames.length !== 2) return NONE;
  const given = prefix.length ? givenNames(scan, []) : new Set<string>();
  if (stmt.length === 0) return { kind: "path", space, parts: prefix, given };
  const eq = scan.stmt.findIndex((t) => isPunct(t, "="));
  const path = parsePath(eq < 0 ? scan.stmt : scan.stmt.slice(0, eq));
  if (!path) return NONE;
  if (eq < 0) return path.dangling ? { kind: "path", space, parts: [...prefix, ...path.parts], given } : NONE;
  return eq === scan.stmt.length - 1 && !path.dangling
    ? { kind: "assignValue", space, parts: [...prefix, ...path.parts] }
    : NONE;
}

/** `s2[0].kernel` → parts; `dangling` when it ends with a `.` (a member is being typed). */
function parsePath(tokens: readonly Token[]): { parts: PathPart[]; dangling: boolean } | undefined {
  const parts: PathPart[] = [];
  let i = 0;
  while (i < tokens.length) {
    const name = tokens[i];
    if (name.kind !== "ident") return undefined;
    i++;
    if (isPunct(tokens[i], "[")) {
      const index = tokens[i + 1];
      if (index?.kind !== "number" || !isPunct(tokens[i + 2], "]")) return undefined;
      parts.push({ name: name.text, index: Number(index.text) });
      i += 3;
    } else parts.push({ name: name.text });
    if (i === tokens.length) return { parts, dangling: false };
    if (!isPunct(tokens[i], ".")) return undefined;
    i++;
    if (i === tokens.length) return { parts, dangling: true };
  }
  return parts.length ? { parts, dangling: false } : undefined;
}
