import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { loadGrammar, tokenize } from "./textmate";

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const snippets = JSON.parse(readFileSync("snippets/nas.json", "utf8")) as Record<string, Snippet>;
const grammar = loadGrammar("syntaxes/nas.tmLanguage.json");

/** The text a snippet inserts when every placeholder keeps its default (the first of a choice). */
function expand(body: string[]): string {
  let text = body.join("\n").replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, "$1");
  // Innermost placeholders first, so nested ones unwrap from the inside out.
  for (let previous = ""; previous !== text;) {
    previous = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, "$1");
  }
  return text.replace(/\$\d+/g, "");
}

/** Tab stop numbers in the order they first appear. */
function tabStops(body: string[]): number[] {
  const numbers = [...body.join("\n").matchAll(/\$\{?(\d+)/g)].map((m) => Number(m[1]));
  return [...new Set(numbers)];
}

describe("nas snippets", () => {
  test("cover the blocks of the language", () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    assert.deepEqual(prefixes.sort(), ["mbconv", "residual", "search", "space", "stage", "subnet"]);
    for (const snippet of Object.values(snippets)) assert.ok(snippet.description.length > 10, snippet.prefix);
  });

  test("expand to text with no snippet syntax left and balanced brackets", () => {
    for (const snippet of Object.values(snippets)) {
      const text = expand(snippet.body);
      assert.doesNotMatch(text, /\$/, snippet.prefix);
      const open: string[] = [];
      for (const char of text) {
        if ("{[(".includes(char)) open.push(char);
        else if ("}])".includes(char))
          assert.equal(open.pop(), { "}": "{", "]": "[", ")": "(" }[char], snippet.prefix);
      }
      assert.deepEqual(open, [], snippet.prefix);
    }
  });

  test("number their tab stops 1, 2, 3… in order, ending at $0 where there is one", () => {
    for (const snippet of Object.values(snippets)) {
      const stops = tabStops(snippet.body).filter((n) => n !== 0);
      assert.deepEqual(
        stops,
        stops.map((_, i) => i + 1),
        snippet.prefix,
      );
    }
  });

  test("start with the keyword or op they are named after", () => {
    for (const snippet of Object.values(snippets)) {
      const [first] = tokenize(grammar, expand(snippet.body))[0];
      assert.equal(first.text, snippet.prefix);
      assert.match(first.scopes.at(-1) ?? "", /^(storage\.type|keyword\.other|support\.function\.op)\./);
    }
  });

  test("indent with tabs, which the editor turns into the user's indentation", () => {
    for (const snippet of Object.values(snippets)) {
      for (const line of snippet.body) assert.doesNotMatch(line, /^ +/, snippet.prefix);
    }
  });
});
