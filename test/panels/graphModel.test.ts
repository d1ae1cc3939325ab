import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  allGroups,
  ancestors,
  inactiveNodes,
  indexGraph,
  nodeLines,
  nodesAt,
  representative,
  shownNodes,
} from "../../webview/graph/model";
import { graphOfFile } from "./graphs";

const graph = graphOfFile("test/fixtures/panels/quick-run.nas", "QuickFashion");
const index = indexGraph(graph);
const ids = (nodes: { id: string }[]): string[] => nodes.map((n) => n.id);

describe("graph model", () => {
  test("stages start collapsed: the top level shows, in source order", () => {
    assert.deepEqual(ids(shownNodes(index, new Set())), [
      "input",
      "stem/0",
      "stem/1",
      "stem/2",
      "stage:s1",
      "stage:s2",
      "head/0",
      "head/1",
    ]);
  });

  test("opening a stage shows its blocks; opening a block its ops; everything open shows every node", () => {
    assert.deepEqual(ids(shownNodes(index, new Set(["stage:s1"]))).slice(4, 7), [
      "stage:s1",
      "s1[0]",
      "s1[1]",
    ]);
    assert.deepEqual(ids(shownNodes(index, new Set(["stage:s1", "s1[1]"]))).slice(4, 8), [
      "stage:s1",
      "s1[0]",
      "s1[1]",
      "s1[1]/0",
    ]);
    assert.equal(shownNodes(index, new Set(allGroups(index))).length, graph.nodes.length);
  });

  test("a hidden node is represented by its outermost collapsed group", () => {
    assert.equal(representative(index, "s1[1]/0", new Set()), "stage:s1");
    assert.equal(representative(index, "s1[1]/0", new Set(["stage:s1"])), "s1[1]");
    assert.equal(representative(index, "s1[1]/0", new Set(["stage:s1", "s1[1]"])), "s1[1]/0");
    assert.equal(representative(index, "s1[1]/0", new Set(["s1[1]"])), "stage:s1");
    assert.deepEqual(ancestors(index, "s1[1]/0"), ["s1[1]", "stage:s1"]);
  });

  test("a subnet leaves out the blocks beyond its depths, and what is in them", () => {
    assert.deepEqual([...inactiveNodes(index, { "s1.depth": 1, "s2.depth": 2 })].sort(), [
      "s1[1]",
      "s1[1]/0",
    ]);
    assert.deepEqual([...inactiveNodes(index, { "s1.depth": 1, "s2.depth": 1 })].sort(), [
      "s1[1]",
      "s1[1]/0",
      "s2[1]",
      "s2[1]/0",
    ]);
    assert.deepEqual([...inactiveNodes(index, {})], [], "unassigned depths take their largest value");
  });

  test("a node says what it is, its choices (or the subnet's values) and its shapes and costs", () => {
    const op = index.byId.get("s2[0]/0")!;
    const [title, args, shapes, cost] = nodeLines(index, op, undefined, true);
    assert.equal(title, "mbconv");
    assert.equal(args, "out {32,48} · kernel {3,5} · expand {2,4} · stride 2 · se true");
    assert.match(shapes, /^→ \d+×\d+×(32|48)/);
    assert.match(cost, /MACs · .* params$/);
    assert.equal(
      nodeLines(index, op, { "s2[0].kernel": 3, "s2[0].out": 32 }, true)[1],
      "out 32 · kernel 3 · expand 4 · stride 2 · se true",
    );
    const stage = index.byId.get("stage:s1")!;
    assert.deepEqual(nodeLines(index, stage, undefined, true).slice(0, 2), [
      "stage s1",
      "depth {1,2} × out {16,24} × kernel {3,5} × expand {2,4}",
    ]);
    assert.equal(
      nodeLines(index, stage, { "s1.depth": 1 }, true)[1],
      "depth 1 of depth {1,2} × out {16,24} × kernel {3,5} × expand {2,4}",
    );
    assert.equal(nodeLines(index, stage, undefined, false).length, 1, "an open group is a one-line header");
    assert.deepEqual(nodeLines(index, index.byId.get("stem/2")!, undefined, true), [
      "stem: relu",
      `→ ${index.byId.get("stem/2")!.shapes.join(" | ")}`,
    ]);
  });

  test("the editor's cursor highlights the op it is in, in every block that repeats it", () => {
    const op = index.byId.get("s1[0]/0")!;
    const inside = { line: op.range.start.line, character: op.range.start.character + 3 };
    assert.deepEqual(nodesAt(index, inside, new Set()), ["stage:s1"]);
    assert.deepEqual(nodesAt(index, inside, new Set(["stage:s1"])), ["s1[0]", "s1[1]"]);
    assert.deepEqual(nodesAt(index, inside, new Set(allGroups(index))), ["s1[0]/0", "s1[1]/0"]);
    const stage = index.byId.get("stage:s2")!;
    assert.deepEqual(nodesAt(index, stage.range.start, new Set(allGroups(index))), ["stage:s2"]);
    assert.deepEqual(nodesAt(index, { line: 0, character: 0 }, new Set()), []);
  });
});
