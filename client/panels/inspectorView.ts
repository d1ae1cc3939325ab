/**
 * The subnet inspector, a side view: the selected subnet with the details the language server
 * computes for it on the document as it is now, and the actions `Apply to source`, `Export`,
 * `Copy as JSON` and `Show in graph`.
 */
import type {
  CancellationToken,
  Disposable,
  ExtensionContext,
  WebviewView,
  WebviewViewProvider,
  WebviewViewResolveContext,
} from "vscode";
import { Uri, commands, env, window, workspace } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { InspectorToHost, InspectorToWebview, SubnetDetails } from "../../protocol/panels";
import { Commands } from "../../protocol/commands";
import { PanelCommands, PanelRequests, PanelViews, inspectorToHost } from "../../protocol/panels";
import { WebviewChannel } from "./channel";
import { loadPage } from "./html";
import { INSPECTOR_BODY } from "./pages";
import { panelRequest } from "./lsp";
import type { SelectionStore } from "./selection";
import { selectionJson } from "./selectionModel";

export class InspectorView implements WebviewViewProvider, Disposable {
  private view: WebviewView | undefined;
  private channel: WebviewChannel<InspectorToHost, InspectorToWebview> | undefined;
  private readonly subscription: Disposable;
  /** Answers for an older selection are dropped. */
  private request = 0;

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: LanguageClient,
    private readonly selection: SelectionStore,
    private readonly log: (message: string) => void,
  ) {
    this.subscription = selection.onDidChange(() => void this.update());
  }

  resolveWebviewView(
    view: WebviewView,
    _context: WebviewViewResolveContext,
    _token: CancellationToken,
  ): void {
    this.view = view;
    loadPage(view.webview, this.context.extensionUri, {
      title: "Subnet",
      bundle: "inspector",
      body: INSPECTOR_BODY,
    });
    this.channel?.dispose();
    this.channel = new WebviewChannel(view.webview, inspectorToHost, this.log, {
      onReady: () => void this.update(),
      onMessage: (message) => void this.act(message.type),
    });
    view.onDidDispose(() => {
      this.channel?.dispose();
      this.view = this.channel = undefined;
    });
  }

  /** Brings the view forward (a point was clicked); the first time, VS Code has to create it. */
  reveal(): void {
    if (this.view) this.view.show(true);
    else void commands.executeCommand(`${PanelViews.inspector}.focus`);
  }

  private async update(): Promise<void> {
    const selection = this.selection.current;
    const run = ++this.request;
    if (!selection?.uri) {
      this.channel?.post({
        type: "selection",
        selection: selection ?? null,
        details: null,
        ...(selection ? { error: "the run's .nas file is not known: Apply and Export need it" } : {}),
      });
      return;
    }
    let details: SubnetDetails | null = null;
    let error: string | undefined;
    try {
      await workspace.openTextDocument(Uri.parse(selection.uri));
      const result = await panelRequest(this.client, PanelRequests.subnetDetails, {
        uri: selection.uri,
        space: selection.space,
        choices: selection.choices,
        metrics: { accuracy: selection.metrics.accuracy, macs: selection.metrics.macs },
      });
      if ("error" in result) error = result.error;
      else details = result.details;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.log(`subnet details: ${error}`);
    }
    if (run !== this.request) return;
    this.channel?.post({ type: "selection", selection, details, ...(error ? { error } : {}) });
  }

  private async act(action: Exclude<InspectorToHost["type"], "ready" | "error">): Promise<void> {
    const selection = this.selection.current;
    if (!selection) return;
    switch (action) {
      case "apply":
        await commands.executeCommand(PanelCommands.applySubnet);
        return;
      case "export":
        await commands.executeCommand(PanelCommands.exportSubnet);
        return;
      case "copy":
        await env.clipboard.writeText(selectionJson(selection));
        void window.setStatusBarMessage("Subnet copied as JSON", 3000);
        return;
      case "show-in-graph":
        if (selection.uri)
          await commands.executeCommand(Commands.showGraph, { uri: selection.uri, space: selection.space });
        return;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.channel?.dispose();
  }
}
