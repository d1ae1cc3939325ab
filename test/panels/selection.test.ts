import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { selectionSchema } from "../../protocol/panels";
import {
  measuredOf,
  overlayFor,
  selectionFromEvaluation,
  selectionFromSubnet,
  selectionJson,
} from "../../client/panels/selectionModel";
import { OBJECTIVES, evaluation } from "./events";

const run = {
  runDir: "/w/.supernet/runs/2026-11-22T10-04-11-Quick",
  id: "2026-11-22T10-04-11-Quick",
  uri: "file:///w/quick.nas",
  space: "QuickFashion",
};

describe("the selected subnet", () => {
  const selected = selectionFromEvaluation(
    run,
    evaluation(12, [86.9, 1.42e6, 0.81]),
    OBJECTIVES,
    "QuickFashion",
  );

  test("from an evaluation: its run, choices and metrics; valid by the protocol", () => {
    assert.equal(selected.label, "#12 of 2026-11-22T10-04-11-Quick");
    assert.deepEqual(selected.origin, {
      kind: "evaluation",
      runDir: run.runDir,
      runId: run.id,
      index: 12,
      key: "12",
      source: "measured",
      violation: 0,
    });
    assert.equal(selected.metrics.accuracy, 86.9);
    assert.ok(selectionSchema.safeParse(selected).success);
  });

  test("is drawn over graphs of its own space and document only", () => {
    assert.deepEqual(overlayFor(selected, run.uri, "QuickFashion"), {
      label: selected.label,
      choices: selected.choices,
    });
    assert.equal(overlayFor(selected, run.uri, "Other"), null);
    assert.equal(overlayFor(selected, "file:///elsewhere.nas", "QuickFashion"), null);
    assert.equal(overlayFor(undefined, run.uri, "QuickFashion"), null);
  });

  test("`measured` records the run it came from; a subnet block records only its analytic metrics", () => {
    assert.equal(measuredOf(selected).run, run.id);
    assert.equal(measuredOf(selected).latency, 0.81);
    const block = selectionFromSubnet(
      run.uri,
      "QuickFashion",
      "small",
      { "s1.depth": 1 },
      { macs: 1000, params: 10 },
    );
    assert.deepEqual(measuredOf(block), { macs: 1000, params: 10, model_size: 40 });
    assert.ok(selectionSchema.safeParse(block).success);
  });

  test("copies as JSON with its space, choices, metrics and origin", () => {
    const json = JSON.parse(selectionJson(selected)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ["label", "space", "choices", "metrics", "objectives", "origin"]);
    assert.deepEqual(json.choices, selected.choices);
  });
});
