/**
 * A run killed with SIGKILL at any moment resumes with no evaluation lost or repeated, and a
 * seeded run that was killed and resumed ends with the same evaluations and front as one that
 * was not. Drives the real CLI bundle (npm test builds it first).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { describe, test } from "node:test";
import type { EvaluationEvent, RunEvent } from "../../protocol/runEvents";
import { parseRunEvent } from "../../protocol/runEvents";
import { writeTinyProject } from "./tinySpace";

const CLI = resolve(__dirname, "../../out/cli/supernet.js");

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs the CLI with --events; `onEvent` may return true to kill the process (SIGKILL) right there. */
function runCli(args: string[], onEvent: (e: RunEvent) => boolean = () => false): Promise<Finished> {
  return new Promise((resolveP, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, "--events"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const parsed = parseRunEvent(line);
      if ("event" in parsed && onEvent(parsed.event)) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code !== 0 && signal === null)
        reject(new Error(`supernet ${args.join(" ")} exited ${code}: ${stderr}`));
      else resolveP({ code, signal });
    });
  });
}

function onlyRun(runs: string): string {
  const dirs = readdirSync(runs);
  assert.equal(dirs.length, 1, `expected one run in ${runs}, found ${dirs.join(", ")}`);
  return join(runs, dirs[0]);
}

function logged(runDir: string): RunEvent[] {
  return readFileSync(join(runDir, "events.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const r = parseRunEvent(l);
      assert.ok("event" in r, `invalid event line: ${l}`);
      return r.event;
    });
}

function evaluations(events: RunEvent[]): EvaluationEvent[] {
  return events.filter((e): e is EvaluationEvent => e.type === "evaluation");
}

function summary(runDir: string): { evaluations: { key: string; objectives: number[] }[]; front: number[] } {
  const events = logged(runDir);
  const finished = events.filter((e) => e.type === "run-finished");
  assert.equal(finished.length, 1, "exactly one run-finished event");
  const evals = evaluations(events);
  assert.deepEqual(
    evals.map((e) => e.index),
    evals.map((_, i) => i),
    "evaluation indices are 0..n-1, each once",
  );
  return {
    evaluations: evals.map((e) => ({ key: e.key, objectives: e.objectives })),
    front: finished[0].type === "run-finished" ? [...finished[0].front].sort((a, b) => a - b) : [],
  };
}

describe("killed runs resume", () => {
  const file = writeTinyProject();
  const base = dirname(file);
  let reference: ReturnType<typeof summary>;

  test("an uninterrupted run", async () => {
    const runs = join(base, "uninterrupted");
    const r = await runCli(["search", file, "--out", runs, "--backend", "cpu"]);
    assert.equal(r.code, 0);
    reference = summary(onlyRun(runs));
    assert.equal(reference.evaluations.length, 16);
    assert.ok(reference.front.length >= 1);
  });

  for (const [name, killAt] of [
    ["killed during training, after the first epoch", (e: RunEvent) => e.type === "epoch" && e.epoch === 1],
    ["killed during the search, mid-generation", (e: RunEvent) => e.type === "evaluation" && e.index === 6],
    ["killed right after a generation", (e: RunEvent) => e.type === "generation" && e.generation === 1],
  ] as const) {
    test(`${name}: resume gives the same evaluations and front`, async () => {
      const runs = join(base, name.replace(/\W+/g, "-"));
      const killed = await runCli(["search", file, "--out", runs, "--backend", "cpu"], killAt);
      assert.equal(killed.signal, "SIGKILL");
      const dir = onlyRun(runs);
      const before = evaluations(logged(dir)).length;
      const resumed = await runCli(["resume", dir, "--backend", "cpu"]);
      assert.equal(resumed.code, 0);
      const after = summary(dir);
      assert.ok(after.evaluations.length >= before);
      assert.deepEqual(after, reference);
    });
  }
});
