/**
 * How the server runs the CLI: the command lines and environment, reading events from stdout,
 * finding the new run directory, and the run manager's life cycle (start, relay, stop, refusal)
 * driven against a small stand-in CLI script, so no training is involved.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import type { RunEvent } from "../../protocol/runEvents";
import type { RunnerOptions } from "../../protocol/runsLsp";
import { RUN_FORMAT_VERSION } from "../../protocol/runFiles";
import { createRunDirectory } from "../../server/runs/runDirectory";
import { TFJS_NODE_PATH_ENV, resumeArgs, runnerEnv, searchArgs } from "../../server/lsp/runs/cliArgs";
import { readEventLines } from "../../server/lsp/runs/runnerOutput";
import { findNewRunDirectory } from "../../server/lsp/runs/locateRun";
import type { RunNotifier } from "../../server/lsp/runs/runManager";
import { RunManager } from "../../server/lsp/runs/runManager";

const RUNNER: RunnerOptions = { backend: "wasm", data: "embedded" };
const started = (search = "Fast"): RunEvent => ({
  type: "run-started",
  time: "2026-11-22T10:04:11.000Z",
  runId: "r",
  search,
  space: "Tiny",
  backend: "wasm",
  resumedFrom: 0,
});

describe("command lines", () => {
  test("search and resume name the file or run, and pass the events flag, backend and data", () => {
    assert.deepEqual(
      searchArgs("/ext/out/cli/supernet.js", {
        file: "/w/a.nas",
        search: "Fast",
        runsFolder: "/w/.supernet/runs",
        runner: RUNNER,
      }),
      [
        "/ext/out/cli/supernet.js",
        "search",
        "/w/a.nas",
        "--search",
        "Fast",
        "--out",
        "/w/.supernet/runs",
        "--events",
        "--backend",
        "wasm",
        "--data",
        "embedded",
      ],
    );
    assert.deepEqual(resumeArgs("cli.js", "/w/.supernet/runs/r", { backend: "auto", data: "auto" }), [
      "cli.js",
      "resume",
      "/w/.supernet/runs/r",
      "--events",
      "--backend",
      "auto",
      "--data",
      "auto",
    ]);
  });

  test("the environment tells the runner where tfjs-node is, and Electron to run as Node", () => {
    const base = { PATH: "/bin" };
    assert.deepEqual(runnerEnv(base, RUNNER, false), base);
    assert.deepEqual(runnerEnv(base, { ...RUNNER, tfjsNodePath: "/storage/tfjs-node" }, true), {
      PATH: "/bin",
      [TFJS_NODE_PATH_ENV]: "/storage/tfjs-node",
      ELECTRON_RUN_AS_NODE: "1",
    });
  });
});

describe("reading events from a runner's stdout", () => {
  test("events split across chunks arrive whole and in order; other lines are reported and dropped", async () => {
    const stream = new PassThrough();
    const events: RunEvent[] = [];
    const invalid: string[] = [];
    const done = readEventLines(stream, {
      event: (e) => events.push(e),
      invalid: (line) => invalid.push(line),
    });
    const log: RunEvent = { type: "log", level: "warning", message: "ünïcode ✓" };
    const text = `${JSON.stringify(started())}\r\n\nHi there\n${JSON.stringify(log)}\n{"type":"epoch"}\n${JSON.stringify(log)}`;
    const bytes = Buffer.from(text);
    // Cut in the middle of a multi-byte character as well.
    for (const [from, to] of [
      [0, 7],
      [7, bytes.indexOf("ï") + 1],
      [bytes.indexOf("ï") + 1, bytes.length],
    ])
      stream.write(bytes.subarray(from, to));
    stream.end();
    await done;
    assert.deepEqual(events, [started(), log, log]);
    assert.deepEqual(invalid, ["Hi there", '{"type":"epoch"}']);
  });
});

describe("finding the new run directory", () => {
  test("the new folder whose log holds the printed run-started line", () => {
    const root = mkdtempSync(join(tmpdir(), "supernet-locate-"));
    const line = JSON.stringify(started());
    for (const [name, log] of [
      ["old", line],
      ["new-1", JSON.stringify(started("Other"))],
      ["new-2", line],
    ]) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, "events.jsonl"), `${log}\n`);
    }
    mkdirSync(join(root, "new-empty"));
    assert.equal(findNewRunDirectory(root, new Set(["old"]), line), join(root, "new-2"));
    assert.equal(findNewRunDirectory(root, new Set(["old", "new-2"]), line), undefined);
  });
});

/** A stand-in for the CLI: logs and prints events like `supernet … --events`; FAKE_MODE picks how it ends. */
const FAKE_CLI = `
const { appendFileSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");
const [command, target, ...rest] = process.argv.slice(2);
const opt = (name) => rest[rest.indexOf(name) + 1];
const mode = process.env.FAKE_MODE;
if (mode === "refuse") {
  process.stderr.write("tiny.nas has 1 error; fix it first\\n");
  process.exit(1);
}
const dir = command === "search" ? join(opt("--out"), "run-" + opt("--search")) : target;
mkdirSync(dir, { recursive: true });
const emit = (e) => {
  const line = JSON.stringify(e) + "\\n";
  appendFileSync(join(dir, "events.jsonl"), line);
  process.stdout.write(line);
};
process.on("SIGINT", () => {
  if (mode === "stubborn") return;
  emit({ type: "log", level: "info", message: "stopping" });
  process.exit(130);
});
emit({ type: "run-started", time: new Date().toISOString(), runId: "r", search: opt("--search") || "Fast", space: "Tiny", backend: opt("--backend"), resumedFrom: 0 });
process.stdout.write("not an event\\n");
emit({ type: "log", level: "info", message: JSON.stringify({ command, cwd: process.cwd(), tfjs: process.env.${TFJS_NODE_PATH_ENV} || null }) });
process.stderr.write("a note on stderr\\n");
if (mode === "finish") {
  emit({ type: "run-finished", time: new Date().toISOString(), evaluations: 0, front: [], seconds: 0 });
  process.exit(0);
}
setInterval(() => undefined, 1 << 30);
`;

class Recorder implements RunNotifier {
  readonly events: { runDir: string; event: RunEvent }[] = [];
  readonly logs: { runDir: string | null; level: string; text: string }[] = [];
  private readonly ends = new Map<
    string,
    (e: { code: number | null; signal: string | null; stopped: boolean }) => void
  >();

  event(runDir: string, event: RunEvent): void {
    this.events.push({ runDir, event });
  }
  ended(runDir: string, e: { code: number | null; signal: string | null; stopped: boolean }): void {
    this.ends.get(runDir)?.(e);
  }
  log(runDir: string | null, _search: string, level: string, text: string): void {
    this.logs.push({ runDir, level, text });
  }
  /** Call before the run can end (right after its start resolves: the end comes later on the same pipe). */
  end(runDir: string): Promise<{ code: number | null; signal: string | null; stopped: boolean }> {
    return new Promise((resolve) => this.ends.set(runDir, resolve));
  }
}

describe("the run manager", () => {
  const root = mkdtempSync(join(tmpdir(), "supernet-manager-"));
  const cli = join(root, "fake-cli.js");
  writeFileSync(cli, FAKE_CLI);
  const file = join(root, "project", "tiny.nas");
  mkdirSync(join(root, "project"));
  writeFileSync(file, "");

  function manager(mode: string, stopGraceMs?: number): { runs: RunManager; notes: Recorder } {
    const notes = new Recorder();
    return {
      notes,
      runs: new RunManager({
        cli,
        notify: notes,
        env: { ...process.env, FAKE_MODE: mode },
        ...(stopGraceMs ? { stopGraceMs } : {}),
      }),
    };
  }

  test("relays a run's events under its directory, logs stderr and drops what is not an event", async () => {
    const { runs, notes } = manager("finish");
    const runsFolder = join(root, "finish-runs");
    const runDir = await runs.start({
      file,
      search: "Fast",
      runsFolder,
      runner: { ...RUNNER, tfjsNodePath: "/storage/tfjs-node" },
    });
    const ended = notes.end(runDir);
    assert.equal(runDir, join(runsFolder, "run-Fast"));
    assert.deepEqual(await ended, { code: 0, signal: null, stopped: false });
    assert.deepEqual(
      notes.events.map((e) => [e.runDir, e.event.type]),
      [
        [runDir, "run-started"],
        [runDir, "log"],
        [runDir, "run-finished"],
      ],
    );
    const told = notes.events[1].event;
    assert.ok(told.type === "log");
    assert.deepEqual(JSON.parse(told.message), {
      command: "search",
      cwd: join(root, "project"),
      tfjs: "/storage/tfjs-node",
    });
    assert.ok(notes.logs.some((l) => l.level === "warning" && l.text.includes("not an event")));
    assert.ok(notes.logs.some((l) => l.text.includes("a note on stderr")));
    assert.equal(runs.isRunning(runDir), false);
  });

  test("stop interrupts the runner, which ends stopped; one run per search at a time", async () => {
    const { runs, notes } = manager("wait");
    const runDir = await runs.start({
      file,
      search: "Fast",
      runsFolder: join(root, "stop-runs"),
      runner: RUNNER,
    });
    const ended = notes.end(runDir);
    assert.equal(runs.isRunning(runDir), true);
    await assert.rejects(
      runs.start({ file, search: "Fast", runsFolder: join(root, "stop-runs"), runner: RUNNER }),
      /already running/,
    );
    assert.equal(runs.stop(runDir), true);
    assert.deepEqual(await ended, { code: 130, signal: null, stopped: true });
    assert.equal(notes.events.at(-1)?.event.type, "log");
    assert.equal(runs.stop(runDir), false);
  });

  test("a runner that ignores the interrupt is terminated after the grace period", async () => {
    const { runs, notes } = manager("stubborn", 50);
    const runDir = await runs.start({
      file,
      search: "Fast",
      runsFolder: join(root, "stubborn-runs"),
      runner: RUNNER,
    });
    const ended = notes.end(runDir);
    runs.stop(runDir);
    assert.deepEqual(await ended, { code: null, signal: "SIGTERM", stopped: true });
  });

  test("a runner that refuses to start rejects the start with what it said", async () => {
    const { runs } = manager("refuse");
    await assert.rejects(
      runs.start({ file, search: "Fast", runsFolder: join(root, "refused-runs"), runner: RUNNER }),
      /tiny\.nas has 1 error; fix it first/,
    );
    // The search is free again.
    await assert.rejects(
      runs.start({ file, search: "Fast", runsFolder: join(root, "refused-runs"), runner: RUNNER }),
      /1 error/,
    );
  });

  test("a runner that cannot be spawned rejects the start, and frees the search", async () => {
    const notes = new Recorder();
    const runs = new RunManager({ cli, notify: notes, execPath: join(root, "no-such-node") });
    const start = (): Promise<string> =>
      runs.start({ file, search: "Fast", runsFolder: join(root, "unspawned-runs"), runner: RUNNER });
    await assert.rejects(start(), /ENOENT/);
    await assert.rejects(start(), /ENOENT/);
  });

  test("resume runs the CLI on the run directory, from inside it", async () => {
    const { runs, notes } = manager("finish");
    const paths = createRunDirectory(join(root, "resume-runs"), "r", {
      format: RUN_FORMAT_VERSION,
      id: "r",
      created: "2026-11-22T10:04:11.000Z",
      file,
      text: "",
      hash: "0",
      search: "Fast",
      space: "Tiny",
      seed: 0,
      backend: "cpu",
      dataset: "csv",
      versions: { supernet: "0", node: "20", tfjs: "4" },
    });
    const runDir = await runs.resume(paths.dir, RUNNER);
    const ended = notes.end(runDir);
    assert.equal(runDir, paths.dir);
    assert.equal((await ended).code, 0);
    const told = notes.events.find((e) => e.event.type === "log")!.event;
    assert.ok(told.type === "log");
    assert.deepEqual(JSON.parse(told.message), { command: "resume", cwd: paths.dir, tfjs: null });
    await assert.rejects(runs.resume(join(root, "nowhere"), RUNNER), /not a run directory/);
  });
});
