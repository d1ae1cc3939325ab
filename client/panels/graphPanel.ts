/**
 * The supernet graph panels, one per space: the graph comes from the language server and is
 * rebuilt as the document changes; the editor's cursor and the selected subnet follow into it;
 * a click in it reveals the source. Restored after a reload by their serializer.
 */
import type { Disposable, ExtensionContext, WebviewPanel } from "vscode";
import {
  Position,
  Range,
  Selection as EditorSelection,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  window,
  workspace,
} from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { GraphToHost, GraphToWebview, PanelRange } from "../../protocol/panels";
import { PanelRequests, PanelViews, graphStateSchema, graphToHost } from "../../protocol/panels";
import { WebviewChannel } from "./channel";
import { loadPage, openPanel, webviewResources } from "./html";
import { GRAPH_BODY } from "./pages";
import { panelRequest } from "./lsp";
import type { SelectionStore } from "./selection";
import { overlayFor } from "./selectionModel";

/** Wait this long after the last keystroke before rebuilding the graph. */
const REBUILD_DELAY_MS = 300;

export class GraphPanels implements Disposable {
  private readonly panels = new Map<string, GraphPanel>();

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: LanguageClient,
    private readonly selection: SelectionStore,
    private readonly log: (message: string) => void,
  ) {}

  show(uri: string, space: string): void {
    const open = this.panels.get(key(uri, space));
    if (open) {
      open.panel.reveal(undefined, true);
      return;
    }
    const panel = openPanel(PanelViews.graph, `Supernet: ${space}`, this.context.extensionUri, false);
    this.attach(panel, uri, space);
  }

  /** A panel VS Code restores after a reload, with the state its webview saved. */
  restore(panel: WebviewPanel, state: unknown): void {
    const parsed = graphStateSchema.safeParse(state);
    if (!parsed.success) {
      this.log("a graph panel's saved state is not valid: closing it");
      panel.dispose();
      return;
    }
    this.attach(panel, parsed.data.uri, parsed.data.space);
  }

  private attach(panel: WebviewPanel, uri: string, space: string): void {
    const graph = new GraphPanel(
      panel,
      this.context.extensionUri,
      this.client,
      uri,
      space,
      this.selection,
      this.log,
      () => this.panels.delete(key(uri, space)),
    );
    this.panels.set(key(uri, space), graph);
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
  }
}

function key(uri: string, space: string): string {
  return `${uri}#${space}`;
}

class GraphPanel {
  private readonly channel: WebviewChannel<GraphToHost, GraphToWebview>;
  private readonly subscriptions: Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly panel: WebviewPanel,
    extension: Uri,
    private readonly client: LanguageClient,
    private readonly uri: string,
    private readonly space: string,
    private readonly selection: SelectionStore,
    private readonly log: (message: string) => void,
    onDispose: () => void,
  ) {
    loadPage(panel.webview, extension, {
      title: `Supernet: ${space}`,
      bundle: "graph",
      body: GRAPH_BODY,
      worker: true,
      data: { worker: webviewResources(panel.webview, extension).uri("out", "webview", "elk-worker.js") },
    });
    this.channel = new WebviewChannel(panel.webview, graphToHost, log, {
      onReady: () => {
        void this.rebuild();
        this.postOverlay();
        this.postCursor();
      },
      onMessage: (message) => void this.reveal(message.range),
    });
    this.subscriptions.push(
      this.channel,
      workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() !== uri || e.contentChanges.length === 0) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.rebuild(), REBUILD_DELAY_MS);
      }),
      window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === uri) this.postCursor();
      }),
      selection.onDidChange(() => this.postOverlay()),
      panel.onDidDispose(() => {
        clearTimeout(this.timer);
        for (const s of this.subscriptions) s.dispose();
        onDispose();
      }),
    );
  }

  private async rebuild(): Promise<void> {
    try {
      // Opening it makes the language server see the current text.
      await workspace.openTextDocument(Uri.parse(this.uri));
      const result = await panelRequest(this.client, PanelRequests.spaceGraph, {
        uri: this.uri,
        space: this.space,
      });
      this.channel.post(
        "error" in result
          ? { type: "graph-error", message: result.error }
          : { type: "graph", graph: result.graph },
      );
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log(`graph of ${this.space}: ${message}`);
      this.channel.post({ type: "graph-error", message });
    }
  }

  private postOverlay(): void {
    this.channel.post({ type: "overlay", overlay: overlayFor(this.selection.current, this.uri, this.space) });
  }

  private postCursor(): void {
    const editor =
      window.activeTextEditor?.document.uri.toString() === this.uri
        ? window.activeTextEditor
        : window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri);
    const at = editor?.selection.active;
    this.channel.post({ type: "cursor", position: at ? { line: at.line, character: at.character } : null });
  }

  private async reveal(range: PanelRange): Promise<void> {
    const target = new Range(
      new Position(range.start.line, range.start.character),
      new Position(range.end.line, range.end.character),
    );
    const visible = window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri);
    const editor = await window.showTextDocument(Uri.parse(this.uri), {
      viewColumn: visible?.viewColumn ?? ViewColumn.One,
      preserveFocus: false,
    });
    editor.selection = new EditorSelection(target.start, target.start);
    editor.revealRange(target, TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
