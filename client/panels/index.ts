/**
 * The panels: supernet graph, training curves, Pareto front (webview panels, restored after a
 * reload), the subnet inspector (a side view), and the commands that open them and act on the
 * selected subnet.
 */
import type { ExtensionContext, WebviewPanel } from "vscode";
import { commands, window } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { ShowGraphArgs, ShowInGraphArgs } from "../../protocol/commands";
import { Commands } from "../../protocol/commands";
import { PanelCommands, PanelRequests, PanelViews } from "../../protocol/panels";
import type { RunEventsSource } from "../runs/api";
import { applySubnet } from "./applySubnet";
import { CurvesPanel } from "./curvesPanel";
import { exportSubnet } from "./exportSubnet";
import { GraphPanels } from "./graphPanel";
import { InspectorView } from "./inspectorView";
import { panelRequest } from "./lsp";
import { ParetoPanel } from "./paretoPanel";
import { SelectionStore } from "./selection";
import { selectionFromSubnet } from "./selectionModel";

export function registerPanels(
  context: ExtensionContext,
  client: LanguageClient,
  runs: RunEventsSource,
): void {
  const log = (message: string): void => client.outputChannel.warn(`[panels] ${message}`);
  const selection = new SelectionStore(context.workspaceState);
  const graphs = new GraphPanels(context, client, selection, log);
  const curves = new CurvesPanel(context, client, runs, log);
  const pareto = new ParetoPanel(context, client, runs, selection, log);
  const inspector = new InspectorView(context, client, selection, log);

  /** A command that fails tells the user once and logs why. */
  const command = <A extends unknown[]>(id: string, run: (...args: A) => Promise<void> | void) =>
    commands.registerCommand(id, async (...args: A) => {
      try {
        await run(...args);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        log(`${id}: ${e instanceof Error ? (e.stack ?? message) : message}`);
        void window.showErrorMessage(message);
      }
    });

  const runDirOf = (args: unknown): string | undefined =>
    typeof args === "object" && args !== null && typeof (args as { runDir?: unknown }).runDir === "string"
      ? (args as { runDir: string }).runDir
      : undefined;

  context.subscriptions.push(
    selection,
    graphs,
    curves,
    pareto,
    inspector,
    window.registerWebviewViewProvider(PanelViews.inspector, inspector),
    window.registerWebviewPanelSerializer(PanelViews.graph, {
      deserializeWebviewPanel: async (panel: WebviewPanel, state: unknown) => graphs.restore(panel, state),
    }),
    window.registerWebviewPanelSerializer(PanelViews.curves, {
      deserializeWebviewPanel: async (panel: WebviewPanel, state: unknown) => curves.restore(panel, state),
    }),
    window.registerWebviewPanelSerializer(PanelViews.pareto, {
      deserializeWebviewPanel: async (panel: WebviewPanel, state: unknown) => pareto.restore(panel, state),
    }),
    command(Commands.showGraph, async (args?: ShowGraphArgs) => {
      const target = args ?? (await spaceAtCursor(client));
      if (target) graphs.show(target.uri, target.space);
    }),
    command(Commands.showInGraph, async (args?: ShowInGraphArgs) => {
      // Only a `subnet` block's code lens knows which subnet.
      if (!args) return;
      const result = await panelRequest(client, PanelRequests.subnetChoices, {
        uri: args.uri,
        subnet: args.subnet,
      });
      if ("error" in result) throw new Error(result.error);
      selection.set(selectionFromSubnet(args.uri, result.space, args.subnet, result.choices, result));
      graphs.show(args.uri, result.space);
    }),
    command(PanelCommands.showPareto, (args?: unknown) => pareto.show(runDirOf(args))),
    command(PanelCommands.showCurves, (args?: unknown) => curves.show(runDirOf(args))),
    command(PanelCommands.applySubnet, async () => void (await applySubnet(client, selection.current))),
    command(PanelCommands.exportSubnet, () => exportSubnet(context, client, runs, selection.current, log)),
    // A subnet picked on the front shows in the inspector.
    selection.onDidChange((s) => {
      if (s?.origin.kind === "evaluation") inspector.reveal();
    }),
  );
}

/** The space the active editor's cursor is in, else the only one, else one the user picks. */
async function spaceAtCursor(client: LanguageClient): Promise<ShowGraphArgs | undefined> {
  const editor = window.activeTextEditor;
  if (!editor || editor.document.languageId !== "nas") {
    void window.showInformationMessage("Open a .nas file to show its supernet.");
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const { spaces } = await panelRequest(client, PanelRequests.spaces, { uri });
  const at = editor.selection.active;
  const inside = spaces.find(
    (s) =>
      (s.range.start.line < at.line ||
        (s.range.start.line === at.line && s.range.start.character <= at.character)) &&
      (at.line < s.range.end.line || (at.line === s.range.end.line && at.character <= s.range.end.character)),
  );
  const space =
    inside?.name ??
    (spaces.length === 1
      ? spaces[0].name
      : await window.showQuickPick(
          spaces.map((s) => s.name),
          { title: "Show the supernet of" },
        ));
  if (!space) {
    if (!spaces.length) void window.showInformationMessage("This file declares no space.");
    return undefined;
  }
  return { uri, space };
}
