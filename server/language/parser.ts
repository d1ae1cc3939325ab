/**
 * Error-tolerant recursive-descent parser for `.nas` files. It never throws: on an unexpected
 * token it records a syntax error, skips to the end of the line (or the enclosing `}`), and goes
 * on, so one typo never hides the rest of the file's diagnostics.
 */
import type * as A from "./ast";
import type { LexResult } from "./lexer";
import { lex, numberValue, stringValue } from "./lexer";
import type { Token } from "./tokens";

const TOP_KEYWORDS = new Set(["space", "search", "subnet"]);
const COMPARISONS = new Set(["<=", ">=", "<", ">"]);

export function parse(text: string): A.NasFile {
  const parser = new Parser(text, lex(text));
  const items = parser.topLevelItems(Infinity);
  return { text, items, comments: parser.comments, errors: parser.errors };
}

/** What a window of the text parses to (see `parseWindow`). */
export interface ParsedWindow<T> {
  readonly items: T[];
  readonly comments: A.NasFile["comments"];
  readonly errors: A.SyntaxError[];
}

/**
 * Parses the items (of the file, or of a space's body) that stand between `from` and `to`, for
 * the incremental parser: `to` is where unchanged text resumes with the next item. Tokens are
 * lexed a little past `to` so lookahead there is what a full parse would see. Undefined when
 * the window does not stand alone: an item runs past `to`, the block closes before it, or a
 * comment or error crosses it.
 */
export function parseWindow<K extends "file" | "space">(
  text: string,
  level: K,
  from: number,
  to: number,
  newlineAtStart: boolean,
): ParsedWindow<K extends "file" ? A.TopLevel : A.SpaceItem> | undefined {
  const lookahead = Math.min(text.length, to + WINDOW_LOOKAHEAD);
  const lexed = lex(text, from, lookahead, newlineAtStart);
  const boundary = lexed.tokens.findIndex((t) => t.start >= to);
  if (lexed.tokens[boundary].start !== to || lexed.comments.some((c) => c.start < to && c.end > to))
    return undefined;
  // Lexical errors past the window belong to the unchanged text, which keeps its own.
  const parser = new Parser(text, { ...lexed, errors: lexed.errors.filter((e) => e.start < to) });
  const items: (A.TopLevel | A.SpaceItem)[] =
    level === "file" ? parser.topLevelItems(boundary) : parser.spaceItems(boundary);
  if (!parser.stoppedAt(boundary) || parser.errors.some((e) => e.start >= to)) return undefined;
  return {
    items: items as (K extends "file" ? A.TopLevel : A.SpaceItem)[],
    comments: lexed.comments.filter((c) => c.start < to),
    errors: parser.errors,
  };
}

/** Enough characters past a window for the parser's one-token lookahead (a token or two). */
const WINDOW_LOOKAHEAD = 256;

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  readonly errors: A.SyntaxError[] = [];
  readonly comments: A.NasFile["comments"];

  constructor(
    private readonly text: string,
    lexed: LexResult,
  ) {
    this.tokens = lexed.tokens;
    this.comments = lexed.comments;
    for (const e of lexed.errors) this.errors.push({ ...e, code: "syntax" });
  }

  /** Top-level declarations until the end, or until the token at index `limit`. */
  topLevelItems(limit: number): A.TopLevel[] {
    const items: A.TopLevel[] = [];
    while (this.pos < limit && !this.atEof()) {
      const t = this.peek();
      if (t.kind === "ident" && t.text === "space") items.push(this.space());
      else if (t.kind === "ident" && t.text === "search") items.push(this.search());
      else if (t.kind === "ident" && t.text === "subnet") items.push(this.subnet());
      else {
        this.error(t, `expected \`space\`, \`search\` or \`subnet\`, got ${describe(t)}`);
        items.push(
          this.skipUntil((tok) => tok.kind === "ident" && TOP_KEYWORDS.has(tok.text) && tok.newlineBefore),
        );
      }
    }
    return items;
  }

  /** The items of a space's body, until its `}` (or the token at index `limit`). */
  spaceItems(limit: number): A.SpaceItem[] {
    const items: A.SpaceItem[] = [];
    this.blockItems(() => {
      const t = this.peek();
      switch (this.keywordOf(t)) {
        case "input":
          items.push(this.input());
          return;
        case "resolution":
          items.push(this.resolution());
          return;
        case "dataset":
          items.push(this.dataset());
          return;
        case "stage":
          items.push(this.stage());
          return;
        default:
          items.push(this.chainItem());
      }
    }, limit);
    return items;
  }

  /** Whether parsing stopped exactly at the token at index `index`. */
  stoppedAt(index: number): boolean {
    return this.pos === index;
  }

  // ── declarations ──────────────────────────────────────────────────────────────

  private space(): A.SpaceDecl {
    const keyword = this.next();
    const name = this.expectIdent("a space name");
    let items: A.SpaceItem[] = [];
    const { open, close, end } = this.braced(() => {
      items = this.spaceItems(Infinity);
    }, true);
    return { kind: "space", keyword: span(keyword), name, items, open, close, start: keyword.start, end };
  }

  private input(): A.InputDecl {
    const keyword = this.next();
    const form = this.expectIdent(
      "an input form: `image(H, W, C)`, `vector(N)` or `tokens(LENGTH, vocab: V)`",
    );
    const args = this.at("(") ? this.argList() : [];
    return { kind: "input", form, args, start: keyword.start, end: this.lastEnd() };
  }

  private resolution(): A.ResolutionDecl {
    const keyword = this.next();
    const values = this.valueOrElastic("resolution values such as `in {20, 24, 28}`");
    return { kind: "resolution", keyword: span(keyword), values, start: keyword.start, end: this.lastEnd() };
  }

  private dataset(): A.DatasetDecl {
    const keyword = this.next();
    let source: A.Ident | A.CallExpr | undefined;
    if (this.peek().kind === "ident" && !this.peek().newlineBefore) {
      const e = this.expr();
      if (e && (e.kind === "ident" || e.kind === "call")) source = e;
    } else {
      this.error(
        this.peek(),
        'expected a dataset: `fashion_mnist`, `idx("images", "labels")` or `csv("path", label: "col")`',
      );
    }
    return { kind: "dataset", source, start: keyword.start, end: this.lastEnd() };
  }

  private stage(): A.StageDecl {
    const keyword = this.next();
    const name = this.expectIdent("a stage name");
    let depth: A.StageDecl["depth"];
    if (this.atWord("depth")) {
      this.next();
      depth = this.valueOrElastic("depth values such as `in {1, 2, 3}`");
    } else {
      this.error(this.peek(), `expected \`depth in {…}\` after the stage name, got ${describe(this.peek())}`);
    }
    const body: A.ChainItem[] = [];
    const { end } = this.braced(() => body.push(this.chainItem()));
    return { kind: "stage", keyword: span(keyword), name, depth, body, start: keyword.start, end };
  }

  private chainItem(): A.ChainItem {
    const t = this.peek();
    if (this.keywordOf(t) === "residual") {
      const keyword = this.next();
      const body: A.ChainItem[] = [];
      const { end } = this.braced(() => body.push(this.chainItem()));
      return { kind: "residual", keyword: span(keyword), body, start: keyword.start, end };
    }
    if (t.kind === "ident") return this.layerLine();
    this.error(t, `expected a layer (an op such as \`conv(out: 16, kernel: 3)\`), got ${describe(t)}`);
    return this.skipLine();
  }

  private layerLine(): A.LayerLine {
    const first = this.peek();
    let label: A.Ident | undefined;
    if (this.peekAt(1).text === ":" && this.peekAt(1).kind === "punct") {
      label = this.ident(this.next());
      this.next(); // ':'
    }
    const ops: A.OpCall[] = [];
    while (this.peek().kind === "ident" && (ops.length === 0 || !this.peek().newlineBefore)) {
      // A label on the same line starts a new layer line.
      if (ops.length > 0 && this.peekAt(1).text === ":") break;
      if (ops.length > 0 && STRUCTURE_WORDS.has(this.peek().text)) break;
      const name = this.ident(this.next());
      const args = this.at("(") ? this.argList() : undefined;
      ops.push({ kind: "op", name, args, start: name.start, end: this.lastEnd() });
    }
    if (ops.length === 0)
      this.error(this.peek(), `expected an op after \`${label?.name ?? ""}:\`, got ${describe(this.peek())}`);
    if (!this.peek().newlineBefore && !this.at("}") && !this.atEof()) {
      this.error(
        this.peek(),
        `unexpected ${describe(this.peek())} in a layer chain: ops are separated by spaces`,
      );
      this.skipLine();
    }
    return { kind: "layer", label, ops, start: first.start, end: this.lastEnd() };
  }

  private search(): A.SearchDecl {
    return {
      kind: "search",
      ...this.declarationOf("on", "a search name", "the name of the space to search", () =>
        this.searchItem(),
      ),
    };
  }

  /**
   * `KEYWORD NAME on|of SPACE { items }`: the shared header and body of `search` and `subnet`
   * declarations.
   */
  private declarationOf<T>(
    link: "on" | "of",
    nameWhat: string,
    spaceWhat: string,
    item: () => T,
  ): {
    keyword: A.Span;
    name: A.Ident | undefined;
    space: A.Ident | undefined;
    items: T[];
    open: number | undefined;
    close: number | undefined;
    start: number;
    end: number;
  } {
    const keyword = this.next();
    const name = this.expectIdent(nameWhat);
    let space: A.Ident | undefined;
    if (this.atWord(link)) {
      this.next();
      space = this.expectIdent(spaceWhat);
    } else
      this.error(
        this.peek(),
        `expected \`${link} SPACE\` after the ${keyword.text} name, got ${describe(this.peek())}`,
      );
    const items: T[] = [];
    const { open, close, end } = this.braced(() => items.push(item()));
    return { keyword: span(keyword), name, space, items, open, close, start: keyword.start, end };
  }

  private searchItem(): A.SearchItem {
    const t = this.peek();
    const start = t.start;
    switch (this.keywordOf(t)) {
      case "objectives": {
        this.next();
        const entries: A.ObjectiveEntry[] = [];
        this.braced(() => {
          const s = this.peek();
          if (s.kind === "ident" && (s.text === "maximize" || s.text === "minimize")) {
            this.next();
            const metric = this.expectIdent("a metric (accuracy, loss, macs, params, latency, model_size)");
            entries.push({ kind: "objective", sense: s.text, metric, start: s.start, end: this.lastEnd() });
            if (this.at(",")) this.next();
          } else {
            this.error(s, `expected \`maximize METRIC\` or \`minimize METRIC\`, got ${describe(s)}`);
            this.skipLine();
          }
        });
        return { kind: "objectives", entries, start, end: this.lastEnd() };
      }
      case "constraint": {
        this.next();
        const metric = this.expectIdent("a metric");
        let op: A.Comparison | undefined;
        if (this.peek().kind === "punct" && COMPARISONS.has(this.peek().text))
          op = this.next().text as A.Comparison;
        else
          this.error(
            this.peek(),
            `expected a comparison (\`<=\`, \`>=\`, \`<\`, \`>\`), got ${describe(this.peek())}`,
          );
        const value = op ? this.expectNumber("a limit such as `2ms` or `150k`") : undefined;
        return { kind: "constraint", metric, op, value, start, end: this.lastEnd() };
      }
      case "train": {
        this.next();
        if (this.atWord("from")) {
          this.next();
          const path = this.peek();
          let from: A.StringLit | undefined;
          if (path.kind === "string") from = this.stringLit(this.next());
          else
            this.error(
              path,
              `expected a checkpoint path in quotes after \`train from\`, got ${describe(path)}`,
            );
          return { kind: "train", from, settings: [], start, end: this.lastEnd() };
        }
        const settings: A.Arg[] = [];
        this.braced(() => {
          settings.push(this.arg());
          if (this.at(",")) this.next();
        });
        return { kind: "train", from: undefined, settings, start, end: this.lastEnd() };
      }
      case "strategy": {
        this.next();
        const e = this.peek().newlineBefore ? undefined : this.expr();
        const value = e && (e.kind === "ident" || e.kind === "call") ? e : undefined;
        if (!value) this.error(this.peek(), "expected a strategy: `random`, `nsga2(…)` or `linas(…)`");
        return { kind: "strategy", value, start, end: this.lastEnd() };
      }
      case "budget": {
        this.next();
        const value = this.expectNumber("a budget such as `240 evaluations` or `20min`");
        let evaluations = false;
        if (this.atWord("evaluations") || this.atWord("evaluation") || this.atWord("evals")) {
          this.next();
          evaluations = true;
        }
        return { kind: "budget", value, evaluations, start, end: this.lastEnd() };
      }
      case "seed": {
        this.next();
        return { kind: "seed", value: this.expectNumber("a seed (an integer)"), start, end: this.lastEnd() };
      }
      case "target": {
        this.next();
        const where = this.expectIdent('`local` or `remote "NAME"`');
        let remote: A.StringLit | undefined;
        if (where?.name === "remote") {
          if (this.peek().kind === "string") remote = this.stringLit(this.next());
          else
            this.error(
              this.peek(),
              'expected the remote target\'s name in quotes, as in `target remote "gpu-box"`',
            );
        }
        return { kind: "target", where, remote, start, end: this.lastEnd() };
      }
      default:
        this.error(
          t,
          `expected a search setting (objectives, constraint, train, strategy, budget, seed, target), got ${describe(t)}`,
        );
        return this.skipLine();
    }
  }

  private subnet(): A.SubnetDecl {
    return {
      kind: "subnet",
      ...this.declarationOf("of", "a subnet name", "the name of the space", () => this.subnetItem()),
    };
  }

  private subnetItem(): A.SubnetItem {
    const t = this.peek();
    if (this.keywordOf(t) === "measured" && this.peekAt(1).text === "{") {
      const keyword = this.next();
      const entries: A.Arg[] = [];
      this.braced(() => {
        entries.push(this.arg());
        if (this.at(",")) this.next();
      });
      return { kind: "measured", keyword: span(keyword), entries, start: keyword.start, end: this.lastEnd() };
    }
    if (t.kind !== "ident") {
      this.error(t, `expected an assignment such as \`s1.depth = 2\`, got ${describe(t)}`);
      return this.skipLine();
    }
    const path = this.path();
    if (this.at("{")) {
      const assignments: A.Assignment[] = [];
      this.braced(() => {
        if (this.peek().kind !== "ident") {
          this.error(this.peek(), `expected \`ARG = VALUE\`, got ${describe(this.peek())}`);
          this.skipLine();
          return;
        }
        assignments.push(this.assignment(this.path()));
        if (this.at(",")) this.next();
      });
      return { kind: "blockAssign", path, assignments, start: t.start, end: this.lastEnd() };
    }
    const a = this.assignment(path);
    if (this.at(",")) this.next();
    return a;
  }

  private assignment(path: A.SubnetPath): A.Assignment {
    let value: A.Expr | undefined;
    if (this.at("=")) {
      this.next();
      value = this.expr();
      if (!value) this.error(this.peek(), `expected a value after \`=\`, got ${describe(this.peek())}`);
    } else {
      this.error(
        this.peek(),
        `expected \`=\` after \`${this.text.slice(path.start, path.end)}\`, got ${describe(this.peek())}`,
      );
    }
    return { kind: "assign", path, value, start: path.start, end: this.lastEnd() };
  }

  private path(): A.SubnetPath {
    const segments: A.PathSegment[] = [];
    const start = this.peek().start;
    do {
      if (segments.length > 0) this.next(); // '.'
      const name = this.expectIdent("a name");
      if (!name) break;
      let index: A.NumberLit | undefined;
      if (this.at("[")) {
        this.next();
        index = this.expectNumber("a block index");
        this.expect("]");
      }
      segments.push({ name, index, start: name.start, end: this.lastEnd() });
    } while (this.at("."));
    return { segments, start, end: this.lastEnd() };
  }

  // ── arguments and values ──────────────────────────────────────────────────────

  private argList(): A.Arg[] {
    const open = this.next();
    const args: A.Arg[] = [];
    while (!this.at(")") && !this.atEof()) {
      if (this.at("}") || (this.peek().newlineBefore && this.isStatementStart(this.peek()))) break;
      args.push(this.arg());
      if (this.at(",")) this.next();
      else if (!this.at(")")) {
        this.error(this.peek(), `expected \`,\` or \`)\` in an argument list, got ${describe(this.peek())}`);
        // Only a comma is missing before `name: …` on the same line: read on as if it were there.
        if (this.atNamedArgOnSameLine()) continue;
        this.skipWhile((t) => t.text !== "," && t.text !== ")" && !t.newlineBefore && t.text !== "}");
        if (this.at(",")) this.next();
        if (this.peek().newlineBefore) break;
      }
    }
    if (this.at(")")) this.next();
    else
      this.error(this.peek(), "missing `)` to close the `(` opened here", {
        ...span(open),
        message: "the `(`",
      });
    return args;
  }

  private arg(): A.Arg {
    const t = this.peek();
    if (t.kind === "ident" && this.peekAt(1).text === ":") {
      const name = this.ident(this.next());
      this.next();
      const value = this.expr();
      if (!value)
        this.error(this.peek(), `expected a value for \`${name.name}\`, got ${describe(this.peek())}`);
      return { kind: "arg", name, value, start: t.start, end: this.lastEnd() };
    }
    if (t.kind === "ident" && this.peekAt(1).kind === "ident" && this.peekAt(1).text === "in") {
      const name = this.ident(this.next());
      this.next();
      const value = this.elastic();
      return { kind: "arg", name, value, start: t.start, end: this.lastEnd() };
    }
    const value = this.expr();
    if (!value) {
      this.error(t, `expected an argument, got ${describe(t)}`);
      this.next();
    }
    return { kind: "arg", name: undefined, value, start: t.start, end: this.lastEnd() };
  }

  /** `in {…}` / `in A..B [step S]`, or a plain value. */
  private valueOrElastic(what: string): A.Elastic | A.Expr | undefined {
    if (this.atWord("in")) {
      this.next();
      return this.elastic();
    }
    const e = this.peek().newlineBefore ? undefined : this.expr();
    if (!e) this.error(this.peek(), `expected ${what}, got ${describe(this.peek())}`);
    return e;
  }

  private elastic(): A.Elastic | undefined {
    const t = this.peek();
    if (this.at("{")) {
      this.next();
      const items: A.Expr[] = [];
      while (!this.at("}") && !this.atEof()) {
        const e = this.expr();
        if (!e) {
          this.error(this.peek(), `expected a value in the choice set, got ${describe(this.peek())}`);
          this.skipWhile((x) => x.text !== "," && x.text !== "}" && !x.newlineBefore);
        } else items.push(e);
        if (this.at(",")) this.next();
        else if (!this.at("}")) break;
      }
      this.expect("}");
      return { kind: "choices", items, start: t.start, end: this.lastEnd() };
    }
    if (t.kind === "number") {
      const from = this.numberLit(this.next());
      let to: A.NumberLit | undefined;
      let step: A.NumberLit | undefined;
      if (this.at("..")) {
        this.next();
        to = this.expectNumber("the end of the range");
        if (this.atWord("step")) {
          this.next();
          step = this.expectNumber("a step");
        }
      } else {
        this.error(
          this.peek(),
          "expected `..` in a range such as `16..64 step 8` (or use a set: `{16, 32}`)",
        );
      }
      return { kind: "range", from, to, step, start: t.start, end: this.lastEnd() };
    }
    this.error(t, `expected a choice set \`{a, b}\` or a range \`A..B\` after \`in\`, got ${describe(t)}`);
    return undefined;
  }

  private expr(): A.Expr | undefined {
    const t = this.peek();
    if (t.kind === "number") return this.numberLit(this.next());
    if (t.kind === "string") return this.stringLit(this.next());
    if (t.kind === "ident") {
      const callee = this.ident(this.next());
      if (this.at("(") && !this.peek().newlineBefore) {
        const args = this.argList();
        return { kind: "call", callee, args, start: callee.start, end: this.lastEnd() };
      }
      return callee;
    }
    return undefined;
  }

  // ── helpers ───────────────────────────────────────────────────────────────────

  /**
   * Parses `{ item* }` calling `item` for each item, or with `whole`, calling `body` once to
   * parse all the items; recovers from a missing `}`.
   */
  private braced(
    item: () => void,
    whole = false,
  ): { open: number | undefined; close: number | undefined; end: number } {
    if (!this.at("{")) {
      this.error(this.peek(), `expected \`{\`, got ${describe(this.peek())}`);
      return { open: undefined, close: undefined, end: this.lastEnd() };
    }
    const open = this.next();
    if (whole) item();
    else this.blockItems(item, Infinity);
    if (this.at("}")) {
      const close = this.next();
      return { open: open.start, close: close.start, end: close.end };
    }
    this.error(this.peek(), "missing `}` to close the block", {
      ...span(open),
      message: "the block opens here",
    });
    return { open: open.start, close: undefined, end: this.lastEnd() };
  }

  /** A block's items: until its `}`, the end, a new top-level declaration, or the token at `limit`. */
  private blockItems(item: () => void, limit: number): void {
    while (this.pos < limit && !this.at("}") && !this.atEof()) {
      const t = this.peek();
      if (
        t.newlineBefore &&
        t.kind === "ident" &&
        TOP_KEYWORDS.has(t.text) &&
        this.peekAt(1).kind === "ident"
      )
        break;
      if (this.at(",") || this.at(";")) {
        this.next();
        continue;
      }
      const before = this.pos;
      item();
      if (this.pos === before) this.next(); // guarantee progress
    }
  }

  private atNamedArgOnSameLine(): boolean {
    const t = this.peek();
    const after = this.peekAt(1);
    return (
      t.kind === "ident" &&
      !t.newlineBefore &&
      (after.text === ":" || (after.kind === "ident" && after.text === "in"))
    );
  }

  private isStatementStart(t: Token): boolean {
    return t.kind === "ident" && (TOP_KEYWORDS.has(t.text) || STRUCTURE_WORDS.has(t.text));
  }

  private keywordOf(t: Token): string | undefined {
    return t.kind === "ident" ? t.text : undefined;
  }

  private skipLine(): A.ErrorNode {
    const start = this.peek().start;
    let depth = 0;
    let first = true;
    while (!this.atEof()) {
      const t = this.peek();
      if (!first && t.newlineBefore && depth === 0) break;
      if (t.text === "}" && t.kind === "punct") {
        if (depth === 0) break;
        depth--;
      }
      if (t.text === "{" && t.kind === "punct") depth++;
      this.next();
      first = false;
    }
    return { kind: "error", start, end: Math.max(start, this.lastEnd()) };
  }

  private skipUntil(stop: (t: Token) => boolean): A.ErrorNode {
    const start = this.peek().start;
    this.next();
    while (!this.atEof() && !stop(this.peek())) this.next();
    return { kind: "error", start, end: this.lastEnd() };
  }

  private skipWhile(keep: (t: Token) => boolean): void {
    while (!this.atEof() && keep(this.peek())) this.next();
  }

  private expect(punct: string): void {
    if (this.at(punct)) this.next();
    else this.error(this.peek(), `expected \`${punct}\`, got ${describe(this.peek())}`);
  }

  private expectIdent(what: string): A.Ident | undefined {
    const t = this.peek();
    if (t.kind === "ident" && !(t.newlineBefore && this.isStatementStart(t) && TOP_KEYWORDS.has(t.text)))
      return this.ident(this.next());
    this.error(t, `expected ${what}, got ${describe(t)}`);
    return undefined;
  }

  private expectNumber(what: string): A.NumberLit | undefined {
    const t = this.peek();
    if (t.kind === "number") return this.numberLit(this.next());
    this.error(t, `expected ${what}, got ${describe(t)}`);
    return undefined;
  }

  private ident(t: Token): A.Ident {
    return { kind: "ident", name: t.text, start: t.start, end: t.end };
  }

  private numberLit(t: Token): A.NumberLit {
    const { value, unit } = numberValue(t.text);
    return { kind: "number", value, unit, raw: t.text, start: t.start, end: t.end };
  }

  private stringLit(t: Token): A.StringLit {
    return { kind: "string", value: stringValue(t.text), raw: t.text, start: t.start, end: t.end };
  }

  private error(at: Token, message: string, related?: A.RelatedSpan): void {
    const start = at.kind === "eof" ? Math.max(0, this.lastEnd()) : at.start;
    const end = at.kind === "eof" ? start : at.end;
    // One error per position: recovery may revisit the same token.
    if (this.errors.some((e) => e.start === start && e.code === "syntax")) return;
    this.errors.push({ start, end, message, code: "syntax", ...(related ? { related } : {}) });
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private peekAt(k: number): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.tokens[this.pos];
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }
  private lastEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1].end : 0;
  }
  private at(punct: string): boolean {
    const t = this.peek();
    return t.kind === "punct" && t.text === punct;
  }
  private atWord(word: string): boolean {
    const t = this.peek();
    return t.kind === "ident" && t.text === word;
  }
  private atEof(): boolean {
    return this.peek().kind === "eof";
  }
}

/** Words that start a statement inside a space and so end a layer chain. */
const STRUCTURE_WORDS = new Set(["input", "resolution", "dataset", "stage", "residual"]);

function span(t: Token): A.Span {
  return { start: t.start, end: t.end };
}

function describe(t: Token): string {
  if (t.kind === "eof") return "the end of the file";
  if (t.kind === "string") return `the string ${t.text}`;
  return `\`${t.text}\``;
}
