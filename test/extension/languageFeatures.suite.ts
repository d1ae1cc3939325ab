/** Hover, completion, formatting and code lenses answer through VS Code's own provider commands. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { WorkspaceEdit, commands, workspace } from "vscode";
import type {
  CodeLens,
  CompletionList,
  FormattingOptions,
  Hover,
  MarkdownString,
  TextDocument,
  TextEdit,
} from "vscode";
import { Commands } from "../../protocol/commands";
import type { RunSearchArgs } from "../../protocol/commands";
import { openInEditor, positionOf, workspaceFile } from "./workspace";

const FORMATTING: FormattingOptions = { tabSize: 2, insertSpaces: true };

export function languageFeaturesSuite(): void {
  describe("language features", () => {
    test("hover on an op describes it with its costs", async () => {
      const { document } = await openInEditor("quick.nas");
      const hovers = await commands.executeCommand<Hover[]>(
        "vscode.executeHoverProvider",
        document.uri,
        positionOf(document, "mbconv(", 2),
      );
      const text = hovers
        .flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : (c as MarkdownString).value)))
        .join("\n");
      assert.match(text, /`mbconv`/);
      assert.match(text, /MACs/);
    });

    test("completion inside an op's arguments offers the arguments not yet written", async () => {
      const { document } = await openInEditor("quick.nas");
      const list = await commands.executeCommand<CompletionList>(
        "vscode.executeCompletionItemProvider",
        document.uri,
        positionOf(document, "conv(out: 16", "conv(".length),
      );
      const labels = list.items.map((item) =>
        typeof item.label === "string" ? item.label : item.label.label,
      );
      assert.ok(labels.includes("groups"), labels.join(", "));
    });

    test("formatting restores the indentation of a file that lost it", async () => {
      const original = await openInEditor("quick.nas");
      await format(original.document);
      const flattened = original.document
        .getText()
        .split("\n")
        .map((line) => line.trimStart())
        .join("\n");
      await workspace.fs.writeFile(workspaceFile("flattened.nas"), new TextEncoder().encode(flattened));
      const { document } = await openInEditor("flattened.nas");

      assert.ok((await format(document)) > 0, "a flattened file needs edits");
      assert.deepEqual(indentation(document), indentation(original.document));
      assert.equal(await format(document), 0, "formatting a formatted file changes nothing");
    });

    test("a search block has a Run Search code lens with a registered command", async () => {
      const { document } = await openInEditor("quick.nas");
      const lenses = await commands.executeCommand<CodeLens[]>(
        "vscode.executeCodeLensProvider",
        document.uri,
      );
      const run = lenses.find((lens) => lens.command?.command === Commands.runSearch);
      assert.ok(run, JSON.stringify(lenses.map((lens) => lens.command?.command)));
      const args: RunSearchArgs = { uri: document.uri.toString(), search: "Quick" };
      assert.deepEqual(run.command!.arguments, [args]);
      assert.equal(run.range.start.line, positionOf(document, "search Quick").line);
      const registered = await commands.getCommands(true);
      assert.ok(registered.includes(Commands.runSearch), `${Commands.runSearch} is not registered`);
    });
  });
}

function indentation(document: TextDocument): string[] {
  return document
    .getText()
    .split("\n")
    .map((line) => /^\s*/.exec(line)![0]);
}

/** Formats the document through VS Code's provider command and applies the edits; returns their count. */
async function format(document: TextDocument): Promise<number> {
  // The command answers undefined, not [], when no provider has an edit.
  const edits =
    (await commands.executeCommand<TextEdit[] | undefined>(
      "vscode.executeFormatDocumentProvider",
      document.uri,
      FORMATTING,
    )) ?? [];
  if (edits.length > 0) {
    const edit = new WorkspaceEdit();
    edit.set(document.uri, edits);
    assert.ok(await workspace.applyEdit(edit), "VS Code applied the formatting edits");
  }
  return edits.length;
}
