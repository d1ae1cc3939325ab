import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { LiteralError, parsePythonLiteral } from "../../server/runs/import/pythonLiteral";

describe("Python literal reader", () => {
  test("reads DyNAS-T's OFA MobileNetV3 sub-network dict", () => {
    const v = parsePythonLiteral(
      "{'wid': None, 'ks': [5, 7], 'e': [4, 3], 'd': [2, 3, 2, 4, 3], 'r': [224]}",
    );
    assert.deepEqual(
      v,
      new Map<string, unknown>([
        ["wid", null],
        ["ks", [5, 7]],
        ["e", [4, 3]],
        ["d", [2, 3, 2, 4, 3]],
        ["r", [224]],
      ]),
    );
  });

  test("reads strings in both quotes with escapes, numbers of every form, booleans, tuples, sets, nesting", () => {
    assert.deepEqual(parsePythonLiteral(`"it's"`), "it's");
    assert.deepEqual(parsePythonLiteral(String.raw`'a\'b\\c\n\x41\u00e9'`), "a'b\\c\nAé");
    assert.deepEqual(parsePythonLiteral("[-1, +2, 0.25, .5, 1e-3, 2E+2, 1_000, inf, -inf]"), [
      -1,
      2,
      0.25,
      0.5,
      0.001,
      200,
      1000,
      Infinity,
      -Infinity,
    ]);
    assert.ok(Number.isNaN(parsePythonLiteral("nan")));
    assert.deepEqual(parsePythonLiteral("(True, False, None,)"), [true, false, null]);
    assert.deepEqual(parsePythonLiteral("{1, 2}"), [1, 2]);
    assert.deepEqual(parsePythonLiteral("{}"), new Map());
    assert.deepEqual(parsePythonLiteral("{3: {'a': []}}"), new Map([["3", new Map([["a", []]])]]));
  });

  test("reads numpy's scalar and array reprs as their values", () => {
    assert.deepEqual(
      parsePythonLiteral("{'d': [np.int64(2), numpy.float32(0.5)], 'r': array([224])}"),
      new Map<string, unknown>([
        ["d", [2, 0.5]],
        ["r", [224]],
      ]),
    );
  });

  test("says what is wrong and where", () => {
    const cases: [string, RegExp][] = [
      ["{'ks': [3, 5}", /expected `,` or `]`, got `}` at character 13/],
      ["{'ks' [3]}", /expected `:` after the dict key, got `\[` at character 7/],
      ["{'ks': [3, 5]", /expected `,` or `}`, got end of text at character 14/],
      ["'open", /unterminated string at character 1/],
      ["{'a': foo}", /unknown name `foo`.* at character 7/],
      ["[1] 2", /unexpected `2` after the value at character 5/],
      ["{[1]: 2}", /a dict key must be a string or a number at character 2/],
      ["np.int64(1, 2)", /should hold one value, got 2/],
      ["", /unexpected end of text: expected a value at character 1/],
    ];
    for (const [text, message] of cases) {
      assert.throws(
        () => parsePythonLiteral(text),
        (e: unknown) => e instanceof LiteralError && message.test(e.message),
        text,
      );
    }
  });
});
