/**
 * A minimal LSP client over stdio for tests and benchmarks: starts the real bundled server
 * (out/server/server.js) and speaks the protocol to it. Waits on notifications, never on time.
 */
import { SERVER_EXEC_ARGV } from "../../protocol/serverProcess";
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { ProtocolConnection } from "vscode-languageserver-protocol/node";
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from "vscode-languageserver-protocol/node";
import type { InitializeResult, PublishDiagnosticsParams } from "vscode-languageserver-protocol/node";

export const SERVER_BUNDLE = resolve(__dirname, "../../out/server/server.js");

export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly waiters: {
    uri: string;
    version: number | undefined;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  readonly stderr: string[] = [];

  private constructor(readonly process: ChildProcess) {
    this.connection = createProtocolConnection(
      new StreamMessageReader(process.stdout!),
      new StreamMessageWriter(process.stdin!),
    );
    process.stderr!.on("data", (d: Buffer) => this.stderr.push(d.toString()));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.uri === p.uri && (w.version === undefined || p.version === w.version)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
        }
      }
    });
    this.connection.listen();
  }

  static async start(rootUri: string | null = null): Promise<{ client: LspClient; init: InitializeResult }> {
    const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, SERVER_BUNDLE, "--stdio"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    const client = new LspClient(child);
    const init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      capabilities: {
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ["markdown"] },
        },
      },
      workspaceFolders: null,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return { client, init };
  }

  /** Resolves with the next diagnostics published for `uri` (for `version`, when given). */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolveP) => this.waiters.push({ uri, version, resolve: resolveP }));
  }

  async open(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "nas", version, text },
    });
    return published;
  }

  async change(uri: string, version: number, text: string): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return published;
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((r) => this.process.once("exit", (code) => r(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
