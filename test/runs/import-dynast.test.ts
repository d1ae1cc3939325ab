import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { EvaluationEvent, RunEvent } from "../../protocol/runEvents";
import { parseRunEvent } from "../../protocol/runEvents";
import { runManifestSchema } from "../../protocol/runFiles";
import { checkDocument } from "../../server/language/checker";
import { activeChoices } from "../../server/language/encoding";
import { hypervolume } from "../../server/search/hypervolume";
import { dominates, minimised } from "../../server/search/pareto";
import type { Sense } from "../../server/search/types";
import { importDynast } from "../../server/runs/import/importDynast";
import { DYNAST_LOGS, dataLines, dynastLog, ofaModel, tempDir } from "./importFixtures";

const model = ofaModel();
const OBJECTIVES: Record<string, string[]> = {
  acc: ["accuracy"],
  acc_macs: ["accuracy", "macs"],
  acc_macs_params: ["accuracy", "macs", "params"],
};

/** A logged row's DyNAS-T encoding, read with a pattern (independently of the importer's reader). */
function encoding(line: string): {
  ks: number[];
  e: number[];
  d: number[];
  r: number[];
  acc: number;
  macs: number;
  params: number;
} {
  const list = (key: string): number[] =>
    new RegExp(`'${key}': \\[([^\\]]*)\\]`).exec(line)![1].split(",").map(Number);
  const [params, , macs, acc] = line
    .slice(line.lastIndexOf('"') + 1)
    .split(",")
    .slice(2)
    .map(Number);
  return { ks: list("ks"), e: list("e"), d: list("d"), r: list("r"), acc, macs, params };
}

function sensesOf(events: readonly RunEvent[]): Sense[] {
  const start = events.find((e) => e.type === "search-start")!;
  return start.type === "search-start"
    ? start.objectives.map((o) => (o.sense === "maximize" ? "max" : "min"))
    : [];
}

describe("supernet import dynast: DyNAS-T's logs as run directories", () => {
  const root = tempDir();
  for (const name of DYNAST_LOGS) {
    describe(name, () => {
      const result = importDynast({
        csvFile: dynastLog(name),
        runsRoot: root,
        now: new Date("2026-01-02T03:04:05Z"),
      });
      const lines = dataLines(name);
      const text = readFileSync(result.paths.events, "utf8");
      const events = text
        .trimEnd()
        .split("\n")
        .map((line) => {
          const r = parseRunEvent(line);
          assert.ok(
            "event" in r,
            `every line of events.jsonl is a valid run event: ${"error" in r ? r.error : ""}`,
          );
          return r.event;
        });
      const evaluations = events.filter((e): e is EvaluationEvent => e.type === "evaluation");

      test("every event validates; the run starts, searches, and finishes in order", () => {
        assert.equal(events[0].type, "run-started");
        assert.equal(events[1].type, "search-start");
        assert.equal(events[events.length - 1].type, "run-finished");
        assert.deepEqual(evaluations, result.run.evaluations);
        assert.deepEqual(
          evaluations.map((e) => e.index),
          evaluations.map((_, i) => i),
        );
      });

      test("one evaluation per row, a repeated subnet kept once and counted in a log event", () => {
        assert.equal(result.rows, lines.length);
        assert.equal(evaluations.length + result.run.duplicates.length, lines.length);
        assert.equal(new Set(evaluations.map((e) => e.key)).size, evaluations.length);
        for (const d of result.run.duplicates) {
          const repeat = encoding(lines[d.place.row - 1]);
          assert.equal(
            repeat.acc,
            evaluations[d.of].metrics.accuracy,
            "DyNAS-T measured the repeat the same",
          );
          assert.ok(d.sameMetrics);
        }
        const log = events.filter((e) => e.type === "log").map((e) => (e.type === "log" ? e.message : ""));
        if (result.run.duplicates.length > 0)
          assert.ok(
            log.some((m) =>
              m.startsWith(
                `${result.run.duplicates.length} of ${lines.length} rows repeat the subnet of an earlier row`,
              ),
            ),
          );
      });

      test("choices give back the row's ks, e, d and r for every active block; metrics are DyNAS-T's", () => {
        evaluations.forEach((ev, i) => {
          const row = encoding(lines[result.run.rowOf[i] - 1]);
          assert.deepEqual(activeChoices(model, ev.genome), ev.choices);
          assert.equal(ev.key, ev.genome.join(","));
          assert.equal(ev.choices.resolution, row.r[0]);
          for (let s = 0; s < 5; s++) {
            assert.equal(ev.choices[`s${s + 1}.depth`], row.d[s]);
            for (let b = 0; b < row.d[s]; b++) {
              assert.equal(ev.choices[`s${s + 1}[${b}].kernel`], row.ks[4 * s + b]);
              assert.equal(ev.choices[`s${s + 1}[${b}].expand`], row.e[4 * s + b]);
            }
          }
          assert.deepEqual(ev.metrics, {
            accuracy: row.acc,
            macs: row.macs,
            params: row.params,
            model_size: 4 * row.params,
          });
          assert.equal(ev.source, "measured");
          assert.equal(ev.violation, 0);
        });
      });

      test("objectives come from the file name; the search block checks", () => {
        const manifest = runManifestSchema.parse(JSON.parse(readFileSync(result.paths.manifest, "utf8")));
        const metrics = OBJECTIVES[/_(acc(?:_macs)?(?:_params)?)\.csv$/.exec(name)![1]];
        const start = events[1];
        assert.ok(start.type === "search-start");
        assert.deepEqual(
          start.objectives.map((o) => o.metric),
          metrics,
        );
        assert.deepEqual(start.objectives[0], { metric: "accuracy", sense: "maximize" });
        assert.equal(manifest.importedFrom, dynastLog(name));
        const search = checkDocument(manifest.text).searches.find((s) => s.config.name === manifest.search)!;
        assert.deepEqual(
          search.config.objectives.map((o) => o.metric),
          metrics,
        );
        assert.equal(search.config.budget.evaluations, lines.length);
        assert.equal(search.config.strategy.kind, name.includes("linas") ? "linas" : "nsga2");
        assert.deepEqual(
          checkDocument(manifest.text).diagnostics.filter((d) => d.severity === "error"),
          [],
        );
      });

      test("the front is non-dominated, every other evaluation is dominated, and its hypervolume is against the stated reference", () => {
        const senses = sensesOf(events);
        const finished = events[events.length - 1];
        assert.ok(finished.type === "run-finished");
        const front = new Set(finished.front);
        const points = evaluations.map((e) => minimised(e.objectives, senses));
        for (const i of front)
          for (const j of front)
            assert.ok(!dominates(points[i], points[j]), `${i} dominates ${j} on the front`);
        points.forEach((p, j) => {
          if (!front.has(j))
            assert.ok(
              [...front].some((i) => dominates(points[i], p)),
              `evaluation ${j} is off the front but not dominated`,
            );
        });
        const start = events[1];
        assert.ok(start.type === "search-start");
        assert.equal(
          result.run.hypervolume,
          hypervolume(
            [...front].map((i) => points[i]),
            minimised(start.reference, senses),
          ),
        );
        const pareto = JSON.parse(readFileSync(result.paths.pareto, "utf8")) as { front: EvaluationEvent[] };
        assert.deepEqual(
          pareto.front.map((e) => e.index),
          finished.front,
        );
      });

      test("one generation per 50 rows, each after its rows' evaluations, its hypervolume never falling", () => {
        const generations = events.flatMap((e, at) => (e.type === "generation" ? [{ e, at }] : []));
        assert.equal(generations.length, Math.ceil(lines.length / 50));
        let previous = 0;
        generations.forEach(({ e, at }, g) => {
          const counted = events.slice(0, at).filter((x) => x.type === "evaluation").length;
          assert.equal(e.generation, g);
          assert.equal(e.evaluations, counted);
          assert.ok(e.hypervolume! >= previous);
          previous = e.hypervolume!;
        });
      });

      test("evaluations.csv has one line per evaluation", () => {
        assert.equal(
          readFileSync(result.paths.evaluations, "utf8").trimEnd().split("\n").length,
          evaluations.length + 1,
        );
      });
    });
  }
});
