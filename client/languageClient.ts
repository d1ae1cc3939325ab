// The client for the Supernet Studio language server, which the build bundles at out/server/server.js.
import * as path from "node:path";
import type { ExtensionContext, LogOutputChannel } from "vscode";
import { LanguageClient, TransportKind } from "vscode-languageclient/node";
import type { LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { SERVER_EXEC_ARGV } from "../protocol/serverProcess";
import { settingsSection } from "./settings";

export function createLanguageClient(
  context: ExtensionContext,
  outputChannel: LogOutputChannel,
): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join("out", "server", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    // Used when the extension host runs under a debugger: attach to the server on port 6009.
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, "--nolazy", "--inspect=6009"] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "nas" },
      { scheme: "untitled", language: "nas" },
    ],
    outputChannel,
  };
  return new LanguageClient(settingsSection, "Supernet Studio", serverOptions, clientOptions);
}
