import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type * as A from "../../server/language/ast";
import type { Diagnostic } from "../../server/language/diagnostics";
import type { Genome } from "../../server/language/encoding";
import {
  canonicalize,
  genomeValues,
  isActive,
  largestGenome,
  smallestGenome,
} from "../../server/language/encoding";
import { formatText } from "../../server/language/format";
import type { SpaceModel } from "../../server/language/model";
import { buildSpace } from "../../server/language/model";
import { parse } from "../../server/language/parser";
import { formatMetric, printSubnet } from "../../server/language/printer";

const example = readFileSync(new URL("../fixtures/format/fashion.nas", import.meta.url), "utf8");

function spaceOf(text: string): SpaceModel {
  const file = parse(text);
  assert.deepEqual(file.errors, []);
  const decl = file.items.find((i): i is A.SpaceDecl => i.kind === "space");
  assert.ok(decl);
  const problems: Diagnostic[] = [];
  const model = buildSpace(decl, (d) => problems.push(d));
  assert.deepEqual(
    problems.filter((p) => p.severity === "error"),
    [],
  );
  return model;
}

/** The genome that gives each listed path its value and every other gene its largest. */
function genomeWith(model: SpaceModel, values: Record<string, number>): number[] {
  return canonicalize(
    model,
    model.genes.map((g) => (g.path in values ? g.values.indexOf(values[g.path]) : g.values.length - 1)),
  );
}

function pathText(path: A.SubnetPath): string {
  return path.segments.map((s) => s.name.name + (s.index ? `[${s.index.raw}]` : "")).join(".");
}

/** What a printed block assigns, path by path, as the parser reads it back. */
function assignmentsOf(block: string): Map<string, number> {
  const file = parse(block);
  assert.deepEqual(file.errors, [], `the printed block does not parse:\n${block}`);
  const subnet = file.items[0];
  assert.equal(subnet.kind, "subnet");
  const out = new Map<string, number>();
  const add = (prefix: string, a: A.Assignment): void => {
    assert.equal(a.value?.kind, "number");
    out.set(prefix + pathText(a.path), a.value.value);
  };
  for (const item of subnet.items) {
    if (item.kind === "assign") add("", item);
    else if (item.kind === "blockAssign") for (const a of item.assignments) add(`${pathText(item.path)}.`, a);
  }
  return out;
}

/** Printing then parsing gives back exactly the values of the genome's active genes. */
function assertRoundTrip(model: SpaceModel, genome: Genome): void {
  const block = printSubnet(model, genome, { name: "n" });
  const all = genomeValues(model, genome);
  const expected = new Map(
    model.genes.filter((g) => isActive(model, genome, g)).map((g) => [g.path, all.get(g.path)]),
  );
  assert.deepEqual(assignmentsOf(block), expected);
  assert.equal(formatText(`${block}\n`, { indent: 2 }), `${block}\n`, "the printed block is not formatted");
}

describe("printSubnet", () => {
  const model = spaceOf(example);

  test("prints the largest subnet of the example", () => {
    assert.equal(
      printSubnet(model, largestGenome(model), { name: "biggest" }),
      [
        "subnet biggest of FashionMobile {",
        "  resolution = 28",
        "  s1.depth = 2",
        "  s1[0] { kernel = 5, expand = 4 }",
        "  s1[1] { kernel = 5, expand = 4 }",
        "  s2.depth = 3",
        "  s2[0] { out = 40, kernel = 7, expand = 6 }",
        "  s2[1] { out = 40, kernel = 7, expand = 6 }",
        "  s2[2] { out = 40, kernel = 7, expand = 6 }",
        "}",
      ].join("\n"),
    );
  });

  test("prints the example's own subnet block, measured metrics included", () => {
    const genome = genomeWith(model, {
      resolution: 24,
      "s1.depth": 1,
      "s1[0].kernel": 3,
      "s1[0].expand": 2,
      "s2.depth": 2,
      "s2[0].out": 32,
      "s2[0].kernel": 5,
      "s2[0].expand": 4,
      "s2[1].out": 40,
      "s2[1].kernel": 3,
      "s2[1].expand": 2,
    });
    const printed = printSubnet(model, genome, {
      name: "small_fast",
      measured: {
        run: "2026-11-22T10-04-11",
        latency: 0.81,
        params: 61_300,
        macs: 1_420_000,
        accuracy: 86.9,
      },
    });
    const written = example.slice(example.indexOf("subnet small_fast"), example.lastIndexOf("}") + 1);
    // The example leaves s2[1].out unassigned (it takes the largest, 40); the printer writes every active choice.
    assert.equal(printed, written.replace("s2[1] { kernel", "s2[1] { out = 40, kernel"));
  });

  test("round trips the smallest, the largest and a mixed subnet", () => {
    assertRoundTrip(model, smallestGenome(model));
    assertRoundTrip(model, largestGenome(model));
    assertRoundTrip(
      model,
      genomeWith(model, { "s1.depth": 1, "s2.depth": 2, "s2[1].kernel": 3, resolution: 20 }),
    );
  });

  test("writes a labelled op's genes as `label.arg` in its block, top-level layers by path, fixed depths not at all", () => {
    const labelled = spaceOf(
      [
        "space L {",
        "  input image(28, 28, 1)",
        "  stem: conv(out in {8, 16}, kernel: 3) bn relu",
        "  stage a depth in {1, 2} {",
        "    conv(out in {8, 16}, kernel in {3, 5})",
        "    second: conv(out in {8, 16}, kernel: 3)",
        "  }",
        "  stage b depth 2 {",
        "    dwconv(kernel in {3, 5})",
        "  }",
        "  gap",
        "  head: dense(units in {10, 20})",
        "}",
      ].join("\n"),
    );
    const genome = genomeWith(labelled, {
      "stem.out": 8,
      "a.depth": 1,
      "a[0].second.out": 8,
      "b[1].kernel": 3,
    });
    assert.equal(
      printSubnet(labelled, genome, { name: "x", indent: "    " }),
      [
        "subnet x of L {",
        "    stem.out = 8",
        "    a.depth = 1",
        "    a[0] { out = 16, kernel = 5, second.out = 8 }",
        "    b[0] { kernel = 5 }",
        "    b[1] { kernel = 3 }",
        "    head.units = 20",
        "}",
      ].join("\n"),
    );
    assertRoundTrip(labelled, genome);
    assertRoundTrip(labelled, largestGenome(labelled));
  });

  test("a space without choices prints an empty block", () => {
    const fixed = spaceOf("space F {\n  input vector(4)\n  dense(units: 3)\n}");
    assert.equal(printSubnet(fixed, [], { name: "only" }), "subnet only of F {\n}");
  });

  test("orders measured metrics, leaves out what the language cannot write", () => {
    const printed = printSubnet(model, largestGenome(model), {
      name: "m",
      measured: {
        zeta: 2,
        run: "r1",
        latency: 1.5,
        loss: Number.NaN,
        "bad key": 1,
        accuracy: 50,
        alpha: 3,
        model_size: 245_123,
      },
    });
    assert.match(
      printed,
      /\n {2}measured \{ accuracy: 50\.0%, model_size: 245k, latency: 1\.50ms, run: "r1", alpha: 3, zeta: 2 \}\n\}$/,
    );
  });

  test("rejects a genome that does not fit the space, a bad name, and a path the language cannot address", () => {
    assert.throws(() => printSubnet(model, [0], { name: "n" }), /genome has 1 genes/);
    const tooBig = largestGenome(model);
    tooBig[0] = 3;
    assert.throws(() => printSubnet(model, tooBig, { name: "n" }), /`resolution` has no choice 3/);
    assert.throws(
      () => printSubnet(model, largestGenome(model), { name: "not a name" }),
      /not a valid subnet name/,
    );
    const repeated = spaceOf(
      "space R {\n  input vector(4)\n  stage s depth in {1, 2} {\n    dense(units in {2, 4}) dense(units in {2, 4})\n  }\n}",
    );
    assert.throws(
      () => printSubnet(repeated, largestGenome(repeated), { name: "n" }),
      /give its layer a label/,
    );
  });
});

describe("formatMetric", () => {
  test("accuracy: in percent, written with one decimal", () => {
    assert.equal(formatMetric("accuracy", 86.9), "86.9%");
    assert.equal(formatMetric("accuracy", 100), "100.0%");
    assert.equal(formatMetric("accuracy", 12.345), "12.3%");
  });

  test("macs and params: 3 significant digits with k, M, G", () => {
    assert.equal(formatMetric("macs", 1_420_000), "1.42M");
    assert.equal(formatMetric("params", 61_300), "61.3k");
    assert.equal(formatMetric("params", 150), "150");
    assert.equal(formatMetric("macs", 999_999), "1M");
    assert.equal(formatMetric("macs", 2_345_678_901), "2.35G");
    assert.equal(formatMetric("macs", 1.5e12), "1500G");
    assert.equal(formatMetric("params", 0), "0");
  });

  test("model_size: bytes with k and M", () => {
    assert.equal(formatMetric("model_size", 245_123), "245k");
    assert.equal(formatMetric("model_size", 2_500_000_000), "2500M");
  });

  test("latency: milliseconds with 2 decimals, microseconds below 0.1 ms", () => {
    assert.equal(formatMetric("latency", 0.81), "0.81ms");
    assert.equal(formatMetric("latency", 12), "12.00ms");
    assert.equal(formatMetric("latency", 0.1), "0.10ms");
    assert.equal(formatMetric("latency", 0.0523), "52.3us");
  });

  test("loss and other numbers: 4 significant digits; strings quoted", () => {
    assert.equal(formatMetric("loss", 0.345678), "0.3457");
    assert.equal(formatMetric("loss", 1.23456e-7), "1.235e-7");
    assert.equal(formatMetric("run", 'a "b"\\c\n'), '"a \\"b\\"\\\\c\\n"');
  });

  test("every number it writes lexes back to the value it stands for", () => {
    const cases: [string, number, number][] = [
      ["accuracy", 86.9, 86.9],
      ["macs", 1_420_000, 1_420_000],
      ["latency", 0.0523, 0.0523],
      ["loss", 1.23456e-7, 1.235e-7],
    ];
    for (const [metric, value, expected] of cases) {
      const file = parse(`subnet s of X {\n  measured { ${metric}: ${formatMetric(metric, value)} }\n}`);
      assert.deepEqual(file.errors, []);
      const measured = file.items[0].kind === "subnet" ? file.items[0].items[0] : undefined;
      assert.equal(measured?.kind, "measured");
      const lit = measured.entries[0].value;
      assert.equal(lit?.kind, "number");
      assert.ok(
        Math.abs(lit.value - expected) < 1e-12 * Math.max(1, expected),
        `${metric}: ${lit.value} ≠ ${expected}`,
      );
    }
    const run = parse(`subnet s of X {\n  measured { run: ${formatMetric("run", 'a "b"\\c\n\t')} }\n}`)
      .items[0];
    assert.ok(run.kind === "subnet" && run.items[0].kind === "measured");
    const str = run.items[0].entries[0].value;
    assert.ok(str?.kind === "string");
    assert.equal(str.value, 'a "b"\\c\n\t');
  });

  test("refuses numbers the language cannot write", () => {
    assert.throws(() => formatMetric("loss", Number.NaN), RangeError);
    assert.throws(() => formatMetric("macs", -1), RangeError);
    assert.throws(() => formatMetric("latency", Number.POSITIVE_INFINITY), RangeError);
  });
});
