/**
 * Lays out a fully expanded 1,000-node supernet graph with elkjs (in node, as the panel's worker
 * runs it): the graph panel's ELK input for a generated space, every group open; median and p95
 * of 10 runs after 2 warm-ups, wall clock and this process's CPU time (which a busy machine
 * inflates less). The panel's budget is 1.5 s.
 * Run: npx tsx bench/graph-layout.ts
 */
import ELK from "elkjs/lib/elk.bundled.js";
import { checkDocument } from "../server/language/checker";
import { buildSpaceGraph } from "../server/language/graph";
import type { SpaceGraph } from "../protocol/panels";
import { boxSize, elkGraph } from "../webview/graph/layout";
import { allGroups, indexGraph, nodeLines, shownNodes } from "../webview/graph/model";
import { generateSpace } from "./generateSpace";
import { summarize, writeResults } from "./stats";

/** About 7 px per character of the panel's 12 px font. */
const measure = (text: string): number => text.length * 7;

function graphOf(lines: number): SpaceGraph {
  const analysis = checkDocument(generateSpace(lines));
  const space = [...analysis.spaces.values()][0];
  const g = buildSpaceGraph(space.model, space.analysis);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    uri: "bench:",
    version: 1,
    space: g.space,
    genes: g.genes.map((x) => ({ path: x.path, values: [...x.values] })),
    nodes: g.nodes.map((n) => ({
      ...n,
      range,
      args: n.args.map((a) => ({ ...a, values: a.values && [...a.values] })),
      shapes: [...n.shapes],
      depth: n.depth && { ...n.depth, values: [...n.depth.values] },
    })),
  };
}

async function measureLayout(targetNodes: number): Promise<Record<string, unknown>> {
  // Grow the generated space until its expanded graph has the target node count.
  let lines = 40;
  let graph = graphOf(lines);
  while (graph.nodes.length < targetNodes) graph = graphOf((lines = Math.ceil(lines * 1.1)));
  const index = indexGraph(graph);
  const expanded = new Set(allGroups(index));
  const shown = shownNodes(index, expanded).length;
  const input = (): ReturnType<typeof elkGraph> =>
    elkGraph(index, expanded, (id, open) =>
      boxSize(nodeLines(index, index.byId.get(id)!, undefined, !open), measure),
    );
  const elk = new ELK();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await elk.layout(input());
    const c = process.cpuUsage(c0);
    const t1 = performance.now();
    if (i < 2) continue;
    wall.push(t1 - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { nodes: shown, sourceLines: lines, layoutWall: summarize(wall), layoutCpu: summarize(cpu) };
}

async function main(): Promise<void> {
  const results = [];
  for (const nodes of [500, 1000]) {
    const r = await measureLayout(nodes);
    results.push(r);
    console.log(JSON.stringify(r));
  }
  writeResults("graph-layout", results);
}

void main();
