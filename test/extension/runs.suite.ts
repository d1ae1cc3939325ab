/**
 * A search runs end to end from its code lens's command: the server starts the runner with the
 * workspace's settings, and the run logs its events until `run-finished`.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, watch } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { CodeLens } from "vscode";
import { commands } from "vscode";
import { Commands } from "../../protocol/commands";
import type { RunSearchArgs } from "../../protocol/commands";
import type { RunEvent } from "../../protocol/runEvents";
import { RUNS_FOLDER, readEvents, runPaths } from "../../server/runs/runDirectory";
import { openInEditor, workspaceFile } from "./workspace";

/** The tiny search trains in seconds; this bounds a run that hangs. */
const RUN_TIMEOUT_MS = 120_000;

export function runsSuite(): void {
  describe("runs", () => {
    test("Run Search runs the tiny search until run-finished", { timeout: RUN_TIMEOUT_MS }, async (t) => {
      const { document } = await openInEditor("tiny.nas");
      const lenses = await commands.executeCommand<CodeLens[]>(
        "vscode.executeCodeLensProvider",
        document.uri,
      );
      const run = lenses.find((lens) => lens.command?.command === Commands.runSearch)?.command;
      assert.ok(run, "tiny.nas has a Run Search code lens");
      const [args] = run.arguments as [RunSearchArgs];

      const runsFolder = workspaceFile(RUNS_FOLDER).fsPath;
      const before = runDirectories(runsFolder);
      // The command returns once the server has started the run (its directory exists).
      await commands.executeCommand(run.command, ...(run.arguments ?? []));
      const started = runDirectories(runsFolder).filter((dir) => !before.includes(dir));
      assert.equal(started.length, 1, `one new run in ${runsFolder} (the Supernet Studio log says why not)`);

      const events = await runEventsUntil(
        join(runsFolder, started[0]),
        (e) => e.type === "run-finished" || e.type === "run-failed",
        t.signal,
      );
      const last = events.at(-1)!;
      assert.ok(last.type === "run-finished", JSON.stringify(last));
      const first = events[0];
      assert.ok(first.type === "run-started", JSON.stringify(first));
      assert.equal(first.search, args.search);
      assert.equal(first.backend, "cpu", "the workspace's supernet.backend setting reached the runner");

      const of = <T extends RunEvent["type"]>(type: T) =>
        events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
      const [train] = of("train-start");
      assert.deepEqual(
        of("epoch").map((e) => e.epoch),
        Array.from({ length: train.epochs }, (_, i) => i + 1),
        "one event per epoch",
      );
      const [search] = of("search-start");
      const evaluations = of("evaluation");
      assert.equal(evaluations.length, search.budget);
      assert.equal(last.evaluations, search.budget);
      assert.ok(last.front.length > 0, "the run found a front");
      for (const index of last.front)
        assert.ok(
          evaluations.some((e) => e.index === index),
          `front member #${index} is an evaluation`,
        );
    });
  });
}

function runDirectories(runsFolder: string): string[] {
  return existsSync(runsFolder) ? readdirSync(runsFolder) : [];
}

/**
 * Resolves with a run's logged events once one satisfies `done`, reading `events.jsonl` now and
 * on every change in the run directory. The test's timeout bounds the wait; its signal ends it.
 */
function runEventsUntil(
  runDir: string,
  done: (event: RunEvent) => boolean,
  signal: AbortSignal,
): Promise<RunEvent[]> {
  const log = runPaths(runDir).events;
  return new Promise((resolve, reject) => {
    // Watching starts before the first read, so no write after that read goes unnoticed.
    const watcher = watch(runDir);
    const check = (): void => {
      const { events } = readEvents(log);
      if (!events.some(done)) return;
      watcher.close();
      resolve(events);
    };
    watcher.on("change", check);
    watcher.on("error", (error) => {
      watcher.close();
      reject(error);
    });
    signal.addEventListener(
      "abort",
      () => {
        watcher.close();
        reject(
          new Error(`the run never ended; its last event: ${JSON.stringify(readEvents(log).events.at(-1))}`),
        );
      },
      { once: true },
    );
    check();
  });
}
