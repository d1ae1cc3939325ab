import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { diagnose, doctorCommand, formatReport } from "../../server/cli/doctor";
import type { DoctorReport } from "../../server/cli/doctor";
import { UsageError } from "../../server/cli/usage";

describe("supernet doctor", () => {
  test("measures every backend that loads and leaves the chosen one current", async () => {
    const report = await diagnose(0.2);
    assert.deepEqual(
      report.backends.map((b) => b.kind),
      ["node", "wasm", "cpu"],
    );
    const loaded = report.backends.filter((b) => b.loaded).map((b) => b.kind);
    assert.ok(loaded.includes("wasm") && loaded.includes("cpu"));
    assert.deepEqual([...new Set(report.throughput.map((t) => t.backend))], loaded);
    for (const t of report.throughput)
      assert.ok(
        t.stepsPerSecond > 0 && Math.abs(t.imagesPerSecond / (t.stepsPerSecond * t.batch) - 1) < 1e-9,
      );
    assert.equal(tf.getBackend(), report.chosen.kind === "node" ? "tensorflow" : report.chosen.kind);
  });

  test("the text report names each backend, the choice and each measurement", () => {
    const report: DoctorReport = {
      chosen: { kind: "wasm", threads: 2 },
      preference: "auto",
      preferenceSource: "default",
      backends: [
        { kind: "node", loaded: false, note: "not installed (Cannot find module '@tensorflow/tfjs-node')" },
        { kind: "wasm", loaded: true, note: "threaded build, 2 threads" },
        { kind: "cpu", loaded: true },
      ],
      probe: { net: "28×28×1 → conv 16 → dense 10", secondsPerBackend: 2 },
      throughput: [
        {
          backend: "wasm",
          threads: 2,
          steps: 20,
          batch: 32,
          medianStepMs: 50,
          stepsPerSecond: 20,
          imagesPerSecond: 640,
          warmedUp: true,
        },
        {
          backend: "cpu",
          threads: 1,
          steps: 1,
          batch: 4,
          medianStepMs: 4000,
          stepsPerSecond: 0.25,
          imagesPerSecond: 1,
          warmedUp: false,
        },
      ],
    };
    const lines = formatReport(report).split("\n");
    assert.match(lines[1], /^ {2}node +not loaded: not installed/);
    assert.match(lines[2], /^ {2}wasm +loaded: threaded build, 2 threads/);
    assert.ok(lines.includes("Chosen: wasm (2 threads)"));
    assert.ok(
      lines.some((l) =>
        /wasm, 2 threads +batch 32 +20\.00 steps\/s +640 images\/s +\(20 steps timed\)/.test(l),
      ),
    );
    assert.ok(lines.some((l) => /cpu +batch 4 +0\.25 steps\/s +1 images\/s +\(first step only\)/.test(l)));
  });

  test("a bad --seconds or a positional argument is a usage error", async () => {
    await assert.rejects(doctorCommand(["--seconds", "0"]), UsageError);
    await assert.rejects(doctorCommand(["space.nas"]), UsageError);
  });
});
