/** `supernet/subnetEdit`: the write-back edit, as a WorkspaceEdit on the open document's current version. */
import { TextDocument } from "vscode-languageserver-textdocument";
import type { ParamsOf, PanelRequests, ResultOf } from "../../../protocol/panels";
import { subnetEdit } from "../../language/writeBack";
import { toRange } from "../features/convert";
import type { PanelDocuments } from "./documents";

export function subnetEditRequest(
  documents: PanelDocuments,
  params: ParamsOf<typeof PanelRequests.subnetEdit>,
): ResultOf<typeof PanelRequests.subnetEdit> {
  const found = documents.get(params.uri);
  if ("error" in found) return found;
  if (!found.open)
    return { error: "open the document in the editor first: the edit applies to its current text" };
  const { doc } = found;
  const text = doc.getText();
  const result = subnetEdit(text, found.analysis, params);
  if ("error" in result) return result;
  const { edit } = result;
  const edited = TextDocument.create(
    doc.uri,
    doc.languageId,
    doc.version + 1,
    text.slice(0, edit.start) + edit.newText + text.slice(edit.end),
  );
  return {
    edit: {
      documentChanges: [
        {
          textDocument: { uri: doc.uri, version: doc.version },
          edits: [{ range: toRange(doc, edit), newText: edit.newText }],
        },
      ],
    },
    block: result.block,
    blockRange: toRange(edited, { start: result.blockStart, end: result.blockStart + result.block.length }),
    replaces: result.replaces,
    notes: [...result.notes],
  };
}
