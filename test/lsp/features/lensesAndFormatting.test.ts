import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import { Commands } from "../../../protocol/commands";
import { codeLenses } from "../../../server/lsp/features/codeLens";
import { formatting } from "../../../server/lsp/features/formatting";
import { EXAMPLE, URI, checked } from "./fixture";

describe("code lenses", () => {
  test("Run Search and Show Supernet above a search; Show in Graph with the subnet's cost above a subnet", () => {
    const { doc, analysis } = checked(EXAMPLE);
    const lenses = codeLenses(doc, analysis);
    assert.deepEqual(
      lenses.map((l) => [
        l.range.start.line,
        l.command?.title.replace(/ · .*/, ""),
        l.command?.command,
        l.command?.arguments,
      ]),
      [
        [17, "▶ Run Search", Commands.runSearch, [{ uri: URI, search: "Quick" }]],
        [17, "Show Supernet", Commands.showGraph, [{ uri: URI, space: "FashionMobile" }]],
        [
          32,
          "Show in Graph",
          Commands.showInGraph,
          [{ uri: URI, space: "FashionMobile", subnet: "small_fast" }],
        ],
      ],
    );
    const cost = analysis.subnets[0].cost;
    assert.ok(cost);
    assert.match(lenses[2].command?.title ?? "", /^Show in Graph · \S+ MACs · \S+ params$/);
  });

  test("no lenses for declarations without a name", () => {
    const { doc, analysis } = checked("search {\n}\nsubnet of X {\n}\n");
    assert.deepEqual(codeLenses(doc, analysis), []);
  });
});

describe("formatting", () => {
  test("the edits turn the document into its formatted form, indented by tabSize", () => {
    const text = "space A{\ninput image(28,28,1)\n  conv(out:16,kernel:3)   bn\n}\n";
    const doc = TextDocument.create(URI, "nas", 1, text);
    const formatted = TextDocument.applyEdits(doc, formatting(doc, { tabSize: 4, insertSpaces: true }));
    assert.equal(formatted, "space A {\n    input image(28, 28, 1)\n    conv(out: 16, kernel: 3) bn\n}\n");
    const again = TextDocument.create(URI, "nas", 2, formatted);
    assert.deepEqual(formatting(again, { tabSize: 4, insertSpaces: true }), []);
  });

  test("no edits when brackets do not pair up", () => {
    const doc = TextDocument.create(URI, "nas", 1, "space A {\n  conv(out: 16\n");
    assert.deepEqual(formatting(doc, { tabSize: 2, insertSpaces: true }), []);
  });
});
