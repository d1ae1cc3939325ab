/**
 * docs/language.md against what the language builds: every op (with its arguments, defaults and
 * elastic ones), metric, train setting, strategy, dataset and diagnostic code is documented as
 * the code defines it, and every `nas` example checks cleanly and is formatted.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeSpace, formatCount } from "../../server/language/analysis";
import { checkDocument } from "../../server/language/checker";
import { KNOWN_DATASETS } from "../../server/language/datasets";
import { formatText } from "../../server/language/format";
import { METRICS } from "../../server/language/metrics";
import { ACTIVATIONS, OPS } from "../../server/language/ops";
import { formatMetric } from "../../server/language/printer";
import type { SettingSpec } from "../../server/language/searchConfig";
import { STRATEGIES, TRAIN_SETTINGS } from "../../server/language/searchConfig";

/** Tests run from the repository root. */
const DOC = readFileSync("docs/language.md", "utf8");

/** The text under a `## title` heading, up to the next `## ` heading. */
function section(title: string): string {
  const start = DOC.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `docs/language.md has a section "## ${title}"`);
  const next = DOC.indexOf("\n## ", start + 1);
  return DOC.slice(start, next < 0 ? undefined : next);
}

/** The cells of each table row in a text, keyed by the row's first cell. */
function rows(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (!line.startsWith("|") || /^\|[\s|:-]+\|$/.test(line)) continue;
    const cells = line
      .slice(1, -1)
      .split(" | ")
      .map((c) => c.trim());
    out.set(cells[0], cells);
  }
  return out;
}

function row(text: string, first: string): string[] {
  const r = rows(text).get(first);
  assert.ok(r, `a table row for ${first}`);
  return r;
}

/** The contents of the `code spans` in a text. */
function spans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

/** How a default value is written in the doc: `name: value`. */
const withDefault = (s: { name: string; default?: unknown }): string => `${s.name}: ${String(s.default)}`;

describe("ops", () => {
  const ops = section("Ops");
  const table = ops.slice(0, ops.indexOf("### Costs"));
  const costs = ops.slice(ops.indexOf("### Costs"));

  for (const op of OPS.values()) {
    test(`${op.name}: arguments, defaults and elastic arguments`, () => {
      const [, args, elastic] = row(table, `\`${op.name}\``);
      const expected = op.args.map((a) => (a.default === undefined ? a.name : withDefault(a)));
      assert.deepEqual(sorted(spans(args)), sorted(expected));
      assert.deepEqual(sorted(spans(elastic)), sorted(op.args.filter((a) => a.elastic).map((a) => a.name)));
    });
  }

  test("every op has a row in the costs table", () => {
    const covered = new Set([...rows(costs).keys()].flatMap(spans));
    assert.deepEqual(
      [...OPS.keys()].filter((name) => !covered.has(name)),
      [],
    );
  });

  test("the op table lists only ops that exist", () => {
    const listed = [...rows(table).keys()].flatMap(spans);
    assert.deepEqual(
      listed.filter((name) => !OPS.has(name)),
      [],
    );
  });

  test("every activation `act` takes is listed", () => {
    const all = new Set(spans(ops));
    assert.deepEqual(
      ACTIVATIONS.filter((a) => !all.has(a)),
      [],
    );
  });
});

describe("metrics", () => {
  const search = section("`search`");
  for (const m of METRICS.values()) {
    test(`${m.name}: direction, limit units, analytic`, () => {
      const [, , better, units, analytic] = row(search, `\`${m.name}\``);
      assert.equal(better, m.better);
      assert.deepEqual(sorted(spans(units)), sorted(m.units.filter((u) => u !== "")));
      assert.equal(units.includes("plain number"), m.units.includes(""));
      assert.equal(analytic, m.analytic ? "yes" : "no");
    });
  }
});

describe("train settings", () => {
  const search = section("`search`");
  for (const s of TRAIN_SETTINGS) {
    test(`${s.name}: its default`, () => {
      const [, , dflt] = row(search, `\`${s.name}\``);
      assert.deepEqual(spans(dflt), [String(s.default)]);
    });
    if (s.type.kind !== "call") continue;
    for (const [form, settings] of Object.entries(s.type.forms)) {
      test(`${s.name}: ${form} and its settings with their defaults`, () => {
        const [, cell] = row(search, `\`${form}\``);
        assert.deepEqual(sorted(spans(cell)), sorted(settings.map(withDefault)));
      });
    }
  }
});

describe("strategies", () => {
  const search = section("`search`");
  for (const [name, settings] of Object.entries(STRATEGIES)) {
    test(`${name}: its settings with their defaults`, () => {
      const [, , cell] = row(search, `\`${name}\``);
      const documented = spans(cell).filter((s) => s.includes(": "));
      assert.deepEqual(sorted(documented), sorted(settings.map(withDefault)));
      const values = settings.flatMap((s: SettingSpec) => (s.type.kind === "enum" ? s.type.values : []));
      for (const v of values) assert.ok(spans(cell).includes(v), `${name} lists \`${v}\``);
    });
  }
});

test("every known dataset is documented", () => {
  const space = section("`space`");
  for (const name of KNOWN_DATASETS.keys()) row(space, `\`dataset ${name}\``);
});

describe("diagnostics", () => {
  /**
   * The codes the checker can report: hyphenated string literals in argument or property position
   * in the files that report diagnostics, plus the one-word codes given as `code: "…"` or to
   * `problem(at, "…")`.
   */
  function reportedCodes(): Set<string> {
    const sources = ["parser", "model", "analysis", "searchConfig", "checker"].map((f) =>
      readFileSync(`server/language/${f}.ts`, "utf8"),
    );
    const patterns = [/[(,:=?]\s*"([a-z]+(?:-[a-z]+)+)"/g, /(?:code:\s*|\.problem\([^,()]+,\s*)"([a-z]+)"/g];
    return new Set(sources.flatMap((s) => patterns.flatMap((p) => [...s.matchAll(p)].map((m) => m[1]))));
  }

  test("the table lists exactly the codes the sources report", () => {
    const codes = reportedCodes();
    assert.ok(codes.has("syntax") && codes.has("shape") && codes.has("unknown-op"), "the scan finds codes");
    const table = rows(section("Diagnostics"));
    table.delete("Code");
    const documented = new Set([...table.keys()].flatMap(spans));
    assert.deepEqual(sorted([...codes].filter((c) => !documented.has(c))), []);
    assert.deepEqual(sorted([...documented].filter((c) => !codes.has(c))), []);
  });
});

describe("examples", () => {
  const blocks = [...DOC.matchAll(/```nas\n([\s\S]*?)```/g)].map((m) => m[1]);

  test("the tour is a whole file: a space, a search and a subnet", () => {
    assert.ok(blocks.length > 0);
    const tour = checkDocument(blocks[0]);
    assert.equal(tour.spaces.size, 1);
    assert.equal(tour.searches.length, 1);
    assert.equal(tour.subnets.length, 1);
  });

  test("the tour's numbers are the checker's", () => {
    const tour = checkDocument(blocks[0]);
    const [info] = tour.spaces.values();
    const { size, macs, params } = analyzeSpace(info.model);
    assert.ok(macs && params);
    for (const text of [
      size.toLocaleString("en-US"),
      `\`${formatCount(size)}\``,
      `from ${formatMetric("macs", macs.min)} to ${formatMetric("macs", macs.max)}`,
      `from ${formatMetric("params", params.min)} to ${formatMetric("params", params.max)}`,
    ])
      assert.ok(DOC.includes(text), `the tour says ${text}`);
    const [subnet] = tour.subnets;
    assert.ok(subnet.cost);
    assert.ok(
      DOC.includes(
        `${formatMetric("macs", subnet.cost.macs)} MACs and ${formatMetric("params", subnet.cost.params)} params`,
      ),
    );
  });

  blocks.forEach((block, i) => {
    const name = /^(?:\/\/.*\n)*\s*\w+ (\w+)/.exec(block)?.[1] ?? String(i);
    test(`example ${name} checks with no error or warning`, () => {
      const problems = checkDocument(block).diagnostics.filter(
        (d) => d.severity === "error" || d.severity === "warning",
      );
      assert.deepEqual(
        problems.map((d) => `${d.code}: ${d.message}`),
        [],
      );
    });
    test(`example ${name} is formatted`, () => {
      assert.equal(formatText(block, { indent: 2 }), block);
    });
  });
});
