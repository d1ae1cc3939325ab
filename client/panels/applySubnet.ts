/**
 * `Apply to source`: asks for a name (default `pareto_<accuracy>_<macs>`), asks the language
 * server for the edit on the document as it is now, and applies it as one undoable edit.
 */
import {
  InputBoxValidationSeverity,
  Position,
  Range,
  Selection as EditorSelection,
  TextEditorRevealType,
  Uri,
  WorkspaceEdit,
  window,
  workspace,
} from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { PanelRange, Selection } from "../../protocol/panels";
import { PanelRequests } from "../../protocol/panels";
import { panelRequest } from "./lsp";
import { measuredOf } from "./selectionModel";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function range(r: PanelRange): Range {
  return new Range(new Position(r.start.line, r.start.character), new Position(r.end.line, r.end.character));
}

/** Applies the subnet; the name of the block written, or undefined when nothing was. */
export async function applySubnet(
  client: LanguageClient,
  selection: Selection | undefined,
): Promise<string | undefined> {
  if (!selection) {
    void window.showInformationMessage("Select a subnet first: click a point on the Pareto front.");
    return undefined;
  }
  if (!selection.uri) {
    void window.showErrorMessage("The .nas file of this subnet's run is not known, so it cannot be applied.");
    return undefined;
  }
  const uri = Uri.parse(selection.uri);
  const document = await workspace.openTextDocument(uri);
  const details = await panelRequest(client, PanelRequests.subnetDetails, {
    uri: selection.uri,
    space: selection.space,
    choices: selection.choices,
    metrics: { accuracy: selection.metrics.accuracy, macs: selection.metrics.macs },
  });
  if ("error" in details) {
    void window.showErrorMessage(`Cannot apply the subnet: ${details.error}`);
    return undefined;
  }
  const existing = new Set(details.details.subnets.map((s) => s.name));
  const name = await window.showInputBox({
    title: `Apply ${selection.label} to ${selection.space}`,
    prompt: "Name of the subnet block",
    value: details.details.suggestedName,
    validateInput: (v) =>
      !NAME.test(v)
        ? "Letters, digits and _, not starting with a digit"
        : existing.has(v)
          ? { message: `Replaces the subnet block \`${v}\``, severity: InputBoxValidationSeverity.Warning }
          : undefined,
  });
  if (!name) return undefined;
  // The document may change between the answer and the edit: ask again, once, on its new version.
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await panelRequest(client, PanelRequests.subnetEdit, {
      uri: selection.uri,
      space: selection.space,
      name,
      choices: selection.choices,
      measured: measuredOf(selection),
    });
    if ("error" in result) {
      void window.showErrorMessage(`Cannot apply the subnet: ${result.error}`);
      return undefined;
    }
    const change = result.edit.documentChanges[0];
    if (change.textDocument.version !== document.version) continue;
    const edit = new WorkspaceEdit();
    for (const e of change.edits) edit.replace(uri, range(e.range), e.newText);
    if (!(await workspace.applyEdit(edit))) {
      void window.showErrorMessage("The subnet block could not be written: the edit was refused.");
      return undefined;
    }
    // In the editor group that already shows the file, not over the panel that has the focus.
    const open = window.visibleTextEditors.find((e) => e.document === document);
    const editor = await window.showTextDocument(document, {
      viewColumn: open?.viewColumn,
      preserveFocus: false,
    });
    const block = range(result.blockRange);
    editor.selection = new EditorSelection(block.start, block.start);
    editor.revealRange(block, TextEditorRevealType.InCenterIfOutsideViewport);
    const notes = result.notes.length ? ` Note: ${result.notes.join("; ")}.` : "";
    void window.showInformationMessage(
      `${result.replaces ? "Replaced" : "Added"} subnet ${name} in ${selection.space}.${notes}`,
    );
    return name;
  }
  void window.showWarningMessage("The document kept changing: the subnet was not applied. Try again.");
  return undefined;
}
