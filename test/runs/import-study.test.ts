/**
 * DyNAS-T's observation (issue 3): on its own logs, LINAS reaches NSGA-II's hypervolume with about
 * half the evaluations. Measured on the accuracy/MACs logs against one reference for both, the
 * nadir of the two files together; an evaluation is a row (what DyNAS-T paid for, repeats included).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { hypervolume } from "../../server/search/hypervolume";
import { minimised, nonDominatedSubset } from "../../server/search/pareto";
import type { Sense } from "../../server/search/types";
import { parseDynastCsv } from "../../server/runs/import/dynastCsv";
import { OFA_MBV3_MAPPING } from "../../server/runs/import/ofaMobileNetV3";
import { evaluateRows } from "../../server/runs/import/rowEvaluations";
import { hypervolumeTrace, nadir } from "../../server/runs/import/runningFront";
import { resolveMapping } from "../../server/runs/import/subnetMapping";
import { dynastLog, ofaModel } from "./importFixtures";

const SENSES: Sense[] = ["max", "min"];
const model = ofaModel();
const mapping = resolveMapping(model, OFA_MBV3_MAPPING, "ofa");

interface Log {
  /** (accuracy, MACs) of every row, in order. */
  readonly points: number[][];
  /** Each row's canonical key (repeats are the same subnet). */
  readonly keys: string[];
}

function read(name: string): Log {
  const rows = evaluateRows(model, mapping, parseDynastCsv(readFileSync(dynastLog(name), "utf8"), name)).rows;
  return { points: rows.map((r) => [r.metrics.accuracy!, r.metrics.macs]), keys: rows.map((r) => r.key) };
}

/** Rows (1-based) until the running front's hypervolume reaches `target`, if it does. */
function rowsToReach(trace: readonly number[], target: number): number | undefined {
  const i = trace.findIndex((h) => h >= target);
  return i < 0 ? undefined : i + 1;
}

describe("DyNAS-T's sample-efficiency observation on its own logs", () => {
  test("LINAS reaches 98% of the joint front's hypervolume, and NSGA-II's final hypervolume, in about half NSGA-II's evaluations", (t) => {
    const nsga2Log = read("mbnv3w10_evonsga2_acc_macs.csv");
    const linasLog = read("mbnv3w10_linasnsga2_acc_macs.csv");
    const nsga2 = nsga2Log.points;
    const linas = linasLog.points;
    const union = [...nsga2, ...linas];
    const reference = nadir(union, SENSES);
    const joint = hypervolume(
      nonDominatedSubset(union.map((p) => ({ minimised: minimised(p, SENSES), violation: 0 }))).map(
        (p) => p.minimised,
      ),
      minimised(reference, SENSES),
    );
    const nsga2Trace = hypervolumeTrace(nsga2, SENSES, reference);
    const linasTrace = hypervolumeTrace(linas, SENSES, reference);
    const reach = (log: Log, trace: number[], target: number): string => {
      const n = rowsToReach(trace, target);
      return n === undefined
        ? `not within its ${trace.length} rows`
        : `after ${n} rows (${new Set(log.keys.slice(0, n)).size} distinct subnets)`;
    };
    for (const fraction of [0.9, 0.95, 0.98]) {
      t.diagnostic(
        `${fraction * 100}% of the joint hypervolume: NSGA-II ${reach(nsga2Log, nsga2Trace, fraction * joint)}, LINAS ${reach(linasLog, linasTrace, fraction * joint)}`,
      );
    }
    const nsga2Final = nsga2Trace[nsga2Trace.length - 1];
    const linasToNsga2 = rowsToReach(linasTrace, nsga2Final)!;
    t.diagnostic(
      `reference (accuracy, MACs) = (${reference.join(", ")}); NSGA-II ends at ${((100 * nsga2Final) / joint).toFixed(1)}%, LINAS at ${((100 * linasTrace[linasTrace.length - 1]) / joint).toFixed(1)}%; LINAS passes NSGA-II's final hypervolume ${reach(linasLog, linasTrace, nsga2Final)}`,
    );

    const linas98 = rowsToReach(linasTrace, 0.98 * joint);
    assert.ok(
      linas98 !== undefined && linas98 < linas.length,
      "LINAS reaches 98% of the joint hypervolume within its log",
    );
    assert.equal(rowsToReach(nsga2Trace, 0.98 * joint), undefined, "NSGA-II does not reach it in its log");
    assert.ok(
      linasToNsga2 <= 0.6 * nsga2.length,
      `LINAS passes NSGA-II's final hypervolume within 0.6× NSGA-II's ${nsga2.length} rows (took ${linasToNsga2})`,
    );
    const nsga2At95 = rowsToReach(nsga2Trace, 0.95 * joint)!;
    assert.ok(
      rowsToReach(linasTrace, 0.95 * joint)! <= 0.6 * nsga2At95,
      "LINAS reaches 95% with at most 0.6× NSGA-II's evaluations",
    );
  });
});
