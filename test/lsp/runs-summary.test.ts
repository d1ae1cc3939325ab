/** What the server tells of runs on disk: summaries, listings, deletion, the search at a position. */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { EvaluationEvent, RunEvent } from "../../protocol/runEvents";
import type { RunManifest } from "../../protocol/runFiles";
import { RUN_FORMAT_VERSION } from "../../protocol/runFiles";
import { EventLog, createRunDirectory } from "../../server/runs/runDirectory";
import { deleteRunDirectory, listRuns, loggedEvents } from "../../server/lsp/runs/runHistory";
import { bestMetrics, summarizeRun } from "../../server/lsp/runs/runSummary";
import { searchesAt } from "../../server/lsp/runs/searchesAt";
import { TINY_NAS } from "../runs/tinySpace";

const TIME = "2026-11-22T10:04:11.000Z";

function manifest(id: string, created = TIME, extra: Partial<RunManifest> = {}): RunManifest {
  return {
    format: RUN_FORMAT_VERSION,
    id,
    created,
    file: "/work/tiny.nas",
    text: TINY_NAS,
    hash: "0",
    search: "Fast",
    space: "Tiny",
    seed: 3,
    backend: "cpu",
    dataset: "csv tiny.csv",
    versions: { supernet: "0.1.0", node: "20", tfjs: "4.22.0" },
    ...extra,
  };
}

const started = (resumedFrom = 0): RunEvent => ({
  type: "run-started",
  time: TIME,
  runId: "r",
  search: "Fast",
  space: "Tiny",
  backend: "cpu",
  resumedFrom,
});
const OBJECTIVES = [
  { metric: "accuracy", sense: "maximize" },
  { metric: "params", sense: "minimize" },
] as const;
const searchStart: RunEvent = {
  type: "search-start",
  strategy: "nsga2",
  budget: 8,
  objectives: [...OBJECTIVES],
  reference: [0, 1000],
};

function evaluation(
  index: number,
  accuracy: number,
  params: number,
  extra: Partial<EvaluationEvent> = {},
): EvaluationEvent {
  return {
    type: "evaluation",
    index,
    key: `k${index}`,
    genome: [index],
    choices: {},
    metrics: { accuracy, macs: params * 2, params, model_size: params * 4 },
    objectives: [accuracy, params],
    violation: 0,
    source: "measured",
    seconds: 0.1,
    ...extra,
  };
}

const finished = (front: number[]): RunEvent => ({
  type: "run-finished",
  time: TIME,
  evaluations: 3,
  front,
  seconds: 2,
});
const failed = (message: string): RunEvent => ({ type: "run-failed", time: TIME, message });

describe("run summaries", () => {
  const evaluations = [evaluation(0, 80, 500), evaluation(1, 91.25, 2100), evaluation(2, 60, 120)];

  test("a finished run: its evaluations, budget, front and best metrics, formatted as the language writes them", () => {
    const s = summarizeRun(
      "/runs/a",
      manifest("a"),
      [started(), searchStart, ...evaluations, finished([1, 2])],
      false,
    );
    assert.equal(s.state, "finished");
    assert.equal(s.evaluations, 3);
    assert.equal(s.budget, 8);
    assert.equal(s.frontSize, 2);
    assert.deepEqual(s.best, [
      { metric: "accuracy", sense: "maximize", value: 91.25, text: "91.3%" },
      { metric: "params", sense: "minimize", value: 120, text: "120" },
    ]);
    assert.equal(s.failure, undefined);
    assert.equal(s.imported, false);
  });

  test("the state follows the latest process: stopped, failed, resumed, running", () => {
    const state = (events: RunEvent[], running = false): string =>
      summarizeRun("/runs/a", manifest("a"), events, running).state;
    assert.equal(state([started(), searchStart, evaluations[0]]), "stopped");
    assert.equal(state([started(), failed("out of memory")]), "failed");
    assert.equal(
      summarizeRun("/runs/a", manifest("a"), [started(), failed("out of memory")], false).failure,
      "out of memory",
    );
    assert.equal(state([started(), failed("out of memory"), started(), searchStart]), "stopped");
    assert.equal(state([started(), failed("x"), started(), ...evaluations, finished([0])]), "finished");
    assert.equal(state([started(), searchStart], true), "running");
  });

  test("a replayed evaluation counts once; infeasible and analytic-only subnets are not the best", () => {
    const events = [
      started(),
      searchStart,
      evaluation(0, 70, 300),
      evaluation(0, 70, 300),
      evaluation(1, 99, 10, { violation: 2 }),
      evaluation(2, 98, 20, { source: "analytic" }),
    ];
    const s = summarizeRun("/runs/a", manifest("a"), events, false);
    assert.equal(s.evaluations, 3);
    assert.deepEqual(
      s.best.map((b) => b.value),
      [70, 300],
    );
  });

  test("no best metrics before any feasible measured subnet", () => {
    assert.deepEqual(bestMetrics(OBJECTIVES, []), []);
    const s = summarizeRun("/runs/a", manifest("a"), [started()], false);
    assert.deepEqual([s.best, s.budget, s.frontSize], [[], null, null]);
  });

  test("an imported run says so", () => {
    assert.equal(
      summarizeRun("/runs/a", manifest("a", TIME, { importedFrom: "results.csv" }), [], false).imported,
      true,
    );
  });
});

describe("runs on disk", () => {
  function runsFolder(): string {
    return join(mkdtempSync(join(tmpdir(), "supernet-runs-")), ".supernet", "runs");
  }

  function writeRun(root: string, id: string, created: string, events: RunEvent[]): string {
    const paths = createRunDirectory(root, id, manifest(id, created));
    const log = new EventLog(paths.events);
    for (const e of events) log.append(e);
    log.close();
    return paths.dir;
  }

  test("lists every run of every folder, newest first, and names the folders that are not runs", () => {
    const a = runsFolder();
    const b = runsFolder();
    const older = writeRun(a, "2026-11-20T08-00-00-Fast", "2026-11-20T08:00:00.000Z", [
      started(),
      searchStart,
      evaluation(0, 80, 500),
    ]);
    const newer = writeRun(b, "2026-11-21T08-00-00-Fast", "2026-11-21T08:00:00.000Z", [
      started(),
      failed("boom"),
    ]);
    mkdirSync(join(a, "stray"));
    writeFileSync(join(a, "notes.txt"), "not a folder");
    const listing = listRuns([a, b, a, join(a, "missing")], (dir) => dir === older);
    assert.deepEqual(
      listing.runs.map((r) => [r.runDir, r.state]),
      [
        [newer, "failed"],
        [older, "running"],
      ],
    );
    assert.deepEqual(
      listing.skipped.map((s) => s.dir),
      [join(a, "stray")],
    );
    assert.match(listing.skipped[0].reason, /no run\.json/);
  });

  test("a run's logged events, with the count of lines that did not validate", () => {
    const root = runsFolder();
    const dir = writeRun(root, "r", TIME, [started(), searchStart]);
    writeFileSync(
      join(dir, "events.jsonl"),
      `${JSON.stringify(started())}\n{"type":"nonsense"}\n${JSON.stringify(searchStart)}\n`,
    );
    assert.deepEqual(loggedEvents(dir), { events: [started(), searchStart], invalidLines: 1 });
    assert.throws(() => loggedEvents(join(root, "missing")), /not a run directory/);
  });

  test("deleting removes a run directory and refuses any other folder", () => {
    const root = runsFolder();
    const dir = writeRun(root, "r", TIME, [started()]);
    const other = join(root, "other");
    mkdirSync(other);
    assert.throws(() => deleteRunDirectory(other), /not a run directory/);
    assert.ok(existsSync(other));
    deleteRunDirectory(dir);
    assert.ok(!existsSync(dir));
  });
});

describe("the search at a position", () => {
  const text = `${TINY_NAS}\nsearch Other on Tiny {\n  objectives { maximize accuracy }\n}\n`;
  const offset = (needle: string): number => text.indexOf(needle);

  test("the named search block around the offset, and all of them in order", () => {
    assert.deepEqual(searchesAt(text, offset("strategy nsga2")), {
      atCursor: "Fast",
      all: ["Fast", "Other"],
    });
    assert.deepEqual(searchesAt(text, offset("maximize accuracy }")), {
      atCursor: "Other",
      all: ["Fast", "Other"],
    });
    assert.deepEqual(searchesAt(text, offset("input vector")), { atCursor: null, all: ["Fast", "Other"] });
  });

  test("a file without searches, and one mid-edit, still answer", () => {
    assert.deepEqual(searchesAt("space S { input vector(2) }", 3), { atCursor: null, all: [] });
    assert.deepEqual(searchesAt("search Broken on {\n  objectives {", 12).all, ["Broken"]);
  });
});
