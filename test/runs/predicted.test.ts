/**
 * A LINAS run logs, with each subnet it measured after its first (random) population, what its
 * predictors expected of the measured metrics: the inspector shows it beside the measurement.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRun } from "../../server/runs/runner";
import { TINY_LINAS_NAS, TINY_NAS, writeTinyProject } from "./tinySpace";

describe("predicted values in evaluation events", () => {
  test("LINAS's evaluations after the first population carry the predicted accuracy", async () => {
    const text = TINY_LINAS_NAS;
    assert.notEqual(text, TINY_NAS);
    const file = writeTinyProject(text);
    const run = await startRun({
      file,
      text,
      runsRoot: mkdtempSync(join(tmpdir(), "supernet-runs-")),
      backend: "cpu",
    });
    assert.equal(run.evaluations.length, 16);
    const [first, later] = [run.evaluations.slice(0, 4), run.evaluations.slice(4)];
    assert.ok(
      first.every((e) => e.predicted === undefined),
      "the random population has no predictions",
    );
    for (const e of later) {
      assert.deepEqual(Object.keys(e.predicted ?? {}), ["accuracy"], `evaluation ${e.index}`);
      assert.ok(Number.isFinite(e.predicted!.accuracy));
    }
  });
});
