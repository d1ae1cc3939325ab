/** The Runs view: every run in the workspace with its state and best metrics, newest first. */
import type { Event, TreeDataProvider } from "vscode";
import { EventEmitter, MarkdownString, ThemeIcon, TreeItem, TreeItemCollapsibleState } from "vscode";
import type { RunSummary } from "../../protocol/runsLsp";
import type { RunHistory } from "./runHistory";
import { runLabel } from "./runLabels";

export const RUNS_VIEW_ID = "supernetRuns";
export const OPEN_RUN_COMMAND = "supernet.openRun";

export class RunsTree implements TreeDataProvider<RunSummary> {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeTreeData: Event<void> = this.changed.event;

  constructor(
    private readonly history: RunHistory,
    private readonly logError: (message: string) => void,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: RunSummary): Promise<RunSummary[]> {
    if (element) return [];
    try {
      return await this.history.list();
    } catch (e) {
      this.logError(`could not list the runs: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  getTreeItem(run: RunSummary): TreeItem {
    const label = runLabel(run);
    const item = new TreeItem(label.label, TreeItemCollapsibleState.None);
    item.id = run.runDir;
    item.description = label.description;
    item.tooltip = new MarkdownString(label.tooltip);
    item.iconPath = new ThemeIcon(label.icon);
    item.contextValue = label.contextValue;
    item.command = { title: "Open Run", command: OPEN_RUN_COMMAND, arguments: [{ runDir: run.runDir }] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
