import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { allRules, loadGrammar, tokenize } from "./textmate";
import type { Token } from "./textmate";

const grammar = loadGrammar("syntaxes/nas.tmLanguage.json");

/** The innermost scope of each token of one line, leaving out whitespace. */
function scopes(line: string): [string, string][] {
  return tokenize(grammar, line)[0]
    .filter((token) => token.text.trim() !== "")
    .map((token) => [token.text.trim(), token.scopes.at(-1) ?? ""]);
}

/** The innermost scope of the first token whose text is `text`, in text of one or more lines. */
function scopeOf(text: string, tokenText: string): string {
  const token = tokenize(grammar, text)
    .flat()
    .find((t: Token) => t.text === tokenText);
  assert.ok(token, `no token "${tokenText}" in ${JSON.stringify(tokenize(grammar, text))}`);
  return token.scopes.at(-1) ?? "";
}

/** Bodies of lookbehinds, which Oniguruma requires to be of fixed length (JavaScript does not). */
function lookbehinds(source: string): string[] {
  const bodies: string[] = [];
  for (let start = source.indexOf("(?<"); start !== -1; start = source.indexOf("(?<", start + 1)) {
    if (source[start + 3] !== "=" && source[start + 3] !== "!") continue;
    let depth = 0;
    for (let i = start; i < source.length; i++) {
      if (source[i] === "\\") i++;
      else if (source[i] === "(") depth++;
      else if (source[i] === ")" && --depth === 0) {
        bodies.push(source.slice(start + 4, i));
        break;
      }
    }
  }
  return bodies;
}

describe("nas TextMate grammar", () => {
  const rules = allRules(grammar);
  const regexes = rules.flatMap(({ where, rule }) =>
    (["match", "begin", "end"] as const).flatMap((key) => {
      const source = rule[key];
      return source === undefined ? [] : [{ where: `${where}.${key}`, source }];
    }),
  );

  test("is the source.nas grammar and holds regexes", () => {
    assert.equal(grammar.scopeName, "source.nas");
    assert.ok(regexes.length > 20);
  });

  test("every regex compiles as a strict (unicode-mode) JavaScript regex", () => {
    // Unicode mode rejects the Oniguruma-only syntax (\h, \A, \G, (?i), possessive and atomic groups).
    for (const { where, source } of regexes) {
      assert.doesNotThrow(() => new RegExp(source, "u"), `${where}: ${source}`);
    }
  });

  test("every lookbehind has a fixed length, as Oniguruma requires", () => {
    for (const { where, source } of regexes) {
      for (const body of lookbehinds(source)) {
        const flat = body.replace(/\\./g, "x").replace(/\[[^\]]*\]/g, "x");
        assert.doesNotMatch(flat, /[*+?|]|\{\d/, `${where}: ${source}`);
      }
    }
  });

  test("every scope name ends in .nas and every include names a rule", () => {
    for (const { where, rule } of rules) {
      const names = [rule.name, rule.contentName, ...[rule.captures, rule.beginCaptures, rule.endCaptures]]
        .flatMap((c) =>
          typeof c === "object" && c !== undefined ? Object.values(c).map((v) => v.name) : [c],
        )
        .filter((n): n is string => n !== undefined);
      for (const name of names) assert.match(name, /^[a-z0-9-]+(\.[a-z0-9_-]+)*\.nas$/, where);
      if (rule.include !== undefined) assert.ok(rule.include.slice(1) in grammar.repository, where);
    }
  });

  test("every repository rule is reachable from the top", () => {
    const reached = new Set<string>();
    const visit = (ruleList: readonly { include?: string; patterns?: unknown[] }[]): void => {
      for (const rule of ruleList) {
        const name = rule.include?.slice(1);
        if (name !== undefined && !reached.has(name)) {
          reached.add(name);
          visit([grammar.repository[name]]);
        }
        visit((rule.patterns ?? []) as { include?: string }[]);
      }
    };
    visit(grammar.patterns);
    assert.deepEqual([...reached].sort(), Object.keys(grammar.repository).sort());
  });

  test("keywords of the language", () => {
    const words = [
      ...["depth", "input", "resolution", "dataset", "objectives", "maximize", "minimize", "constraint"],
      ...["train", "from", "strategy", "budget", "evaluations", "seed", "target", "local", "remote"],
      ...["residual", "measured"],
    ];
    for (const word of words) assert.deepEqual(scopes(word), [[word, "keyword.other.nas"]]);
    for (const word of ["space", "stage", "search", "subnet"]) {
      assert.deepEqual(scopes(word), [[word, "storage.type.nas"]]);
    }
    for (const word of ["of", "on", "in", "step"])
      assert.deepEqual(scopes(word), [[word, "keyword.operator.word.nas"]]);
    for (const word of ["true", "false"])
      assert.deepEqual(scopes(word), [[word, "constant.language.boolean.nas"]]);
  });

  test("op, input and metric names", () => {
    const ops = ["conv", "dwconv", "mbconv", "dense", "bn", "layernorm", "relu", "relu6", "hswish", "gelu"];
    const more = ["dropout", "maxpool", "avgpool", "gap", "flatten", "embedding", "patchify", "transformer"];
    for (const op of [...ops, ...more]) assert.deepEqual(scopes(op), [[op, "support.function.op.nas"]]);
    for (const input of ["image", "vector", "tokens", "idx", "csv"]) {
      assert.deepEqual(scopes(input), [[input, "support.function.input.nas"]]);
    }
    for (const metric of ["accuracy", "loss", "macs", "params", "latency", "model_size"]) {
      assert.deepEqual(scopes(`minimize ${metric}`)[1], [metric, "support.constant.metric.nas"]);
    }
  });

  test("a keyword inside a longer identifier is not a keyword", () => {
    assert.deepEqual(scopes("spacer convex relu7 searching"), [
      ["spacer convex relu7 searching", "source.nas"],
    ]);
  });

  test("declaration names after space, stage, search and subnet", () => {
    assert.deepEqual(scopes("space FashionMobile {"), [
      ["space", "storage.type.space.nas"],
      ["FashionMobile", "entity.name.type.space.nas"],
      ["{", "punctuation.section.block.begin.nas"],
    ]);
    assert.equal(scopeOf("  stage s1 depth in {1, 2} {", "s1"), "entity.name.type.stage.nas");
    assert.deepEqual(scopes("search Quick on FashionMobile {").slice(0, 4), [
      ["search", "storage.type.search.nas"],
      ["Quick", "entity.name.function.search.nas"],
      ["on", "keyword.operator.word.nas"],
      ["FashionMobile", "entity.name.type.space.nas"],
    ]);
    assert.deepEqual(scopes("subnet small_fast of FashionMobile {").slice(0, 4), [
      ["subnet", "storage.type.subnet.nas"],
      ["small_fast", "entity.name.type.subnet.nas"],
      ["of", "keyword.operator.word.nas"],
      ["FashionMobile", "entity.name.type.space.nas"],
    ]);
  });

  test("numbers with scale, percent and time suffixes", () => {
    for (const [text, unit, scope] of [
      ["150k", "k", "keyword.other.unit.scale.nas"],
      ["1.42M", "M", "keyword.other.unit.scale.nas"],
      ["3G", "G", "keyword.other.unit.scale.nas"],
      ["86.9%", "%", "keyword.other.unit.percent.nas"],
      ["0.81ms", "ms", "keyword.other.unit.time.nas"],
      ["500us", "us", "keyword.other.unit.time.nas"],
      ["2s", "s", "keyword.other.unit.time.nas"],
      ["20min", "min", "keyword.other.unit.time.nas"],
    ]) {
      const [number, suffix] = tokenize(grammar, text)[0];
      assert.equal(number.text + suffix.text, text);
      assert.equal(number.scopes.at(-1), "constant.numeric.nas");
      assert.deepEqual(suffix.scopes.slice(-2), ["constant.numeric.nas", scope], text);
      assert.equal(suffix.text, unit);
    }
    assert.deepEqual(scopes("0.05"), [["0.05", "constant.numeric.nas"]]);
  });

  test("a number glued to letters is not a number, and a range is two numbers", () => {
    assert.deepEqual(scopes("20m"), [["20m", "source.nas"]]);
    assert.deepEqual(scopes("s1"), [["s1", "source.nas"]]);
    assert.deepEqual(scopes("out in 16..64 step 8"), [
      ["out", "variable.parameter.nas"],
      ["in", "keyword.operator.word.nas"],
      ["16", "constant.numeric.nas"],
      ["..", "keyword.operator.range.nas"],
      ["64", "constant.numeric.nas"],
      ["step", "keyword.operator.word.nas"],
      ["8", "constant.numeric.nas"],
    ]);
  });

  test("argument names before a colon, an equals sign or `in`", () => {
    assert.deepEqual(scopes("mbconv(out in {32, 40}, kernel: 3, se: true)"), [
      ["mbconv", "support.function.op.nas"],
      ["(", "punctuation.section.parens.begin.nas"],
      ["out", "variable.parameter.nas"],
      ["in", "keyword.operator.word.nas"],
      ["{", "punctuation.section.block.begin.nas"],
      ["32", "constant.numeric.nas"],
      [",", "punctuation.separator.comma.nas"],
      ["40", "constant.numeric.nas"],
      ["}", "punctuation.section.block.end.nas"],
      [",", "punctuation.separator.comma.nas"],
      ["kernel", "variable.parameter.nas"],
      [":", "punctuation.separator.key-value.nas"],
      ["3", "constant.numeric.nas"],
      [",", "punctuation.separator.comma.nas"],
      ["se", "variable.parameter.nas"],
      [":", "punctuation.separator.key-value.nas"],
      ["true", "constant.language.boolean.nas"],
      [")", "punctuation.section.parens.end.nas"],
    ]);
    assert.equal(scopeOf("s2[0] { out = 32, kernel = 5 }", "kernel"), "variable.parameter.nas");
    assert.equal(scopeOf("stem.out = 16", "out"), "variable.parameter.nas");
    assert.equal(scopeOf("stem.out = 16", "stem"), "source.nas");
    assert.equal(
      scopeOf("train { epochs: 6, optimizer: sgd(lr: 0.05) }", "optimizer"),
      "variable.parameter.nas",
    );
    assert.equal(
      scopeOf("train { epochs: 6, optimizer: sgd(lr: 0.05) }", "sgd"),
      "entity.name.function.call.nas",
    );
  });

  test("keywords and metrics keep their scope where an argument would stand", () => {
    assert.equal(scopeOf("s1.depth = 1", "depth"), "keyword.other.nas");
    assert.equal(scopeOf("resolution in {20, 24, 28}", "resolution"), "keyword.other.nas");
    assert.equal(
      scopeOf('measured { accuracy: 86.9%, run: "x" }', "accuracy"),
      "support.constant.metric.nas",
    );
    assert.equal(scopeOf('measured { accuracy: 86.9%, run: "x" }', "run"), "variable.parameter.nas");
    assert.deepEqual(scopes("constraint latency <= 2ms").slice(0, 3), [
      ["constraint", "keyword.other.nas"],
      ["latency", "support.constant.metric.nas"],
      ["<=", "keyword.operator.comparison.nas"],
    ]);
  });

  test("layer labels before an op, not before other values", () => {
    assert.deepEqual(scopes("stem: conv(out: 16) bn relu").slice(0, 3), [
      ["stem", "entity.name.label.nas"],
      [":", "punctuation.separator.label.nas"],
      ["conv", "support.function.op.nas"],
    ]);
    assert.equal(scopeOf("head: gap dense(classes)", "head"), "entity.name.label.nas");
    assert.equal(scopeOf("head: gap dense(classes)", "classes"), "variable.language.classes.nas");
    assert.equal(scopeOf("block: residual {", "block"), "entity.name.label.nas");
    assert.equal(scopeOf("sampling: sandwich(random: 2)", "sampling"), "variable.parameter.nas");
  });

  test("dataset names and loaders", () => {
    assert.equal(scopeOf("dataset fashion_mnist", "fashion_mnist"), "support.constant.dataset.nas");
    assert.equal(scopeOf('dataset idx("a.gz", "b.gz")', "idx"), "support.function.input.nas");
    assert.equal(scopeOf('dataset csv("d.csv", label: "col")', "label"), "variable.parameter.nas");
  });

  test("line comments, block comments across lines, and strings", () => {
    assert.deepEqual(scopes('seed 7 // or: "quoted" stage'), [
      ["seed", "keyword.other.nas"],
      ["7", "constant.numeric.nas"],
      ["//", "punctuation.definition.comment.nas"],
      ['or: "quoted" stage', "comment.line.double-slash.nas"],
    ]);
    const lines = tokenize(grammar, "space A { /* elastic\n stage s1 */ input image(28, 28, 1)");
    assert.deepEqual(lines[1].map((t) => [t.text, t.scopes.at(-1)]).slice(0, 3), [
      [" stage s1 ", "comment.block.nas"],
      ["*/", "punctuation.definition.comment.end.nas"],
      [" ", "source.nas"],
    ]);
    assert.equal(scopeOf('target remote "gpu // box"', "gpu // box"), "string.quoted.double.nas");
    assert.equal(scopeOf('run: "a\\"b"', '\\"'), "constant.character.escape.nas");
  });

  test("an unclosed string ends at the end of its line", () => {
    const lines = tokenize(grammar, 'train from "ckpt\nseed 7');
    assert.equal(lines[0].at(-1)?.scopes.at(-1), "string.quoted.double.nas");
    assert.equal(lines[1][0].scopes.at(-1), "keyword.other.nas");
  });
});
