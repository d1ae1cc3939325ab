import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Selection, SubnetDetails } from "../../protocol/panels";
import { compareTargets, diffChoices, metricRows } from "../../webview/inspector/diff";

const genes = ["resolution", "s1.depth", "s1[0].kernel", "s1[1].kernel"].map((path) => ({
  path,
  values: [1, 2, 3],
}));
const details: SubnetDetails = {
  space: "S",
  choices: { resolution: 24, "s1.depth": 1, "s1[0].kernel": 3 },
  analytic: { macs: 1.5e6, params: 61_300, model_size: 245_200 },
  notes: [],
  largest: { resolution: 28, "s1.depth": 2, "s1[0].kernel": 5, "s1[1].kernel": 5 },
  smallest: { resolution: 20, "s1.depth": 1, "s1[0].kernel": 3 },
  subnets: [{ name: "small_fast", choices: { resolution: 24, "s1.depth": 1, "s1[0].kernel": 5 } }],
  suggestedName: "pareto_86p9_1p5M",
  genes,
};
const selection: Selection = {
  label: "#4 of run",
  uri: "file:///s.nas",
  space: "S",
  choices: details.choices,
  metrics: { accuracy: 86.9, macs: 1.5e6, params: 60_000, latency: 0.8 },
  predicted: { accuracy: 85.2 },
  origin: {
    kind: "evaluation",
    runDir: "/r",
    runId: "r",
    index: 4,
    key: "k",
    source: "measured",
    violation: 0,
  },
};

describe("inspector", () => {
  test("choices beside another subnet's: every gene active in either, differences marked", () => {
    const rows = diffChoices(genes, details.choices, details.largest);
    assert.deepEqual(
      rows.map((r) => [r.path, r.value, r.other, r.changed]),
      [
        ["resolution", 24, 28, true],
        ["s1.depth", 1, 2, true],
        ["s1[0].kernel", 3, 5, true],
        ["s1[1].kernel", undefined, 5, true],
      ],
    );
    assert.ok(diffChoices(genes, details.choices, undefined).every((r) => !r.changed));
    assert.deepEqual(
      diffChoices(genes, details.choices, details.smallest)
        .filter((r) => r.changed)
        .map((r) => r.path),
      ["resolution"],
    );
  });

  test("compares with the largest, the smallest, the file's subnets and a pinned one", () => {
    assert.deepEqual(
      compareTargets(details, undefined).map((t) => t.id),
      ["largest", "smallest", "subnet:small_fast"],
    );
    assert.equal(compareTargets(details, { label: "#9", choices: {} }).at(-1)!.label, "pinned: #9");
  });

  test("metrics as the run measured them and as the source computes them now, stale ones marked", () => {
    const rows = metricRows(selection, details);
    assert.deepEqual(
      rows.map((r) => [r.metric, r.run, r.predicted, r.source, r.stale]),
      [
        ["accuracy", 86.9, 85.2, undefined, false],
        ["macs", 1.5e6, undefined, 1.5e6, false],
        ["params", 60_000, undefined, 61_300, true],
        ["latency", 0.8, undefined, undefined, false],
        ["model_size", undefined, undefined, 245_200, false],
      ],
    );
  });
});
