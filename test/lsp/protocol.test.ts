/**
 * Starts the real bundled language server over stdio and speaks LSP to it, as an editor would.
 * Needs `npm run build` first (npm test builds before it runs).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CompletionRequest,
  DocumentFormattingRequest,
  HoverRequest,
  RenameRequest,
} from "vscode-languageserver-protocol/node";
import type { CompletionItem, CompletionList, MarkupContent } from "vscode-languageserver-protocol/node";
import { LspClient } from "../support/lspClient";

const URI = "file:///virtual/space.nas";
const TEXT = `space Tiny {
  input image(28, 28, 1)
  resolution in {20, 28}
  dataset fashion_mnist
  stem: conv(out: 16, kernel: 3) bn relu
  stage s1 depth in {1, 2} {
    mbconv(out: 24, kernel in {3, 5}, expand in {2, 4}, stride: 2)
  }
  head: gap dense(classes)
}

search Quick on Tiny {
  objectives {
    maximize accuracy
    minimize macs
  }
  budget 40 evaluations
}

subnet small of Tiny {
  s1.depth = 1
  s1[0] { kernel = 3, expand = 2 }
}
`;

describe("language server over stdio", () => {
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start());
  });
  after(async () => {
    if (client) assert.equal(await client.stop(), 0);
  });

  test("initialize advertises the features", async () => {
    const { client: other, init } = await LspClient.start();
    const caps = init.capabilities;
    assert.ok(
      caps.hoverProvider && caps.completionProvider && caps.renameProvider && caps.documentFormattingProvider,
    );
    assert.ok(
      caps.semanticTokensProvider &&
        caps.codeLensProvider &&
        caps.codeActionProvider &&
        caps.foldingRangeProvider,
    );
    assert.equal(await other.stop(), 0);
  });

  test("didOpen publishes no diagnostics for a valid file, and one for a typo", async () => {
    const clean = await client.open(URI, TEXT, 1);
    assert.deepEqual(
      clean.diagnostics.filter((d) => d.severity === 1),
      [],
    );
    const broken = await client.change(URI, 2, TEXT.replace("mbconv(", "mbcnv("));
    const errors = broken.diagnostics.filter((d) => d.severity === 1);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, "unknown-op");
    assert.equal(errors[0].range.start.line, 6);
    const fixed = await client.change(URI, 3, TEXT);
    assert.equal(fixed.version, 3);
    assert.deepEqual(
      fixed.diagnostics.filter((d) => d.severity === 1),
      [],
    );
  });

  test("hover on an op shows its MACs", async () => {
    const line = TEXT.split("\n").findIndex((l) => l.includes("mbconv("));
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: { line, character: 6 },
    });
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /mbconv/);
    assert.match(value, /MACs/i);
  });

  test("completion inside conv( offers its arguments", async () => {
    const line = TEXT.split("\n").findIndex((l) => l.includes("stem: conv("));
    const character = TEXT.split("\n")[line].indexOf("conv(") + 5;
    const result = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: URI },
      position: { line, character },
    });
    const items: CompletionItem[] = Array.isArray(result)
      ? result
      : ((result as CompletionList | null)?.items ?? []);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes("stride"), `got ${labels.join(", ")}`);
  });

  test("formatting returns edits that tidy the file", async () => {
    await client.change(URI, 4, TEXT.replace("  input image(28, 28, 1)", "input   image(28,28,1)"));
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri: URI },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.ok(edits && edits.length > 0);
  });

  test("rename of a stage updates the subnet's paths", async () => {
    await client.change(URI, 5, TEXT);
    const line = TEXT.split("\n").findIndex((l) => l.includes("stage s1"));
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: URI },
      position: { line, character: 9 },
      newName: "blocks",
    });
    const changes = edit?.changes?.[URI] ?? [];
    // The declaration, `s1.depth` and `s1[0]`.
    assert.equal(changes.length, 3);
    assert.ok(changes.every((c) => c.newText === "blocks"));
  });
});
