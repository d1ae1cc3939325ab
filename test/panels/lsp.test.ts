/**
 * The panels' requests against the real bundled language server over stdio: the graph, subnet
 * details and the write-back edit, on a document that changes. Needs `npm run build` first.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { z } from "zod";
import type { RequestDef } from "../../protocol/panels";
import { PanelRequests } from "../../protocol/panels";
import { LspClient } from "../support/lspClient";
import { quickRun } from "./events";

const URI = "file:///virtual/quick.nas";
const TEXT = readFileSync(new URL("../fixtures/panels/quick-run.nas", import.meta.url), "utf8");
const chosen = quickRun().find((e) => e.type === "evaluation" && e.index === 7);
assert.ok(chosen?.type === "evaluation");

describe("panel requests to the language server", () => {
  let client: LspClient;
  let version = 1;

  const request = async <P extends z.ZodType, R extends z.ZodType>(
    def: RequestDef<P, R>,
    params: z.infer<P>,
  ): Promise<z.infer<R>> => def.result.parse(await client.connection.sendRequest(def.method, params));

  before(async () => {
    ({ client } = await LspClient.start());
    await client.open(URI, TEXT, version);
  });
  after(async () => {
    await client.stop();
  });

  test("spaces and a space's graph", async () => {
    const { spaces } = await request(PanelRequests.spaces, { uri: URI });
    assert.deepEqual(
      spaces.map((s) => s.name),
      ["QuickFashion"],
    );
    const result = await request(PanelRequests.spaceGraph, { uri: URI, space: "QuickFashion" });
    assert.ok("graph" in result);
    assert.equal(result.graph.version, version);
    const stem = result.graph.nodes.find((n) => n.id === "stem/0")!;
    assert.equal(TextDocument.create(URI, "nas", 1, TEXT).getText(stem.range).slice(0, 5), "conv(");
    assert.deepEqual(await request(PanelRequests.spaceGraph, { uri: URI, space: "Nope" }), {
      error: "no space named `Nope` in this file",
    });
  });

  test("write-back: a run's subnet goes into the document as it is now, checks cleanly, and reads back the same", async () => {
    // The document changes after the run: a comment above the space.
    const edited = `// tuned later\n${TEXT}`;
    const published = await client.change(URI, ++version, edited);
    assert.deepEqual(published.diagnostics, []);
    const details = await request(PanelRequests.subnetDetails, {
      uri: URI,
      space: "QuickFashion",
      choices: chosen.choices,
      metrics: chosen.metrics,
    });
    assert.ok("details" in details);
    assert.deepEqual(details.details.notes, []);
    const name = details.details.suggestedName;
    assert.match(name, /^pareto_\d+p\d_\d+p?\d*k$/);
    const result = await request(PanelRequests.subnetEdit, {
      uri: URI,
      space: "QuickFashion",
      name,
      choices: chosen.choices,
      measured: { ...chosen.metrics, run: "r1" },
    });
    assert.ok("edit" in result, "error" in result ? result.error : "");
    const [change] = result.edit.documentChanges;
    assert.deepEqual(change.textDocument, { uri: URI, version });
    const doc = TextDocument.create(URI, "nas", version, edited);
    const after = TextDocument.applyEdits(doc, change.edits);
    assert.ok(after.startsWith(edited.slice(0, doc.offsetAt(change.edits[0].range.start))));
    const diagnostics = await client.change(URI, ++version, after);
    assert.deepEqual(diagnostics.diagnostics, [], "the document with the block checks cleanly");
    assert.equal(TextDocument.create(URI, "nas", version, after).getText(result.blockRange), result.block);
    const back = await request(PanelRequests.subnetChoices, { uri: URI, subnet: name });
    assert.ok("choices" in back);
    assert.deepEqual(back.choices, details.details.choices);
    // MACs and params are written as the source computes them now (the op table may have changed since the run).
    assert.equal(back.macs, details.details.analytic!.macs);
    for (const note of result.notes) assert.match(note, /^(macs|params|model_size) is /);
  });

  test("malformed params are refused with an error, and the server keeps serving", async () => {
    await assert.rejects(
      client.connection.sendRequest(PanelRequests.subnetEdit.method, { uri: URI, space: 3 }),
      /malformed params/,
    );
    const { spaces } = await request(PanelRequests.spaces, { uri: URI });
    assert.equal(spaces.length, 1);
  });

  test("an edit needs the document open", async () => {
    const result = await request(PanelRequests.subnetEdit, {
      uri: "untitled:nothing",
      space: "S",
      name: "n",
      choices: {},
      measured: {},
    });
    assert.ok("error" in result);
  });
});
