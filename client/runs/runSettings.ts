/** The `supernet.*` settings runs use, read for the file or run they apply to. */
import { dirname } from "node:path";
import type { Uri } from "vscode";
import { workspace } from "vscode";
import type { RunnerOptions } from "../../protocol/runsLsp";
import { BACKEND_CHOICES, DATA_CHOICES } from "../../protocol/runsLsp";
import { settingsSection } from "../settings";
import { resolveRunsFolder } from "./runsFolder";

function choice<T extends string>(value: unknown, choices: readonly T[]): T {
  return choices.includes(value as T) ? (value as T) : choices[0];
}

/** How the runner runs; `nativeBackend` is the folder the extension installed tfjs-node into. */
export function runnerOptions(scope: Uri | undefined, nativeBackend: string | undefined): RunnerOptions {
  const config = workspace.getConfiguration(settingsSection, scope);
  return {
    backend: choice(config.get("backend"), BACKEND_CHOICES),
    data: choice(config.get("data"), DATA_CHOICES),
    ...(nativeBackend ? { tfjsNodePath: nativeBackend } : {}),
  };
}

/** The runs folder for a `.nas` file: in its workspace folder, else beside the file. */
export function runsFolderFor(file: Uri): string {
  const base = workspace.getWorkspaceFolder(file)?.uri.fsPath ?? dirname(file.fsPath);
  return resolveRunsFolder(workspace.getConfiguration(settingsSection, file).get<string>("runsFolder"), base);
}

/** Every workspace folder's runs folder. */
export function workspaceRunsFolders(): string[] {
  return (workspace.workspaceFolders ?? []).map((folder) =>
    resolveRunsFolder(
      workspace.getConfiguration(settingsSection, folder.uri).get<string>("runsFolder"),
      folder.uri.fsPath,
    ),
  );
}
