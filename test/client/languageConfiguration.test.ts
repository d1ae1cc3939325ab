import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

interface LanguageConfiguration {
  comments: { lineComment: string; blockComment: [string, string] };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  folding: { markers: { start: string; end: string } };
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: { beforeText: string; afterText?: string }[];
}

const config = JSON.parse(readFileSync("language-configuration.json", "utf8")) as LanguageConfiguration;

/** The words VS Code would see in a line, with the pattern used the way the editor uses it. */
function words(line: string): string[] {
  return [...line.matchAll(new RegExp(config.wordPattern, "g"))].map((m) => m[0]);
}

describe("nas language configuration", () => {
  test("comments match the language's // and /* */", () => {
    assert.deepEqual(config.comments, { lineComment: "//", blockComment: ["/*", "*/"] });
  });

  test("every bracket auto-closes and surrounds a selection", () => {
    const closing = new Map(config.autoClosingPairs.map((p) => [p.open, p.close]));
    const surrounding = new Map(config.surroundingPairs);
    for (const [open, close] of config.brackets) {
      assert.equal(closing.get(open), close, open);
      assert.equal(surrounding.get(open), close, open);
    }
    assert.equal(closing.get('"'), '"');
    assert.equal(surrounding.get('"'), '"');
  });

  test("a number with its suffix and an identifier are each one word", () => {
    assert.deepEqual(words("constraint latency <= 2ms"), ["constraint", "latency", "2ms"]);
    assert.deepEqual(words("measured { accuracy: 86.9%, macs: 1.42M, params: 61.3k }"), [
      ...["measured", "accuracy", "86.9%", "macs", "1.42M", "params", "61.3k"],
    ]);
    assert.deepEqual(words("budget 20min"), ["budget", "20min"]);
    assert.deepEqual(words("s2[1].kernel = 3"), ["s2", "1", "kernel", "3"]);
    assert.deepEqual(words("dataset fashion_mnist"), ["dataset", "fashion_mnist"]);
  });

  test("indents after an open brace and outdents at a closing one", () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const line of [
      "space FashionMobile {",
      "  stage s1 depth in {1, 2} {",
      "  objectives {",
      "  mbconv(",
    ]) {
      assert.match(line, increase);
    }
    for (const line of [
      "  train { epochs: 6, batch: 128 }",
      "  resolution in {20, 24, 28}",
      "// a { in a comment",
    ]) {
      assert.doesNotMatch(line, increase);
    }
    assert.match("  }", decrease);
    assert.match(")", decrease);
    assert.doesNotMatch("  stem: conv(out: 16) bn relu", decrease);
  });

  test("folding markers are region comments", () => {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    assert.match("  // region stages", start);
    assert.match("// #endregion", end);
    assert.doesNotMatch("// endregion", start);
    assert.doesNotMatch("stage region {", start);
  });

  test("Enter inside a block comment continues it", () => {
    const [between, opened, continued] = config.onEnterRules.map((rule) => new RegExp(rule.beforeText));
    assert.match("/* elastic kernel", between);
    assert.match("  /** doc", opened);
    assert.match("   * more text", continued);
    assert.doesNotMatch("/* closed */", opened);
    assert.doesNotMatch("  stem: conv(out: 16 * 2)", continued);
  });
});
