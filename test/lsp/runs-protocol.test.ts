/**
 * Runs over the real language server bundle (which spawns the real CLI bundle): start a run of a
 * tiny space and receive its events through to run-finished, list it, read its log back; stop a
 * run and resume it; delete runs; malformed requests are refused. Needs `npm run build` first.
 * Waits on notifications, never on time.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import type { RunEvent } from "../../protocol/runEvents";
import type {
  RunnerOptions,
  RunsNotificationName,
  RunsNotificationParams,
  RunsRequestName,
  RunsRequestParams,
  RunsRequestResult,
} from "../../protocol/runsLsp";
import { RunsNotifications, RunsRequests, validate } from "../../protocol/runsLsp";
import { LspClient } from "../support/lspClient";
import { TINY_NAS, writeTinyProject } from "../runs/tinySpace";

const RUNNER: RunnerOptions = { backend: "cpu", data: "auto" };

type Ended = RunsNotificationParams<"runEnded">;

/** Everything the server notified about runs, in order, with a way to wait for a run's end. */
class RunNotifications {
  readonly events: { runDir: string; event: RunEvent }[] = [];
  readonly logs: RunsNotificationParams<"runLog">[] = [];
  /** Every runEnded, in order: a resumed run ends once per process. */
  private readonly ended: Ended[] = [];
  private waiting: { runDir: string; nth: number; resolve: (e: Ended) => void }[] = [];
  private readonly eventWaiters: { test: (runDir: string, e: RunEvent) => boolean; resolve: () => void }[] =
    [];

  constructor(client: LspClient) {
    const on = <K extends RunsNotificationName>(
      name: K,
      handler: (p: RunsNotificationParams<K>) => void,
    ): void => {
      client.connection.onNotification(RunsNotifications[name].method, (raw: unknown) => {
        const parsed = validate(RunsNotifications[name].params, raw);
        assert.ok("data" in parsed, `a valid ${name} notification: ${"error" in parsed ? parsed.error : ""}`);
        handler(parsed.data as RunsNotificationParams<K>);
      });
    };
    on("runEvent", ({ runDir, event }) => {
      this.events.push({ runDir, event });
      for (let i = this.eventWaiters.length - 1; i >= 0; i--) {
        if (this.eventWaiters[i].test(runDir, event)) this.eventWaiters.splice(i, 1)[0].resolve();
      }
    });
    on("runEnded", (e) => {
      this.ended.push(e);
      this.waiting = this.waiting.filter((w) => w.runDir !== e.runDir || !this.settle(w));
    });
    on("runLog", (l) => this.logs.push(l));
  }

  /** Resolves when the run's `nth` process (1: the start, 2: the first resume, …) has ended. */
  end(runDir: string, nth = 1): Promise<Ended> {
    return new Promise((resolve) => {
      const waiter = { runDir, nth, resolve };
      if (!this.settle(waiter)) this.waiting.push(waiter);
    });
  }

  private settle(w: { runDir: string; nth: number; resolve: (e: Ended) => void }): boolean {
    const ends = this.ended.filter((e) => e.runDir === w.runDir);
    if (ends.length < w.nth) return false;
    w.resolve(ends[w.nth - 1]);
    return true;
  }

  /** Resolves at the first event (from now on) that passes `test`. */
  next(test: (runDir: string, e: RunEvent) => boolean): Promise<void> {
    return new Promise((resolve) => this.eventWaiters.push({ test, resolve }));
  }

  of(runDir: string): RunEvent[] {
    return this.events.filter((e) => e.runDir === runDir).map((e) => e.event);
  }
}

describe("runs over the language server", () => {
  let client: LspClient;
  let notes: RunNotifications;
  const file = writeTinyProject(
    `${TINY_NAS}\nsearch Other on Tiny {\n  objectives { maximize accuracy }\n  budget 4 evaluations\n}\n`,
  );
  const uri = pathToFileURL(file).href;
  const runsFolder = join(dirname(file), ".supernet", "runs");

  const request = async <K extends RunsRequestName>(
    name: K,
    params: RunsRequestParams<K>,
  ): Promise<RunsRequestResult<K>> => {
    const answer: unknown = await client.connection.sendRequest(RunsRequests[name].method, params);
    const parsed = validate(RunsRequests[name].result, answer);
    assert.ok("data" in parsed, `a valid answer to ${name}: ${"error" in parsed ? parsed.error : ""}`);
    return parsed.data as RunsRequestResult<K>;
  };

  before(async () => {
    ({ client } = await LspClient.start());
    notes = new RunNotifications(client);
  });
  after(async () => {
    if (client) assert.equal(await client.stop(), 0);
  });

  test("the search at a position, and every search of the file", async () => {
    const inFast = await request("searchesAt", { uri, position: { line: 11, character: 2 } });
    assert.deepEqual(inFast, { atCursor: "Fast", all: ["Fast", "Other"] });
    const inSpace = await request("searchesAt", { uri, position: { line: 1, character: 2 } });
    assert.deepEqual(inSpace, { atCursor: null, all: ["Fast", "Other"] });
  });

  let finishedRun: string;

  test("a run's events are relayed from run-started through to run-finished", async () => {
    const { runDir } = await request("startRun", { uri, search: "Fast", runsFolder, runner: RUNNER });
    assert.equal(dirname(runDir), runsFolder);
    assert.ok(existsSync(join(runDir, "run.json")));
    const ended = await notes.end(runDir);
    assert.deepEqual(ended, { runDir, code: 0, signal: null, stopped: false });
    const events = notes.of(runDir);
    assert.equal(events[0].type, "run-started");
    assert.equal(events.at(-1)!.type, "run-finished");
    assert.equal(events.filter((e) => e.type === "epoch").length, 3);
    assert.equal(events.filter((e) => e.type === "evaluation").length, 16);
    // Nothing is lost between the log on disk and the notifications.
    const logged = await request("readRunEvents", { runDir });
    assert.deepEqual(logged, { events, invalidLines: 0 });
    finishedRun = runDir;
  });

  test("the finished run is listed with its state, evaluations and best metrics", async () => {
    const { runs, skipped } = await request("listRuns", { folders: [runsFolder] });
    assert.deepEqual(skipped, []);
    const run = runs.find((r) => r.runDir === finishedRun);
    assert.ok(run);
    assert.equal(run.state, "finished");
    assert.equal(run.search, "Fast");
    assert.equal(run.evaluations, 16);
    assert.equal(run.budget, 16);
    assert.deepEqual(
      run.best.map((b) => [b.metric, b.sense]),
      [
        ["accuracy", "maximize"],
        ["params", "minimize"],
      ],
    );
    assert.ok(run.best[0].value > 0 && run.best[0].text.endsWith("%"));
  });

  test("a stopped run stays resumable and a resume finishes it", async () => {
    const trained = notes.next((_, e) => e.type === "train-step");
    const { runDir } = await request("startRun", { uri, search: "Fast", runsFolder, runner: RUNNER });
    await assert.rejects(
      request("startRun", { uri, search: "Fast", runsFolder, runner: RUNNER }),
      /already running/,
    );
    await trained;
    assert.deepEqual(await request("stopRun", { runDir }), { stopping: true });
    const stopped = await notes.end(runDir);
    assert.equal(stopped.stopped, true);
    assert.equal(stopped.code, 130);
    const listed = (await request("listRuns", { folders: [runsFolder] })).runs.find(
      (r) => r.runDir === runDir,
    );
    assert.equal(listed?.state, "stopped");
    assert.deepEqual(await request("stopRun", { runDir }), { stopping: false });

    const relayedBefore = notes.of(runDir).length;
    assert.deepEqual(await request("resumeRun", { runDir, runner: RUNNER }), { runDir });
    // The resumed process reports under the same run directory.
    assert.deepEqual(await notes.end(runDir, 2), { runDir, code: 0, signal: null, stopped: false });
    const resumed = notes.of(runDir).slice(relayedBefore);
    assert.equal(resumed[0].type, "run-started");
    assert.equal(resumed.at(-1)!.type, "run-finished");
    const finished = (await request("listRuns", { folders: [runsFolder] })).runs.find(
      (r) => r.runDir === runDir,
    );
    assert.equal(finished?.state, "finished");
    assert.equal(finished?.evaluations, 16);
  });

  test("a file with errors does not start: the answer says why", async () => {
    const broken = writeTinyProject(
      TINY_NAS.replace("dense(units in {4, 8, 12, 16}) relu", "dense(units in {}) relu"),
    );
    await assert.rejects(
      request("startRun", {
        uri: pathToFileURL(broken).href,
        search: "Fast",
        runsFolder: join(dirname(broken), "runs"),
        runner: RUNNER,
      }),
      /error/,
    );
  });

  test("deleting a run removes it; a folder that is not a run is refused", async () => {
    const notARun = join(runsFolder, "not-a-run");
    mkdirSync(notARun, { recursive: true });
    await assert.rejects(request("deleteRun", { runDir: notARun }), /not a run directory/);
    assert.ok(existsSync(notARun));
    assert.deepEqual(await request("deleteRun", { runDir: finishedRun }), { deleted: true });
    const { runs, skipped } = await request("listRuns", { folders: [runsFolder] });
    assert.ok(!runs.some((r) => r.runDir === finishedRun));
    assert.deepEqual(
      skipped.map((s) => s.dir),
      [notARun],
    );
  });

  test("a malformed request is refused, not acted on", async () => {
    await assert.rejects(
      client.connection.sendRequest(RunsRequests.startRun.method, { uri, search: "Fast" }),
      /malformed supernet\/startRun/,
    );
    await assert.rejects(
      client.connection.sendRequest(RunsRequests.deleteRun.method, { runDir: 42 }),
      /malformed/,
    );
  });
});
