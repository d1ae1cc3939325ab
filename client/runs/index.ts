/**
 * Run management in the extension: the run commands, the Runs view, the status bar item and
 * progress notifications of live runs, the runner's log in the output channel, and the
 * `RunEventsSource` the panels read runs through.
 */
import type { ExtensionContext, LogOutputChannel } from "vscode";
import { EventEmitter, commands, window, workspace } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { RunEventsSource } from "./api";
import { CurrentRun } from "./currentRun";
import { eventLogLine } from "./eventLog";
import { RunEvents } from "./eventsSource";
import { OPEN_EXAMPLE_COMMAND, openExample } from "./example";
import { LiveRuns } from "./liveRuns";
import { NativeBackend } from "./nativeBackend";
import { PanelCommands, showPanel } from "./panelCommands";
import { phaseText } from "./progressText";
import type { RunServices } from "./runCommands";
import { RunCommands, runCommandHandlers } from "./runCommands";
import { RunHistory } from "./runHistory";
import { RunsConnection } from "./runsConnection";
import { workspaceRunsFolders } from "./runSettings";
import { RUNS_VIEW_ID, RunsTree } from "./runsTree";
import { RunStatusBar } from "./statusBar";
import { settingsSection } from "../settings";

export const INSTALL_NATIVE_BACKEND_COMMAND = "supernet.installNativeBackend";

/** Events that change what the Runs view shows of a run. */
const LISTED_EVENTS = new Set(["run-started", "search-start", "generation", "run-finished", "run-failed"]);

export function registerRuns(
  context: ExtensionContext,
  client: LanguageClient,
  log: LogOutputChannel,
): RunEventsSource {
  const connection = new RunsConnection(client, (message) => log.error(message));
  const currentChanged = new EventEmitter<string | undefined>();
  const current = new CurrentRun((runDir) => currentChanged.fire(runDir));
  const events = new RunEvents(connection, current, currentChanged.event);
  const live = new LiveRuns();
  const history = new RunHistory(
    connection,
    workspaceRunsFolders,
    (m) => log.warn(m),
    (runs) => current.setNewest(runs[0]?.runDir),
  );
  const tree = new RunsTree(history, (m) => log.error(m));
  const nativeBackend = new NativeBackend(context, log);
  const services: RunServices = {
    connection,
    live,
    current,
    history,
    tree,
    log,
    nativeBackend: () => nativeBackend.path(),
  };

  context.subscriptions.push(
    currentChanged,
    events,
    tree,
    new RunStatusBar(live),
    window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: tree }),
    connection.onNotification("runEvent", ({ runDir, event }) => {
      live.event(runDir, event);
      events.fire(runDir, event);
      const line = eventLogLine(event);
      if (line) logAt(log, line.level, `[${live.get(runDir)?.search}] ${line.text}`);
      if (LISTED_EVENTS.has(event.type)) tree.refresh();
    }),
    connection.onNotification("runEnded", (ended) => {
      live.ended(ended.runDir, ended);
      tree.refresh();
      void announceEnd(services, ended.runDir);
    }),
    connection.onNotification("runLog", ({ search, level, text }) => {
      for (const line of text.split(/\r?\n/)) if (line.trim()) logAt(log, level, `[${search}] ${line}`);
    }),
    workspace.onDidChangeConfiguration(
      (e) => e.affectsConfiguration(`${settingsSection}.runsFolder`) && tree.refresh(),
    ),
    workspace.onDidChangeWorkspaceFolders(() => tree.refresh()),
    commands.registerCommand(INSTALL_NATIVE_BACKEND_COMMAND, () => nativeBackend.install()),
    commands.registerCommand(OPEN_EXAMPLE_COMMAND, () => openExample(context)),
    ...Object.entries(runCommandHandlers(services)).map(([id, handler]) =>
      commands.registerCommand(id, handler),
    ),
  );
  // The newest run is the current one until a run is started or opened.
  history
    .list()
    .catch((e: unknown) =>
      log.error(`could not list the runs: ${e instanceof Error ? e.message : String(e)}`),
    );
  return events;
}

function logAt(log: LogOutputChannel, level: "info" | "warning" | "error", text: string): void {
  if (level === "error") log.error(text);
  else if (level === "warning") log.warn(text);
  else log.info(text);
}

/** Tells the user how a run they followed ended, with the next step one click away. */
async function announceEnd(s: RunServices, runDir: string): Promise<void> {
  const p = s.live.get(runDir);
  if (!p) return;
  const message = `Search ${p.search} ${phaseText(p)}${p.failure ? `: ${p.failure}` : ""}.`;
  switch (p.outcome) {
    case "finished":
      if (await window.showInformationMessage(message, "Show Pareto Front"))
        await showPanel(s.log, PanelCommands.showPareto, runDir);
      break;
    case "stopped":
      if (await window.showInformationMessage(`${message} It can be resumed.`, "Resume"))
        await commands.executeCommand(RunCommands.resumeRun, { runDir });
      break;
    case "failed":
      if (await window.showErrorMessage(message, "Show Log")) s.log.show();
      break;
  }
}
