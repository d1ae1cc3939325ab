/**
 * Helpers for tests that run inside the extension host: the files of the test workspace (see
 * test/e2e/fixtures/workspace) and waits on VS Code's events.
 */
import { Uri, languages, window, workspace } from "vscode";
import type { Diagnostic, Position, TextDocument, TextEditor } from "vscode";

export const EXTENSION_ID = "supernet-studio.supernet-studio";

export function workspaceFile(name: string): Uri {
  const folder = workspace.workspaceFolders?.[0];
  if (!folder)
    throw new Error("the extension-host tests need a workspace folder (test/e2e/fixtures/workspace)");
  return Uri.joinPath(folder.uri, name);
}

export async function openInEditor(name: string): Promise<TextEditor> {
  const document = await workspace.openTextDocument(workspaceFile(name));
  return window.showTextDocument(document);
}

/** The position just before the first occurrence of `text` in the document, plus `offset` characters. */
export function positionOf(document: TextDocument, text: string, offset = 0): Position {
  const index = document.getText().indexOf(text);
  if (index < 0) throw new Error(`"${text}" is not in ${document.uri.fsPath}`);
  return document.positionAt(index + offset);
}

/**
 * Resolves with the document's diagnostics once they satisfy `accept`, checking now and on every
 * change VS Code reports for that document. The test's own timeout bounds the wait; its signal
 * ends the subscription.
 */
export function diagnosticsWhen(
  uri: Uri,
  accept: (diagnostics: readonly Diagnostic[]) => boolean,
  signal: AbortSignal,
): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      subscription.dispose();
      resolve(diagnostics);
      return true;
    };
    const subscription = languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    signal.addEventListener("abort", () => {
      subscription.dispose();
      reject(
        new Error(
          `diagnostics of ${uri.fsPath} never matched; last: ${JSON.stringify(languages.getDiagnostics(uri))}`,
        ),
      );
    });
    check();
  });
}
