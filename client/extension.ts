// Extension entry point: starts the language server for .nas files, run management and the panels.
import { window } from "vscode";
import type { ExtensionContext } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { createLanguageClient } from "./languageClient";
import { registerPanels } from "./panels";
import { registerRuns } from "./runs";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = window.createOutputChannel("Supernet Studio", { log: true });
  context.subscriptions.push(outputChannel);
  client = createLanguageClient(context, outputChannel);
  await client.start();
  const runs = registerRuns(context, client, outputChannel);
  registerPanels(context, client, runs);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
