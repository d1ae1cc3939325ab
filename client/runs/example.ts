/**
 * `Supernet: Open Example` (the Getting Started walkthrough's first step): opens quick.nas from
 * the first workspace folder, copying the bundled example there first when it is not there yet
 * (outside a workspace, into the extension's storage), so its runs land beside it.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ExtensionContext } from "vscode";
import { Uri, window, workspace } from "vscode";

export const OPEN_EXAMPLE_COMMAND = "supernet.openExample";
const EXAMPLE = "quick.nas";

export async function openExample(context: ExtensionContext): Promise<void> {
  const folder =
    workspace.workspaceFolders?.[0]?.uri.fsPath ?? join(context.globalStorageUri.fsPath, "examples");
  const target = join(folder, EXAMPLE);
  if (!existsSync(target)) {
    mkdirSync(folder, { recursive: true });
    copyFileSync(context.asAbsolutePath(join("examples", EXAMPLE)), target);
  }
  await window.showTextDocument(await workspace.openTextDocument(Uri.file(target)));
}
