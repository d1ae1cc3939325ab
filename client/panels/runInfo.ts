/**
 * What the panels need to know about runs beyond their events: a run's `.nas` file and space
 * (from run management's run list), and a run picked by the user.
 */
import { basename, dirname, resolve } from "node:path";
import type { QuickPickItem } from "vscode";
import { Uri, window } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { RunSummary } from "../../protocol/runsLsp";
import { RunsRequests } from "../../protocol/runsLsp";
import { workspaceRunsFolders } from "../runs/runSettings";
import { panelRequest } from "./lsp";
import type { RunInfo } from "./selectionModel";

async function listRuns(client: LanguageClient, folders: string[]): Promise<RunSummary[]> {
  return (await panelRequest(client, RunsRequests.listRuns, { folders })).runs;
}

export async function runInfo(
  client: LanguageClient,
  runDir: string,
  log: (message: string) => void,
): Promise<RunInfo> {
  let summary: RunSummary | undefined;
  try {
    summary = (await listRuns(client, [dirname(runDir)])).find((r) => resolve(r.runDir) === resolve(runDir));
  } catch (e) {
    log(`cannot read run ${runDir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    runDir,
    id: summary?.id ?? basename(runDir),
    uri: summary ? Uri.file(summary.file).toString() : undefined,
    space: summary?.space,
  };
}

export function runTitle(runDir: string): string {
  return basename(runDir);
}

/** Asks for a run: the workspace's runs, newest first, or a folder chosen on disk. */
export async function pickRun(
  client: LanguageClient,
  title: string,
  log: (message: string) => void,
): Promise<string | undefined> {
  let runs: RunSummary[] = [];
  try {
    runs = await listRuns(client, workspaceRunsFolders());
  } catch (e) {
    log(`cannot list runs: ${e instanceof Error ? e.message : String(e)}`);
  }
  const browse: QuickPickItem = { label: "$(folder-opened) Browse…", description: "a run folder elsewhere" };
  const items: (QuickPickItem & { runDir?: string })[] = [
    ...runs.map((r) => ({
      label: r.id,
      description: `${r.search} on ${r.space} · ${r.state} · ${r.evaluations} evaluated`,
      detail: r.runDir,
      runDir: r.runDir,
    })),
    browse,
  ];
  const picked = await window.showQuickPick(items, {
    title,
    placeHolder: runs.length ? "a run" : "no runs in this workspace yet",
  });
  if (!picked) return undefined;
  if (picked.runDir) return picked.runDir;
  const folder = await window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: "Open run",
    title,
  });
  return folder?.[0]?.fsPath;
}
