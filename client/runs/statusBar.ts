/** The status bar item of the run started last in this session; a click shows its curves. */
import type { Disposable, StatusBarItem } from "vscode";
import { StatusBarAlignment, window } from "vscode";
import type { LiveRuns } from "./liveRuns";
import { PanelCommands } from "./panelCommands";
import { statusBarText, statusBarTooltip } from "./progressText";

export class RunStatusBar implements Disposable {
  private readonly item: StatusBarItem = window.createStatusBarItem(
    "supernet.run",
    StatusBarAlignment.Left,
    0,
  );
  private readonly subscription: { dispose(): void };
  /** The run the item's command opens. */
  private commandRun: string | undefined;

  constructor(private readonly live: LiveRuns) {
    this.item.name = "Supernet Run";
    this.subscription = live.onChange(() => this.update());
  }

  private update(): void {
    const p = this.live.latest();
    if (!p) {
      this.item.hide();
      return;
    }
    this.item.text = statusBarText(p, Date.now());
    this.item.tooltip = statusBarTooltip(p);
    // Set once per run: VS Code retires the command the status bar holds whenever a new one is
    // set, and a click that lands between the two finds no command.
    if (this.commandRun !== p.runDir) {
      this.commandRun = p.runDir;
      this.item.command = {
        title: "Show Training Curves",
        command: PanelCommands.showCurves,
        arguments: [{ runDir: p.runDir }],
      };
    }
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
