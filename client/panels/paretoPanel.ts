/**
 * The Pareto front panel: one run's evaluated subnets, or several runs' to compare (the first
 * is the main one); a point clicked in it becomes the selected subnet everywhere. Follows the
 * current run while it shows one run. Restored after a reload.
 */
import type { Disposable, ExtensionContext, WebviewPanel } from "vscode";
import { window } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { ParetoToHost, ParetoToWebview } from "../../protocol/panels";
import { PanelViews, paretoStateSchema, paretoToHost } from "../../protocol/panels";
import type { EvaluationEvent } from "../../protocol/runEvents";
import type { RunEventsSource } from "../runs/api";
import { WebviewChannel } from "./channel";
import { loadPage, openPanel } from "./html";
import { PARETO_BODY } from "./pages";
import { pickRun, runInfo, runTitle } from "./runInfo";
import { RunFeed } from "./runFeed";
import type { SelectionStore } from "./selection";
import { selectionFromEvaluation } from "./selectionModel";

export class ParetoPanel implements Disposable {
  private panel: WebviewPanel | undefined;
  private channel: WebviewChannel<ParetoToHost, ParetoToWebview> | undefined;
  private runDirs: string[] = [];
  private feeds = new Map<string, RunFeed>();
  private readonly subscriptions: Disposable[] = [];

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: LanguageClient,
    private readonly runs: RunEventsSource,
    private readonly selection: SelectionStore,
    private readonly log: (message: string) => void,
  ) {
    this.subscriptions.push(
      runs.onDidChangeCurrentRun((runDir) => {
        if (this.panel && runDir && this.runDirs.length <= 1 && this.runDirs[0] !== runDir)
          this.setRuns([runDir]);
      }),
      selection.onDidChange(() => this.postSelected()),
    );
  }

  show(runDir: string | undefined): void {
    const target = runDir ?? this.runDirs[0] ?? this.runs.currentRun();
    if (!this.panel) {
      const panel = openPanel(PanelViews.pareto, "Pareto Front", this.context.extensionUri, true);
      this.attach(panel);
    } else this.panel.reveal(undefined, true);
    if (target && target !== this.runDirs[0])
      this.setRuns([target, ...this.runDirs.filter((d) => d !== target)]);
  }

  restore(panel: WebviewPanel, state: unknown): void {
    const saved = paretoStateSchema.safeParse(state);
    this.attach(panel);
    this.runDirs =
      saved.success && saved.data.runDirs.length
        ? saved.data.runDirs
        : [this.runs.currentRun()].filter((d): d is string => d !== undefined);
  }

  private attach(panel: WebviewPanel): void {
    this.panel = panel;
    loadPage(panel.webview, this.context.extensionUri, {
      title: "Pareto Front",
      bundle: "pareto",
      body: PARETO_BODY,
    });
    this.channel = new WebviewChannel(panel.webview, paretoToHost, this.log, {
      onReady: () => this.setRuns(this.runDirs, true),
      onMessage: (message) => {
        if (message.type === "select")
          void this.select(message.runDir, message.evaluation, message.objectives);
        else if (message.type === "add-run") void this.addRun();
        else this.setRuns(this.runDirs.filter((d) => d !== message.runDir));
      },
    });
    panel.onDidDispose(() => {
      for (const f of this.feeds.values()) f.dispose();
      this.feeds.clear();
      this.channel?.dispose();
      this.panel = this.channel = undefined;
    });
  }

  /** Shows these runs; `resync` re-sends every run's events (the webview is new). */
  private setRuns(runDirs: string[], resync = false): void {
    this.runDirs = [...new Set(runDirs)];
    const channel = this.channel;
    if (!channel?.isReady) return;
    for (const [dir, feed] of this.feeds) {
      if (resync || !this.runDirs.includes(dir)) {
        feed.dispose();
        this.feeds.delete(dir);
      }
    }
    channel.post({ type: "runs", runs: this.runDirs.map((runDir) => ({ runDir, title: runTitle(runDir) })) });
    for (const dir of this.runDirs)
      if (!this.feeds.has(dir))
        this.feeds.set(dir, new RunFeed(this.runs, dir, (m) => channel.post(m), this.log));
    this.postSelected();
    if (this.panel)
      this.panel.title =
        this.runDirs.length > 1
          ? `Pareto: ${this.runDirs.length} runs`
          : this.runDirs[0]
            ? `Pareto: ${runTitle(this.runDirs[0])}`
            : "Pareto Front";
  }

  private async addRun(): Promise<void> {
    const runDir = await pickRun(this.client, "Compare with the front of another run", this.log);
    if (runDir) this.setRuns([...this.runDirs, runDir]);
  }

  private async select(
    runDir: string,
    evaluation: EvaluationEvent,
    objectives: { metric: string; sense: "maximize" | "minimize" }[],
  ): Promise<void> {
    const info = await runInfo(this.client, runDir, this.log);
    const space = info.space;
    if (!space) {
      void window.showWarningMessage(
        `Cannot tell which space run ${info.id} searched: its run.json is missing or unreadable.`,
      );
      return;
    }
    this.selection.set(selectionFromEvaluation(info, evaluation, objectives, space));
  }

  private postSelected(): void {
    const s = this.selection.current;
    const selected =
      s?.origin.kind === "evaluation" && this.runDirs.includes(s.origin.runDir)
        ? { runDir: s.origin.runDir, index: s.origin.index }
        : null;
    this.channel?.post({ type: "selected", selected });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
