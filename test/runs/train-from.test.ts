/**
 * `train from "DIR"` uses a supernet trained elsewhere as it is: whatever training settings and
 * seed the search block states, and with a clear error when the checkpoint is missing or belongs
 * to another space.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { readEvents } from "../../server/runs/runDirectory";
import { startRun } from "../../server/runs/runner";
import { TINY_NAS, writeTinyProject } from "./tinySpace";

const TRAIN_BLOCK = / {2}train \{[^\n]*\}\n/;

describe("train from a checkpoint", () => {
  test("searches a supernet trained with other settings and seed, without training it again", async () => {
    const file = writeTinyProject();
    const runsRoot = mkdtempSync(join(tmpdir(), "supernet-runs-"));
    const trained = await startRun({ file, text: TINY_NAS, runsRoot, backend: "cpu" });
    assert.ok(trained.completed);

    const from = relative(dirname(file), trained.paths.checkpoints);
    const text = TINY_NAS.replace(TRAIN_BLOCK, `  train from "${from}"\n`).replace("seed 3", "seed 11");
    assert.notEqual(text, TINY_NAS);
    writeFileSync(file, text);
    const searched = await startRun({ file, text, runsRoot, backend: "cpu" });
    assert.ok(searched.completed);
    assert.equal(searched.evaluations.length, 16);
    const kinds = readEvents(searched.paths.events).events.map((e) => e.type);
    assert.ok(kinds.includes("train-start"));
    assert.ok(!kinds.includes("train-step"), "no training step runs");
  });

  test("a folder without a checkpoint, or one of another space, is a clear error", async () => {
    const file = writeTinyProject();
    const runsRoot = mkdtempSync(join(tmpdir(), "supernet-runs-"));
    const empty = mkdtempSync(join(tmpdir(), "supernet-empty-"));
    const missing = TINY_NAS.replace(TRAIN_BLOCK, `  train from "${empty}"\n`);
    await assert.rejects(startRun({ file, text: missing, runsRoot, backend: "cpu" }), /no checkpoint/);

    const trained = await startRun({ file, text: TINY_NAS, runsRoot, backend: "cpu" });
    const other = TINY_NAS.replace("units in {4, 8, 12, 16}", "units in {4, 8, 24}").replace(
      TRAIN_BLOCK,
      `  train from "${trained.paths.checkpoints}"\n`,
    );
    await assert.rejects(
      startRun({ file, text: other, runsRoot, backend: "cpu" }),
      /different space|in the space/,
    );
  });
});
