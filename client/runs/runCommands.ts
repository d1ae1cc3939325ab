/**
 * The run commands: Run Search (from a code lens, or the search at the cursor), Stop, Resume,
 * Open Run…, Delete Run, Refresh. Errors are shown to the user with the log one click away.
 */
import { basename, dirname } from "node:path";
import type { LogOutputChannel, QuickPickItem } from "vscode";
import { Uri, window, workspace } from "vscode";
import type { RunSearchArgs } from "../../protocol/commands";
import { Commands } from "../../protocol/commands";
import type { RunSummary } from "../../protocol/runsLsp";
import { runDirOf, runSearchArgsOf } from "./commandArgs";
import type { CurrentRun } from "./currentRun";
import type { LiveRuns } from "./liveRuns";
import { PanelCommands, showPanel } from "./panelCommands";
import { showRunProgress } from "./progressNotification";
import type { RunHistory } from "./runHistory";
import { resumable, runDescription } from "./runLabels";
import type { RunsConnection } from "./runsConnection";
import { runnerOptions, runsFolderFor } from "./runSettings";
import type { RunsTree } from "./runsTree";
import { OPEN_RUN_COMMAND } from "./runsTree";

export const RunCommands = {
  runSearch: Commands.runSearch,
  stopRun: "supernet.stopRun",
  resumeRun: "supernet.resumeRun",
  openRun: OPEN_RUN_COMMAND,
  deleteRun: "supernet.deleteRun",
  refreshRuns: "supernet.refreshRuns",
} as const;

export interface RunServices {
  readonly connection: RunsConnection;
  readonly live: LiveRuns;
  readonly current: CurrentRun;
  readonly history: RunHistory;
  readonly tree: RunsTree;
  readonly log: LogOutputChannel;
  /** Where the extension installed tfjs-node, if it did. */
  readonly nativeBackend: () => string | undefined;
}

/** The command handlers, by command id. */
export function runCommandHandlers(
  s: RunServices,
): Record<(typeof RunCommands)[keyof typeof RunCommands], (arg?: unknown) => Promise<void>> {
  return {
    [RunCommands.runSearch]: (arg) => reporting(s, () => runSearch(s, arg)),
    [RunCommands.stopRun]: (arg) => reporting(s, () => stopRun(s, arg)),
    [RunCommands.resumeRun]: (arg) => reporting(s, () => resumeRun(s, arg)),
    [RunCommands.openRun]: (arg) => reporting(s, () => openRun(s, arg)),
    [RunCommands.deleteRun]: (arg) => reporting(s, () => deleteRun(s, arg)),
    [RunCommands.refreshRuns]: async () => s.tree.refresh(),
  };
}

async function reporting(s: RunServices, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    s.log.error(message);
    if (await window.showErrorMessage(message.split("\n")[0], "Show Log")) s.log.show();
  }
}

async function runSearch(s: RunServices, arg: unknown): Promise<void> {
  const target = runSearchArgsOf(arg) ?? (await searchAtCursor(s));
  if (!target) return;
  const uri = Uri.parse(target.uri);
  if (!(await saved(uri))) return;
  const runDir = (
    await s.connection.request("startRun", {
      uri: target.uri,
      search: target.search,
      runsFolder: runsFolderFor(uri),
      runner: runnerOptions(uri, s.nativeBackend()),
    })
  ).runDir;
  follow(s, runDir, target.search);
}

/** Runs read the file from disk: a dirty document is saved first, an untitled one cannot run. */
async function saved(uri: Uri): Promise<boolean> {
  if (uri.scheme !== "file") {
    void window.showWarningMessage("Save the file to run its search: runs read it from disk.");
    return false;
  }
  const document = workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document?.isDirty && !(await document.save())) {
    void window.showWarningMessage(`${uri.fsPath} could not be saved, so its search was not run.`);
    return false;
  }
  return true;
}

/** From the command palette: the search block at the cursor, the file's only one, or a pick. */
async function searchAtCursor(s: RunServices): Promise<RunSearchArgs | undefined> {
  // The active editor, else a visible one: a walkthrough or panel may have the focus.
  const editor = [window.activeTextEditor, ...window.visibleTextEditors].find(
    (e) => e?.document.languageId === "nas",
  );
  if (!editor) {
    void window.showInformationMessage("Open a .nas file with a `search` block to run it.");
    return undefined;
  }
  const { document, selection } = editor;
  if (!(await saved(document.uri))) return undefined;
  const uri = document.uri.toString();
  const found = await s.connection.request("searchesAt", {
    uri,
    position: { line: selection.active.line, character: selection.active.character },
  });
  if (found.all.length === 0) {
    void window.showInformationMessage("This file has no `search` block to run.");
    return undefined;
  }
  const search =
    found.atCursor ??
    (found.all.length === 1
      ? found.all[0]
      : await window.showQuickPick(found.all, { placeHolder: "Which search to run?" }));
  return search ? { uri, search } : undefined;
}

/** Follows a run this session started or resumed: status bar, progress notification, Runs view. */
function follow(s: RunServices, runDir: string, search: string): void {
  s.history.addFolder(dirname(runDir));
  s.live.begin(runDir, search);
  s.current.choose(runDir);
  showRunProgress(
    s.live,
    runDir,
    `Supernet: ${search}`,
    () => void reporting(s, () => stopRun(s, { runDir })),
  );
  s.tree.refresh();
}

async function stopRun(s: RunServices, arg: unknown): Promise<void> {
  const running = s.live.running();
  const runDir =
    runDirOf(arg) ??
    (running.length === 1
      ? running[0].runDir
      : (await pickRun(s, "Which run to stop?", (r) => r.state === "running"))?.runDir);
  if (!runDir) return;
  const { stopping } = await s.connection.request("stopRun", { runDir });
  if (!stopping) void window.showInformationMessage(`${runDir} is not running.`);
}

async function resumeRun(s: RunServices, arg: unknown): Promise<void> {
  const runDir = runDirOf(arg) ?? (await pickRun(s, "Which run to resume?", resumable))?.runDir;
  if (!runDir) return;
  const resumed = await s.connection.request("resumeRun", {
    runDir,
    runner: runnerOptions(Uri.file(runDir), s.nativeBackend()),
  });
  // Its run-started event came before the answer, with the search's name.
  follow(s, resumed.runDir, s.live.get(runDir)?.search ?? s.history.find(runDir)?.search ?? basename(runDir));
}

/** Makes a run the current one and shows it: its Pareto front once it has evaluations, else its curves. */
async function openRun(s: RunServices, arg: unknown): Promise<void> {
  const runDir = runDirOf(arg) ?? (await pickRun(s, "Which run to open?", () => true))?.runDir;
  if (!runDir) return;
  s.current.choose(runDir);
  const evaluated = ((await summaryOf(s, runDir))?.evaluations ?? 0) > 0;
  await showPanel(s.log, evaluated ? PanelCommands.showPareto : PanelCommands.showCurves, runDir);
}

async function deleteRun(s: RunServices, arg: unknown): Promise<void> {
  const runDir =
    runDirOf(arg) ?? (await pickRun(s, "Which run to delete?", (r) => r.state !== "running"))?.runDir;
  if (!runDir) return;
  const confirmed = await window.showWarningMessage(
    `Delete the run ${runDir}?`,
    { modal: true, detail: "Its directory, with its checkpoints and evaluations, is removed from disk." },
    "Delete",
  );
  if (confirmed !== "Delete") return;
  await s.connection.request("deleteRun", { runDir });
  s.current.forget(runDir);
  s.tree.refresh();
}

async function summaryOf(s: RunServices, runDir: string): Promise<RunSummary | undefined> {
  return s.history.find(runDir) ?? (await s.history.list()).find((r) => r.runDir === runDir);
}

interface RunPick extends QuickPickItem {
  readonly run: RunSummary;
}

async function pickRun(
  s: RunServices,
  placeHolder: string,
  fits: (run: RunSummary) => boolean,
): Promise<RunSummary | undefined> {
  const runs = (await s.history.list()).filter(fits);
  if (runs.length === 0) {
    void window.showInformationMessage("There is no run for that.");
    return undefined;
  }
  const items: RunPick[] = runs.map((run) => ({
    label: run.search,
    description: runDescription(run),
    detail: run.runDir,
    run,
  }));
  return (await window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true }))
    ?.run;
}
