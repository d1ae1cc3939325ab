import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { largestGenome, sampleUniform } from "../../server/language/encoding";
import type { GraphNode, SpaceGraph } from "../../server/language/graph";
import { buildSpaceGraph } from "../../server/language/graph";
import { opSteps, planSubnet } from "../../server/language/plan";
import type { BuiltSpace } from "./spaces";
import { buildCleanSpace, buildFirstSpace } from "./spaces";

const quick = readFileSync(new URL("../fixtures/panels/quick-run.nas", import.meta.url), "utf8");

/** Residuals, labelled layers inside a stage, an unlabelled top-level line and a fixed depth. */
const nested = `space Nested {
  input image(16, 16, 3)
  conv(out: 8, kernel: 3) bn relu
  stage r depth in {1, 2, 3} {
    residual {
      a: conv(out: 8, kernel in {1, 3}) bn relu
      b: conv(out: 8, kernel in {3, 5})
    }
    relu
  }
  stage f depth 2 {
    mbconv(out: 16, kernel: 3, expand in {2, 4}, stride: 2)
  }
  head: gap dense(10)
}
`;

function graphOf(built: BuiltSpace): SpaceGraph {
  return buildSpaceGraph(built.model, built.analysis);
}

function byId(graph: SpaceGraph): Map<string, GraphNode> {
  return new Map(graph.nodes.map((n) => [n.id, n]));
}

describe("buildSpaceGraph", () => {
  const built = buildCleanSpace(quick);
  const graph = graphOf(built);

  test("op nodes are the largest subnet's plan steps, in execution order and with its ids", () => {
    for (const text of [quick, nested]) {
      const space = buildCleanSpace(text);
      const ops = graphOf(space).nodes.filter((n) => n.kind === "op");
      const steps = opSteps(planSubnet(space.model, largestGenome(space.model)).steps);
      assert.deepEqual(
        ops.map((n) => [n.id, n.label]),
        steps.map((s) => [s.id, s.spec.name]),
      );
    }
  });

  test("every parent comes before its children and exists", () => {
    for (const g of [graph, graphOf(buildCleanSpace(nested))]) {
      const seen = new Set<string>();
      for (const n of g.nodes) {
        if (n.parent !== undefined) assert.ok(seen.has(n.parent), `${n.id} before its parent ${n.parent}`);
        assert.ok(!seen.has(n.id), `duplicate id ${n.id}`);
        seen.add(n.id);
      }
    }
  });

  test("stages and blocks say what they choose, and which blocks only deeper subnets have", () => {
    const nodes = byId(graph);
    assert.equal(nodes.get("stage:s1")!.badge, "depth {1,2} × out {16,24} × kernel {3,5} × expand {2,4}");
    assert.deepEqual(nodes.get("stage:s1")!.depth, { gene: "s1.depth", values: [1, 2] });
    assert.equal(nodes.get("s1[1]")!.badge, "out {16,24} × kernel {3,5} × expand {2,4}");
    assert.deepEqual(
      graph.nodes.filter((n) => n.kind === "block").map((n) => [n.id, n.parent, n.optional]),
      [
        ["s1[0]", "stage:s1", false],
        ["s1[1]", "stage:s1", true],
        ["s2[0]", "stage:s2", false],
        ["s2[1]", "stage:s2", true],
      ],
    );
    const n = byId(graphOf(buildCleanSpace(nested)));
    assert.equal(n.get("stage:r")!.badge, "depth {1,2,3} × a.kernel {1,3} × b.kernel {3,5}");
    assert.equal(n.get("stage:f")!.badge, "expand {2,4}");
    assert.deepEqual(n.get("stage:f")!.depth, { values: [2] });
    assert.equal(n.get("r[0]/0")!.kind, "residual");
    assert.equal(n.get("r[0]/0")!.badge, "conv bn relu conv");
    assert.deepEqual(
      graphOf(buildCleanSpace(nested))
        .nodes.filter((x) => x.parent === "r[2]/0")
        .map((x) => [x.id, x.layer]),
      [
        ["r[2]/1", "a"],
        ["r[2]/2", "a"],
        ["r[2]/3", "a"],
        ["r[2]/4", "b"],
      ],
    );
  });

  test("ops list the arguments the source writes, with genes by path", () => {
    const op = byId(graph).get("s2[1]/0")!;
    assert.deepEqual(op.args, [
      { name: "out", gene: "s2[1].out", values: [32, 48] },
      { name: "kernel", gene: "s2[1].kernel", values: [3, 5] },
      { name: "expand", gene: "s2[1].expand", values: [2, 4] },
      { name: "stride", value: "1" },
      { name: "se", value: "true" },
    ]);
    assert.deepEqual(byId(graph).get("input")!.shapes, ["20×20×1", "24×24×1", "28×28×1"]);
    assert.deepEqual(byId(graph).get("head/1")!.shapes, ["(10)"]);
  });

  test("spans point at the source of each node", () => {
    for (const n of graph.nodes) {
      const text = quick.slice(n.span.start, n.span.end);
      if (n.kind === "op") assert.ok(text.startsWith(n.label), `${n.id}: ${text}`);
      if (n.kind === "stage") assert.ok(text.startsWith(`stage ${n.label}`), `${n.id}: ${text}`);
      if (n.kind === "block") assert.ok(text.startsWith("mbconv("), `${n.id}: ${text}`);
      if (n.kind === "input") assert.ok(text.startsWith("input image"), `${n.id}: ${text}`);
    }
  });

  test("each op's MACs and params range holds every subnet's, and is reached by the largest", () => {
    for (const text of [quick, nested]) {
      const space = buildCleanSpace(text);
      const nodes = byId(graphOf(space));
      const largest = opSteps(planSubnet(space.model, largestGenome(space.model)).steps);
      for (const s of largest) assert.equal(nodes.get(s.id)!.macs!.max, s.macs, s.id);
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
          let state = seed;
          const random = (): number => (state = (state * 48271) % 2147483647) / 2147483647;
          for (const s of opSteps(planSubnet(space.model, sampleUniform(space.model, random)).steps)) {
            const n = nodes.get(s.id)!;
            assert.ok(
              n.macs!.min <= s.macs && s.macs <= n.macs!.max,
              `${s.id} macs ${s.macs} outside ${JSON.stringify(n.macs)}`,
            );
            assert.ok(n.params!.min <= s.params && s.params <= n.params!.max, `${s.id} params`);
          }
        }),
        { numRuns: 50 },
      );
    }
  });

  test("a block's cost is the sum of its ops'", () => {
    const nodes = byId(graph);
    const block = nodes.get("s2[0]")!;
    const op = nodes.get("s2[0]/0")!;
    assert.deepEqual(block.macs, op.macs);
    assert.deepEqual(block.shapes, op.shapes);
  });

  test("a space with errors still gives the graph of what resolves", () => {
    const broken = buildFirstSpace(
      quick.replace("bn relu", "bn relux").replace("gap dense(classes)", "gap dense(7)"),
    );
    const g = graphOf(broken);
    assert.ok(g.nodes.some((n) => n.id === "stage:s2"));
    assert.ok(!g.nodes.some((n) => n.label === "relux"));
  });
});
