/** Document formatting, delegated to the language's formatter. */
import type { FormattingOptions, TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { formatDocument } from "../../language/format";
import { toTextEdit } from "./convert";

/**
 * The edits that format the document; none when its brackets do not pair up (formatting would be
 * unsafe). The formatter indents with spaces only: `tabSize` of them per level.
 */
export function formatting(doc: TextDocument, options: FormattingOptions): TextEdit[] {
  const edits = formatDocument(doc.getText(), { indent: options.tabSize });
  return (edits ?? []).map((e) => toTextEdit(doc, e));
}
