/**
 * The language server's side of runs (protocol/runsLsp.ts): starts, stops and resumes runs of the
 * bundled `supernet` CLI, relays their events to the client, and reads the runs on disk.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Connection } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { RunsNotificationName, RunsNotificationParams } from "../../../protocol/runsLsp";
import { RunsNotifications } from "../../../protocol/runsLsp";
import { readSource } from "../../io/files";
import { RunManager } from "./runManager";
import { deleteRunDirectory, listRuns, loggedEvents } from "./runHistory";
import { onRunsRequest } from "./requests";
import { searchesAt } from "./searchesAt";

/** The CLI bundle sits beside the server bundle: out/cli/supernet.js next to out/server/server.js. */
const CLI_BUNDLE = resolve(__dirname, "../cli/supernet.js");

export function registerRunHandlers(connection: Connection): void {
  const send = <K extends RunsNotificationName>(name: K, params: RunsNotificationParams<K>): void => {
    void connection.sendNotification(RunsNotifications[name].method, params);
  };
  const runs = new RunManager({
    cli: CLI_BUNDLE,
    notify: {
      event: (runDir, event) => send("runEvent", { runDir, event }),
      ended: (runDir, ended) => send("runEnded", { runDir, ...ended }),
      log: (runDir, search, level, text) => send("runLog", { runDir, search, level, text }),
    },
  });

  onRunsRequest(connection, "startRun", async ({ uri, search, runsFolder, runner }) => ({
    runDir: await runs.start({ file: savedFile(uri), search, runsFolder, runner }),
  }));
  onRunsRequest(connection, "resumeRun", async ({ runDir, runner }) => ({
    runDir: await runs.resume(runDir, runner),
  }));
  onRunsRequest(connection, "stopRun", ({ runDir }) => ({ stopping: runs.stop(runDir) }));
  onRunsRequest(connection, "listRuns", ({ folders }) =>
    listRuns(
      folders.map((f) => resolve(f)),
      (dir) => runs.isRunning(dir),
    ),
  );
  onRunsRequest(connection, "readRunEvents", ({ runDir }) => loggedEvents(resolve(runDir)));
  onRunsRequest(connection, "deleteRun", ({ runDir }) => {
    if (runs.isRunning(runDir)) throw new Error(`${runDir} is running: stop it first`);
    deleteRunDirectory(resolve(runDir));
    return { deleted: true as const };
  });
  onRunsRequest(connection, "searchesAt", ({ uri, position }) => {
    const text = readSource(savedFile(uri));
    return searchesAt(text, TextDocument.create(uri, "nas", 0, text).offsetAt(position));
  });

  // A runner outliving the server would write to a closed pipe: stop each cleanly (resumable).
  process.once("exit", () => runs.stopAll());
}

/** Runs read the file from disk, as the CLI does: only a saved `file:` document can run. */
function savedFile(uri: string): string {
  if (!uri.startsWith("file:")) throw new Error(`only a file saved on disk can run; ${uri} is not`);
  return fileURLToPath(uri);
}
