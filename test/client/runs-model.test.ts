/**
 * The extension's run management without VS Code: labels of runs, the runs folder, command
 * arguments, log lines, live runs and the current run, the validated LSP connection, the
 * native backend's install, and the manifest entries the commands and settings need.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { describe, test } from "node:test";
import type { RunEvent } from "../../protocol/runEvents";
import type { RunSummary } from "../../protocol/runsLsp";
import { DEFAULT_RUNS_FOLDER, RunsNotifications, RunsRequests } from "../../protocol/runsLsp";
import { RUNS_FOLDER } from "../../server/runs/runDirectory";
import { runDirOf, runSearchArgsOf } from "../../client/runs/commandArgs";
import { CurrentRun } from "../../client/runs/currentRun";
import { eventLogLine } from "../../client/runs/eventLog";
import { LiveRuns } from "../../client/runs/liveRuns";
import {
  installedNativeBackend,
  nativeBackendFolder,
  npmInstallArgs,
} from "../../client/runs/nativeBackendFiles";
import { RunHistory } from "../../client/runs/runHistory";
import { resumable, runDescription, runLabel } from "../../client/runs/runLabels";
import { RunsConnection } from "../../client/runs/runsConnection";
import { resolveRunsFolder } from "../../client/runs/runsFolder";

function summary(extra: Partial<RunSummary> = {}): RunSummary {
  return {
    runDir: "/w/.supernet/runs/2026-11-22T10-04-11-Fast",
    id: "2026-11-22T10-04-11-Fast",
    search: "Fast",
    space: "Tiny",
    file: "/w/tiny.nas",
    created: "2026-11-22T10:04:11.000Z",
    backend: "wasm",
    state: "finished",
    evaluations: 16,
    budget: 16,
    frontSize: 4,
    best: [
      { metric: "accuracy", sense: "maximize", value: 91.25, text: "91.3%" },
      { metric: "params", sense: "minimize", value: 1200, text: "1.2k" },
    ],
    imported: false,
    ...extra,
  };
}

const started: RunEvent = {
  type: "run-started",
  time: "2026-11-22T10:04:11.000Z",
  runId: "r",
  search: "Fast",
  space: "Tiny",
  backend: "cpu",
  resumedFrom: 0,
};

describe("runs in the Runs view and pickers", () => {
  test("state, evaluations and best metrics in the description", () => {
    assert.equal(runDescription(summary()), "finished · 16 evaluations · accuracy 91.3%, params 1.2k");
    assert.equal(
      runDescription(summary({ state: "stopped", evaluations: 5, best: [] })),
      "stopped · 5/16 evaluations",
    );
    assert.equal(
      runDescription(summary({ state: "running", evaluations: 0, budget: null, best: [] })),
      "running · 0 evaluations",
    );
  });

  test("icon, context value and tooltip follow the state", () => {
    const failed = runLabel(summary({ state: "failed", failure: "out of memory" }));
    assert.equal(failed.icon, "error");
    assert.equal(failed.contextValue, "supernetRun.failed");
    assert.match(failed.tooltip, /failed: out of memory/);
    assert.equal(runLabel(summary({ imported: true })).contextValue, "supernetRun.finished.imported");
    assert.equal(runLabel(summary({ state: "running" })).icon, "sync~spin");
  });

  test("stopped and failed runs of this tool can be resumed", () => {
    assert.deepEqual(
      (["running", "finished", "stopped", "failed"] as const).map((state) => resumable(summary({ state }))),
      [false, false, true, true],
    );
    assert.equal(resumable(summary({ state: "stopped", imported: true })), false);
  });
});

describe("the runs folder", () => {
  test("relative to the base folder, absolute as it is, the default when unset", () => {
    assert.equal(resolveRunsFolder(undefined, "/w"), join("/w", ".supernet", "runs"));
    assert.equal(resolveRunsFolder("  ", "/w"), join("/w", ".supernet", "runs"));
    assert.equal(resolveRunsFolder("out/runs", "/w"), join("/w", "out", "runs"));
    assert.equal(resolveRunsFolder("/data/runs", "/w"), "/data/runs");
  });

  test("the default is where the CLI puts runs, and what the manifest's setting says", () => {
    assert.equal(normalize(DEFAULT_RUNS_FOLDER), RUNS_FOLDER);
    const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    };
    assert.equal(
      manifest.contributes.configuration.properties["supernet.runsFolder"].default,
      DEFAULT_RUNS_FOLDER,
    );
  });
});

describe("command arguments", () => {
  test("a code lens's search, a tree item's or a caller's run; anything else is ignored", () => {
    assert.deepEqual(runSearchArgsOf({ uri: "file:///w/a.nas", search: "Fast" }), {
      uri: "file:///w/a.nas",
      search: "Fast",
    });
    assert.equal(runSearchArgsOf({ uri: "file:///w/a.nas" }), undefined);
    assert.equal(runSearchArgsOf(undefined), undefined);
    assert.equal(runDirOf(summary()), summary().runDir);
    assert.equal(runDirOf({ runDir: "/r" }), "/r");
    assert.equal(runDirOf({ runDir: "" }), undefined);
    assert.equal(runDirOf("/r"), undefined);
  });
});

describe("log lines from events", () => {
  test("phases, epochs, generations, the runner's log and the outcome; not every step", () => {
    assert.deepEqual(eventLogLine({ type: "phase", time: "t", phase: "train", detail: "3 epochs" }), {
      level: "info",
      text: "phase train: 3 epochs",
    });
    assert.deepEqual(
      eventLogLine({
        type: "epoch",
        epoch: 2,
        epochs: 3,
        learningRate: 0.1,
        imagesPerSecond: 812.4,
        seconds: 1.25,
        metrics: { largest: { loss: 0.5, accuracy: 0.875 } },
      }),
      {
        level: "info",
        text: "epoch 2/3 in 1.3s (812 images/s): largest loss 0.500 acc 87.5%",
      },
    );
    assert.deepEqual(eventLogLine({ type: "log", level: "warning", message: "slow" }), {
      level: "warning",
      text: "slow",
    });
    assert.deepEqual(eventLogLine({ type: "run-failed", time: "t", message: "boom" }), {
      level: "error",
      text: "failed: boom",
    });
    assert.equal(
      eventLogLine({
        type: "train-step",
        epoch: 0,
        step: 5,
        stepInEpoch: 5,
        learningRate: 0.1,
        imagesPerSecond: 1,
        metrics: {},
      }),
      undefined,
    );
  });
});

describe("live runs and the current run", () => {
  test("events fold into each run's progress; listeners hear every change", () => {
    const live = new LiveRuns(() => 0);
    const heard: string[] = [];
    const sub = live.onChange((p) => heard.push(`${p.runDir}:${p.phase}:${p.outcome ?? ""}`));
    live.event("/r1", started);
    live.begin("/r1", "Fast");
    live.event("/r1", { type: "phase", time: "t", phase: "data" });
    live.ended("/r1", { code: 130, stopped: true });
    live.ended("/unknown", { code: 0, stopped: false });
    sub.dispose();
    live.event("/r2", { ...started, search: "Other" });
    assert.deepEqual(heard, ["/r1:starting:", "/r1:starting:", "/r1:data:", "/r1:data:stopped"]);
    assert.equal(live.latest()?.search, "Other");
    assert.deepEqual(
      live.running().map((p) => p.runDir),
      ["/r2"],
    );
  });

  test("the run last started or opened, else the newest listed; forgotten when deleted", () => {
    const changes: (string | undefined)[] = [];
    const current = new CurrentRun((run) => changes.push(run));
    current.setNewest("/new");
    current.setNewest("/new");
    current.choose("/mine");
    current.setNewest("/newer");
    current.forget("/mine");
    current.forget("/newer");
    assert.deepEqual(changes, ["/new", "/mine", "/newer", undefined]);
    assert.equal(current.get(), undefined);
  });
});

describe("the runs connection", () => {
  function fake(answer: unknown): {
    connection: RunsConnection;
    errors: string[];
    notify: (method: string, params: unknown) => void;
    sent: [string, unknown][];
  } {
    const errors: string[] = [];
    const handlers = new Map<string, (params: unknown) => void>();
    const sent: [string, unknown][] = [];
    const client = {
      sendRequest: async (method: string, params: unknown) => {
        sent.push([method, params]);
        return answer;
      },
      onNotification: (method: string, handler: (params: unknown) => void) => {
        handlers.set(method, handler);
        return { dispose: () => handlers.delete(method) };
      },
    };
    const connection = new RunsConnection(
      client as unknown as ConstructorParameters<typeof RunsConnection>[0],
      (m) => errors.push(m),
    );
    return { connection, errors, sent, notify: (method, params) => handlers.get(method)?.(params) };
  }

  test("requests go out under their method; a valid answer comes back, a malformed one is refused and logged", async () => {
    const good = fake({ stopping: true });
    assert.deepEqual(await good.connection.request("stopRun", { runDir: "/r" }), { stopping: true });
    assert.deepEqual(good.sent, [[RunsRequests.stopRun.method, { runDir: "/r" }]]);
    const bad = fake({ stopping: "yes" });
    await assert.rejects(bad.connection.request("stopRun", { runDir: "/r" }), /malformed/);
    assert.match(bad.errors[0], /supernet\/stopRun/);
  });

  test("notifications reach the handler only when valid", () => {
    const { connection, errors, notify } = fake(null);
    const seen: RunEvent[] = [];
    connection.onNotification("runEvent", ({ event }) => seen.push(event));
    notify(RunsNotifications.runEvent.method, { runDir: "/r", event: started });
    notify(RunsNotifications.runEvent.method, { runDir: "/r", event: { type: "run-started" } });
    notify(RunsNotifications.runEvent.method, { event: started });
    assert.deepEqual(seen, [started]);
    assert.equal(errors.length, 2);
  });

  test("the history lists the workspace's and this session's runs folders, once each, and keeps the listing", async () => {
    const { connection, sent } = fake({
      runs: [summary()],
      skipped: [{ dir: "/w/.supernet/runs/x", reason: "no run.json" }],
    });
    const logged: string[] = [];
    let newest: string | undefined;
    const history = new RunHistory(
      connection,
      () => ["/w/.supernet/runs"],
      (m) => logged.push(m),
      (runs) => (newest = runs[0]?.runDir),
    );
    history.addFolder("/elsewhere/.supernet/runs");
    history.addFolder("/w/.supernet/runs");
    assert.deepEqual(await history.list(), [summary()]);
    assert.deepEqual(sent, [
      [RunsRequests.listRuns.method, { folders: ["/w/.supernet/runs", "/elsewhere/.supernet/runs"] }],
    ]);
    assert.deepEqual(logged, ["skipped /w/.supernet/runs/x: no run.json"]);
    assert.equal(newest, summary().runDir);
    assert.equal(history.find(summary().runDir)?.search, "Fast");
    assert.equal(history.find("/other"), undefined);
  });
});

describe("the native backend", () => {
  test("installed into its own folder of the global storage, at the extension's version range", () => {
    const storage = mkdtempSync(join(tmpdir(), "supernet-storage-"));
    const folder = nativeBackendFolder(storage);
    assert.deepEqual(npmInstallArgs(folder, "^4.22.0"), [
      "install",
      "--prefix",
      folder,
      "--no-audit",
      "--no-fund",
      "--omit=dev",
      "@tensorflow/tfjs-node@^4.22.0",
    ]);
    assert.equal(installedNativeBackend(folder), undefined);
    mkdirSync(join(folder, "node_modules", "@tensorflow", "tfjs-node"), { recursive: true });
    writeFileSync(join(folder, "node_modules", "@tensorflow", "tfjs-node", "package.json"), "{}");
    assert.equal(installedNativeBackend(folder), folder);
  });
});

describe("manifest entries for runs", () => {
  const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
    optionalDependencies: Record<string, string>;
    contributes: {
      commands: { command: string }[];
      menus: Record<string, { command: string }[]>;
      views: Record<string, { id: string }[]>;
      configuration: {
        properties: Record<string, { enum?: string[]; default?: unknown; description?: string }>;
      };
      walkthroughs: { steps: { media: { markdown?: string } }[] }[];
    };
  };
  const c = manifest.contributes;

  test("every run command is declared, and every menu entry names a declared command", () => {
    const declared = new Set(c.commands.map((x) => x.command));
    for (const id of [
      "supernet.runSearch",
      "supernet.stopRun",
      "supernet.resumeRun",
      "supernet.openRun",
      "supernet.deleteRun",
      "supernet.refreshRuns",
      "supernet.installNativeBackend",
      "supernet.openExample",
    ]) {
      assert.ok(declared.has(id), id);
    }
    for (const entries of Object.values(c.menus))
      for (const e of entries) assert.ok(declared.has(e.command), e.command);
    assert.ok(Object.values(c.views).some((views) => views.some((v) => v.id === "supernetRuns")));
  });

  test("the run settings offer the choices the protocol accepts, with descriptions", () => {
    const p = c.configuration.properties;
    assert.deepEqual(p["supernet.backend"].enum, [
      ...RunsRequests.startRun.params.shape.runner.shape.backend.options,
    ]);
    assert.deepEqual(p["supernet.data"].enum, [
      ...RunsRequests.startRun.params.shape.runner.shape.data.options,
    ]);
    assert.deepEqual(p["supernet.remoteTargets"].default, []);
    for (const key of ["supernet.backend", "supernet.runsFolder", "supernet.data", "supernet.remoteTargets"])
      assert.ok(p[key].description, key);
  });

  test("the walkthrough's media exist, and the native backend is the optional dependency", () => {
    for (const step of c.walkthroughs.flatMap((w) => w.steps))
      assert.ok(readFileSync(step.media.markdown!, "utf8").length > 0);
    assert.ok(manifest.optionalDependencies["@tensorflow/tfjs-node"]);
  });
});
