import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  graphToHost,
  graphToWebview,
  inspectorToHost,
  paretoToHost,
  paretoToWebview,
  selectionSchema,
} from "../../protocol/panels";
import { graphOfFile } from "./graphs";
import { evaluation, quickRun } from "./events";

describe("panel messages", () => {
  test("a space graph as the server builds it is a valid graph message", () => {
    const graph = graphOfFile("examples/ofa-mobilenetv3.nas", "OFAMobileNetV3");
    assert.ok(graphToWebview.safeParse({ type: "graph", graph }).success);
    assert.ok(
      graph.nodes.some(
        (n) => n.kind === "stage" && n.badge === "depth {2,3,4} × kernel {3,5,7} × expand {3,4,6}",
      ),
    );
  });

  test("a run's logged events travel to the Pareto panel as they are", () => {
    const events = quickRun();
    const parsed = paretoToWebview.parse({ type: "events", runDir: "/r", replay: true, events });
    assert.deepEqual(parsed, { type: "events", runDir: "/r", replay: true, events });
  });

  test("malformed messages are refused: wrong types, unknown kinds, an event that is not an evaluation", () => {
    assert.ok(
      !graphToHost.safeParse({
        type: "reveal",
        range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } },
      }).success,
    );
    assert.ok(!graphToHost.safeParse({ type: "rm -rf" }).success);
    assert.deepEqual(
      inspectorToHost.parse({ type: "apply", extra: 1 }),
      { type: "apply" },
      "unknown keys are stripped",
    );
    const select = { type: "select", runDir: "/r", objectives: [{ metric: "accuracy", sense: "maximize" }] };
    assert.ok(paretoToHost.safeParse({ ...select, evaluation: evaluation(1, [80, 1e5, 1]) }).success);
    assert.ok(
      !paretoToHost.safeParse({ ...select, evaluation: { type: "log", level: "info", message: "x" } })
        .success,
    );
    assert.ok(
      !paretoToHost.safeParse({ ...select, evaluation: { ...evaluation(1, [80, 1e5, 1]), index: -1 } })
        .success,
    );
    assert.ok(
      !selectionSchema.safeParse({
        label: "x",
        space: "S",
        choices: { a: "3" },
        metrics: {},
        origin: { kind: "subnet", name: "n" },
      }).success,
    );
  });
});
