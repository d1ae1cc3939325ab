import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  completion,
  definition,
  documentSymbols,
  foldingRanges,
  hover,
  prepareRename,
  references,
  semanticTokens,
  codeLenses,
} from "../../../server/lsp/features";
import { parse } from "../../../server/language/parser";
import { completionContext } from "../../../server/lsp/features/completionContext";
import { EXAMPLE, checked } from "./fixture";

describe("features on any text", () => {
  test("every position-based feature answers at every offset of the example without throwing", () => {
    const { doc, analysis } = checked(EXAMPLE);
    for (let offset = 0; offset <= EXAMPLE.length; offset++) {
      const position = doc.positionAt(offset);
      hover(doc, analysis, position);
      completion(doc, analysis, position);
      definition(doc, analysis, position);
      references(doc, analysis, position, true);
      prepareRename(doc, analysis, position);
    }
  });

  test("every prefix of the example (text being typed) gets answers at its end, and whole-document features work", () => {
    for (let cut = 0; cut <= EXAMPLE.length; cut += 3) {
      const { doc, analysis } = checked(EXAMPLE.slice(0, cut));
      const end = doc.positionAt(cut);
      assert.ok(Array.isArray(completion(doc, analysis, end)));
      hover(doc, analysis, end);
      documentSymbols(doc, analysis);
      foldingRanges(doc, analysis);
      codeLenses(doc, analysis);
      assert.equal(semanticTokens(doc, analysis).data.length % 5, 0);
    }
  });

  // Where brackets do not pair up, the window follows the parser's recovery instead: no equality to expect there.
  test("completion reads only the statement around the cursor, and decides as if it read the whole text", () => {
    const texts = [
      EXAMPLE,
      EXAMPLE.replace("expand in {2, 4}, stride: 2", "expand in , stride: 2 kernel"),
      EXAMPLE.replace("predictor: ridge", "predictor: ").replace("target local", "target"),
      EXAMPLE.replace("s1.depth = 1", "s1.depth =\n  s1.").replace(
        "s2[1] { kernel = 3, expand = 2 }",
        "s2[1] { kernel = , }",
      ),
    ];
    for (const text of texts) {
      const file = parse(text);
      for (let offset = 0; offset <= text.length; offset++) {
        assert.deepEqual(
          completionContext(text, offset, file),
          completionContext(text, offset),
          `at offset ${offset}`,
        );
      }
    }
  });
});
