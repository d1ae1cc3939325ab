/**
 * The training-curves panel: one panel that shows one run (the current run unless another was
 * opened), its logged events replayed and then its live events. Restored after a reload.
 */
import type { Disposable, ExtensionContext, WebviewPanel } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { CurvesToHost, CurvesToWebview } from "../../protocol/panels";
import { PanelViews, curvesStateSchema, curvesToHost } from "../../protocol/panels";
import type { RunEventsSource } from "../runs/api";
import { WebviewChannel } from "./channel";
import { loadPage, openPanel } from "./html";
import { CURVES_BODY } from "./pages";
import { pickRun, runTitle } from "./runInfo";
import { RunFeed } from "./runFeed";

export class CurvesPanel implements Disposable {
  private panel: WebviewPanel | undefined;
  private channel: WebviewChannel<CurvesToHost, CurvesToWebview> | undefined;
  private feed: RunFeed | undefined;
  private runDir: string | undefined;
  /** Opened on a run by the user: it stays on that run when another run starts. */
  private pinned = false;
  private readonly subscriptions: Disposable[] = [];

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: LanguageClient,
    private readonly runs: RunEventsSource,
    private readonly log: (message: string) => void,
  ) {
    this.subscriptions.push(
      runs.onDidChangeCurrentRun((runDir) => {
        if (this.panel && !this.pinned && runDir && runDir !== this.runDir) this.showRun(runDir);
      }),
    );
  }

  show(runDir: string | undefined): void {
    const target = runDir ?? this.runDir ?? this.runs.currentRun();
    if (!this.panel) {
      const panel = openPanel(PanelViews.curves, "Training Curves", this.context.extensionUri, true);
      this.attach(panel);
    } else this.panel.reveal(undefined, true);
    this.pinned = runDir !== undefined;
    if (target) this.showRun(target);
  }

  restore(panel: WebviewPanel, state: unknown): void {
    const saved = curvesStateSchema.safeParse(state);
    this.attach(panel);
    const runDir = saved.success ? saved.data.runDir : undefined;
    this.pinned = runDir !== undefined && runDir !== this.runs.currentRun();
    this.runDir = runDir ?? this.runs.currentRun();
  }

  private attach(panel: WebviewPanel): void {
    this.panel = panel;
    loadPage(panel.webview, this.context.extensionUri, {
      title: "Training Curves",
      bundle: "curves",
      body: CURVES_BODY,
    });
    this.channel = new WebviewChannel(panel.webview, curvesToHost, this.log, {
      onReady: () => this.showRun(this.runDir),
      onMessage: () => void this.pick(),
    });
    panel.onDidDispose(() => {
      this.feed?.dispose();
      this.channel?.dispose();
      this.panel = this.channel = this.feed = undefined;
    });
  }

  private async pick(): Promise<void> {
    const runDir = await pickRun(this.client, "Show the training curves of a run", this.log);
    if (!runDir) return;
    this.pinned = true;
    this.showRun(runDir);
  }

  private showRun(runDir: string | undefined): void {
    this.runDir = runDir;
    this.feed?.dispose();
    this.feed = undefined;
    const channel = this.channel;
    if (!channel?.isReady) return;
    channel.post({ type: "run", run: runDir ? { runDir, title: runTitle(runDir) } : null });
    if (runDir) this.feed = new RunFeed(this.runs, runDir, (m) => channel.post(m), this.log);
    if (this.panel && runDir) this.panel.title = `Curves: ${runTitle(runDir)}`;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
