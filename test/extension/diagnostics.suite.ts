/** The extension starts on a .nas file and its language server publishes diagnostics as the text changes. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DiagnosticSeverity, WorkspaceEdit, extensions, workspace } from "vscode";
import { EXTENSION_ID, diagnosticsWhen, openInEditor, positionOf } from "./workspace";

export function diagnosticsSuite(): void {
  describe("activation and diagnostics", () => {
    test("the extension activates when a .nas file opens and reports its error", async (t) => {
      const extension = extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is loaded from the checkout`);
      assert.equal(
        extension.isActive,
        false,
        "no .nas file was open yet, so nothing should have activated it",
      );

      const { document } = await openInEditor("broken.nas");
      assert.equal(document.languageId, "nas");
      const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length > 0, t.signal);
      assert.equal(extension.isActive, true);

      assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
      const [error] = diagnostics;
      assert.equal(error.severity, DiagnosticSeverity.Error);
      assert.equal(error.code, "unknown-argument");
      assert.match(error.message, /strid/);
      assert.deepEqual(error.range.start, positionOf(document, "strid:"));
    });

    test("fixing the misspelling clears the diagnostics", async (t) => {
      const { document } = await openInEditor("broken.nas");
      const edit = new WorkspaceEdit();
      edit.insert(document.uri, positionOf(document, "strid:", "strid".length), "e");
      assert.ok(await workspace.applyEdit(edit));
      assert.match(document.getText(), /stride: 2\) bn relu/);
      await diagnosticsWhen(document.uri, (d) => d.length === 0, t.signal);
    });
  });
}
