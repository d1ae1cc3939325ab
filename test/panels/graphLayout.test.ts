import { describe, test } from "node:test";
import assert from "node:assert/strict";
import ELK from "elkjs/lib/elk.bundled.js";
import type { Box } from "../../webview/graph/layout";
import { HEADER, boxSize, elkGraph, placeLayout } from "../../webview/graph/layout";
import { allGroups, indexGraph, nodeLines, shownChildren } from "../../webview/graph/model";
import { fitView, isVisible, keepAnchor, nearestToCentre, zoomAt } from "../../webview/graph/viewport";
import { graphOfFile } from "./graphs";

const graph = graphOfFile("test/fixtures/panels/quick-run.nas", "QuickFashion");
const index = indexGraph(graph);
const measure = (text: string): number => text.length * 7;
const sizeOf = (id: string, open: boolean): { width: number; height: number } =>
  boxSize(nodeLines(index, index.byId.get(id)!, undefined, !open), measure);

describe("elkGraph", () => {
  test("collapsed: one ELK node per shown node, an edge from each to the next", () => {
    const elk = elkGraph(index, new Set(), sizeOf);
    assert.deepEqual(
      elk.children!.map((c) => c.id),
      ["input", "stem/0", "stem/1", "stem/2", "stage:s1", "stage:s2", "head/0", "head/1"],
    );
    assert.deepEqual(
      elk.edges!.map((e) => [e.sources[0], e.targets[0]]),
      elk.children!.slice(1).map((c, i) => [elk.children![i].id, c.id]),
    );
    assert.ok(elk.children!.every((c) => !c.children && c.width! > 0 && c.height! > 0));
  });

  test("an open group is a compound node that lays out its own chain", () => {
    const elk = elkGraph(index, new Set(["stage:s1", "s1[0]"]), sizeOf);
    const stage = elk.children!.find((c) => c.id === "stage:s1")!;
    assert.deepEqual(
      stage.children!.map((c) => c.id),
      ["s1[0]", "s1[1]"],
    );
    assert.deepEqual(
      stage.edges!.map((e) => e.id),
      ["s1[0]->s1[1]"],
    );
    assert.deepEqual(
      stage.children![0].children!.map((c) => c.id),
      ["s1[0]/0"],
    );
    assert.equal(stage.layoutOptions!["elk.direction"], "DOWN");
  });
});

describe("a real layout", () => {
  test("top-down in source order; children inside their groups; no siblings overlap", async () => {
    const expanded = new Set(allGroups(index));
    const placed = placeLayout(await new ELK().layout(elkGraph(index, expanded, sizeOf)));
    const inside = (child: Box, parent: Box): boolean =>
      child.x >= parent.x &&
      child.y >= parent.y + HEADER - 1 &&
      child.x + child.width <= parent.x + parent.width &&
      child.y + child.height <= parent.y + parent.height;
    for (const n of graph.nodes) {
      const box = placed.boxes.get(n.id);
      assert.ok(box, `${n.id} is placed`);
      if (n.parent) assert.ok(inside(box, placed.boxes.get(n.parent)!), `${n.id} inside ${n.parent}`);
    }
    for (const parent of ["", ...allGroups(index)]) {
      const siblings = shownChildren(index, parent, expanded).map((c) => placed.boxes.get(c.id)!);
      for (let i = 1; i < siblings.length; i++)
        assert.ok(
          siblings[i].y >= siblings[i - 1].y + siblings[i - 1].height,
          `siblings of ${parent || "the top"} in order, apart`,
        );
    }
    // One edge between each pair of neighbours: per level with children, one fewer than them.
    assert.equal(placed.edges.length, graph.nodes.length - index.children.size);
    for (const e of placed.edges) assert.ok(e.points.length >= 2);
  });
});

describe("viewport", () => {
  const viewport = { width: 800, height: 600 };

  test("a re-layout keeps the anchor node where it was on screen", () => {
    const view = { x: 120, y: -340, k: 0.8 };
    const before = { x: 200, y: 900, width: 100, height: 40 };
    const after = { x: 260, y: 1250, width: 100, height: 40 };
    const next = keepAnchor(view, before, after);
    assert.deepEqual(
      [after.x * next.k + next.x, after.y * next.k + next.y],
      [before.x * view.k + view.x, before.y * view.k + view.y],
    );
  });

  test("zoom keeps the point under the pointer; fit shows the whole graph, or a readable top of a tall one", () => {
    const view = { x: 10, y: 20, k: 1 };
    const at = { x: 300, y: 200 };
    const z = zoomAt(view, 2, at);
    assert.deepEqual(
      [(at.x - z.x) / z.k, (at.y - z.y) / z.k],
      [(at.x - view.x) / view.k, (at.y - view.y) / view.k],
    );
    const graphSize = { width: 400, height: 3000 };
    const fit = fitView(graphSize, viewport);
    assert.ok(isVisible(fit, { x: 0, y: 0, ...graphSize }, viewport));
    const readable = fitView(graphSize, viewport, 0.5);
    assert.equal(readable.k, 0.5);
    assert.ok(readable.y > 0 && readable.y <= 16);
  });

  test("the anchor of a re-layout is the node nearest the centre", () => {
    const boxes = new Map<string, Box>([
      ["a", { x: 0, y: 0, width: 10, height: 10 }],
      ["b", { x: 390, y: 290, width: 20, height: 20 }],
    ]);
    assert.equal(nearestToCentre({ x: 0, y: 0, k: 1 }, boxes, viewport, boxes.keys()), "b");
  });
});
