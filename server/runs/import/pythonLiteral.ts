/**
 * A small, tolerant reader of Python literals as `repr`/`str` writes them: what DyNAS-T puts in a
 * results CSV's sub-network column (`{'ks': [3, 5], 'wid': None, 'r': [224]}`). It reads dicts,
 * lists, tuples, sets, strings in either quote, numbers (with `inf`/`nan`), `None`, `True`,
 * `False`, and numpy's scalar and array reprs (`np.int64(3)`, `array([3, 5])`), which newer numpy
 * versions write for values that came out of an array. Nothing is evaluated.
 */

export type PyValue = null | boolean | number | string | PyValue[] | PyDict;
/** A dict in insertion order; numeric keys are kept as their text. */
export type PyDict = Map<string, PyValue>;

/** A literal that does not read; `offset` is the 0-based character where reading stopped. */
export class LiteralError extends Error {
  constructor(
    readonly problem: string,
    readonly offset: number,
  ) {
    super(`${problem} at character ${offset + 1}`);
  }
}

const NAMED: ReadonlyMap<string, PyValue> = new Map<string, PyValue>([
  ["None", null],
  ["True", true],
  ["False", false],
  ["inf", Infinity],
  ["nan", NaN],
]);

/** numpy wrappers whose single argument is the value: `np.int64(3)`, `numpy.float32(0.5)`, `array([1])`. */
const NUMPY_WRAPPER = /^(?:(?:np|numpy)\.)?(?:u?int(?:8|16|32|64)?|float(?:16|32|64)?|bool_?|str_|array)$/;

const CLOSERS: Readonly<Record<string, string>> = { "[": "]", "(": ")", "{": "}" };

export function parsePythonLiteral(text: string): PyValue {
  const reader = new Reader(text);
  const value = reader.value();
  reader.skipSpace();
  if (!reader.atEnd()) reader.fail(`unexpected ${reader.describeNext()} after the value`);
  return value;
}

class Reader {
  private at = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  fail(problem: string): never {
    throw new LiteralError(problem, this.at);
  }

  describeNext(): string {
    return this.atEnd() ? "end of text" : `\`${this.text[this.at]}\``;
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.at])) this.at++;
  }

  value(): PyValue {
    this.skipSpace();
    if (this.atEnd()) this.fail("unexpected end of text: expected a value");
    const c = this.text[this.at];
    if (c === "{") return this.braces();
    if (c === "[" || c === "(") return this.sequence(c);
    if (c === "'" || c === '"') return this.string(c);
    if (/[-+.\d]/.test(c)) return this.number();
    if (/[A-Za-z_]/.test(c)) return this.name();
    return this.fail(`unexpected ${this.describeNext()}: expected a value`);
  }

  /** `[…]` or `(…)`: items separated by commas, a trailing comma allowed. */
  private sequence(open: string): PyValue[] {
    return this.items(open, () => this.value());
  }

  /** `{k: v, …}`, or `{a, b}` (a set, read as a list); `{}` is an empty dict. */
  private braces(): PyValue {
    const start = this.at;
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === "}") {
      this.at++;
      return new Map();
    }
    this.value();
    this.skipSpace();
    const next = this.text[this.at];
    if (next !== ":" && next !== "," && next !== "}")
      this.fail(`expected \`:\` after the dict key, got ${this.describeNext()}`);
    const isDict = next === ":";
    this.at = start;
    return isDict ? new Map(this.items("{", () => this.entry())) : this.items("{", () => this.value());
  }

  private entry(): [string, PyValue] {
    const keyAt = this.at;
    const key = this.value();
    if (key !== null && typeof key === "object") {
      this.at = keyAt;
      this.fail("a dict key must be a string or a number");
    }
    this.skipSpace();
    if (this.text[this.at] !== ":")
      this.fail(`expected \`:\` after the dict key, got ${this.describeNext()}`);
    this.at++;
    return [String(key), this.value()];
  }

  private items<T>(open: string, item: () => T): T[] {
    const close = CLOSERS[open];
    this.at++;
    const out: T[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] === close) {
        this.at++;
        return out;
      }
      out.push(item());
      this.skipSpace();
      if (this.text[this.at] === ",") this.at++;
      else if (this.text[this.at] !== close)
        this.fail(`expected \`,\` or \`${close}\`, got ${this.describeNext()}`);
    }
  }

  private string(quote: string): string {
    const start = this.at;
    this.at++;
    let out = "";
    while (!this.atEnd() && this.text[this.at] !== quote) {
      const c = this.text[this.at++];
      if (c !== "\\") {
        out += c;
        continue;
      }
      out += this.escape();
    }
    if (this.atEnd()) {
      this.at = start;
      this.fail("unterminated string");
    }
    this.at++;
    return out;
  }

  private escape(): string {
    const c = this.text[this.at++];
    const simple: Readonly<Record<string, string>> = {
      n: "\n",
      t: "\t",
      r: "\r",
      "0": "\0",
      "\\": "\\",
      "'": "'",
      '"': '"',
    };
    if (c in simple) return simple[c];
    const width = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
    if (width === 0) return `\\${c ?? ""}`;
    const hex = this.text.slice(this.at, this.at + width);
    if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) this.fail(`bad \\${c} escape`);
    this.at += width;
    return String.fromCodePoint(parseInt(hex, 16));
  }

  private number(): number {
    const m = /^[-+]?(?:inf|nan|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?)/.exec(
      this.text.slice(this.at),
    );
    if (!m) return this.fail(`unexpected ${this.describeNext()}: expected a number`);
    this.at += m[0].length;
    const body = m[0].replace(/_/g, "");
    if (/inf$/.test(body)) return body.startsWith("-") ? -Infinity : Infinity;
    return /nan$/.test(body) ? NaN : Number(body);
  }

  private name(): PyValue {
    const start = this.at;
    const m = /^[A-Za-z_][\w.]*/.exec(this.text.slice(this.at))!;
    this.at += m[0].length;
    if (NAMED.has(m[0])) return NAMED.get(m[0])!;
    this.skipSpace();
    if (NUMPY_WRAPPER.test(m[0]) && this.text[this.at] === "(") {
      const args = this.sequence("(");
      if (args.length === 1) return args[0];
      this.at = start;
      this.fail(`\`${m[0]}(…)\` should hold one value, got ${args.length}`);
    }
    this.at = start;
    return this.fail(
      `unknown name \`${m[0]}\`: expected a literal (None, True, False, a number, a string, a list or a dict)`,
    );
  }
}
