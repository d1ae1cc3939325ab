import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseDynastCsv } from "../../server/runs/import/dynastCsv";
import { ImportError } from "../../server/runs/import/importError";
import { dataLines, dynastLog } from "./importFixtures";

const HEADER = "Sub-network,Date,Model Parameters,Latency (ms),MACs,Top-1 Acc (%)";
const ROW = `"{'wid': None, 'ks': [3], 'e': [4], 'd': [2], 'r': [224]}",2022-11-01 05:39:22.800806,5029656,0,255502624,75.462`;

function fails(text: string, message: RegExp): void {
  assert.throws(
    () => parseDynastCsv(text, "r.csv"),
    (e: unknown) => e instanceof ImportError && message.test(e.message),
    message.source,
  );
}

describe("DyNAS-T results CSV", () => {
  test("reads a real log: every row, its sub-network dict, date and measured metrics; 0 means not measured", () => {
    const t = parseDynastCsv(readFileSync(dynastLog("mbnv3w10_evonsga2_acc_macs.csv"), "utf8"), "nsga2.csv");
    assert.equal(t.rows.length, dataLines("mbnv3w10_evonsga2_acc_macs.csv").length);
    assert.deepEqual(
      t.columns.map((c) => c.metric),
      ["accuracy", "macs", "params", "latency"],
    );
    assert.deepEqual(t.ignored, []);
    const first = t.rows[0];
    assert.deepEqual(first.place, { file: "nsga2.csv", line: 2, row: 1 });
    assert.deepEqual(first.subnet.get("d"), [2, 3, 2, 4, 3]);
    assert.equal((first.subnet.get("ks") as number[]).length, 20);
    assert.equal(first.date, "2022-11-01 05:39:22.800806");
    assert.deepEqual(first.metrics, { accuracy: 75.462, macs: 255502624, params: 5029656 });
  });

  test("finds columns by name in any order, DyNAS-T's older headers and its other tasks' quality columns", () => {
    const old = parseDynastCsv(
      `Sub-network,Date,Latency (ms), MACs,Top-1 Acc (%)\n"{'d': [2]}",2022-01-01 00:00:00,1.5,100,70\n`,
      "old.csv",
    );
    assert.deepEqual(old.rows[0].metrics, { accuracy: 70, macs: 100, latency: 1.5 });
    const bert = parseDynastCsv(
      `Model Parameters,SST-2 Acc,Sub-network,Extra\n10,0.91,"{'num_layers': [8]}",x\n`,
      "bert.csv",
    );
    assert.deepEqual(bert.columns, [
      { metric: "accuracy", header: "SST-2 Acc" },
      { metric: "params", header: "Model Parameters" },
    ]);
    assert.deepEqual(bert.ignored, ["Extra"]);
    assert.deepEqual(bert.rows[0].metrics, { accuracy: 0.91, params: 10 });
    assert.equal(bert.rows[0].date, undefined);
  });

  test("a malformed file fails with what is wrong and where: file, line, row, column", () => {
    fails("", /^r\.csv: the file is empty/);
    fails(`${HEADER}\n`, /^r\.csv: the file has a header but no rows/);
    fails("Date,MACs\n1,2\n", /^r\.csv:1: no "Sub-network" column; the header is "Date", "MACs"/);
    fails("Sub-network,MACs,MACs\n", /^r\.csv:1: column "MACs" appears twice/);
    fails(
      "Sub-network,Top-1 Acc (%),BLEU Score\n",
      /more than one quality column \("Top-1 Acc \(%\)", "BLEU Score"\)/,
    );
    fails(`${HEADER}\n${ROW}\n${ROW},7\n`, /^r\.csv:3 \(row 2\): 7 fields, but the header has 6$/);
    fails(
      `${HEADER}\n${ROW.replace("255502624", "12x")}\n`,
      /^r\.csv:2 \(row 1\), column "MACs": `12x` is not a number$/,
    );
    fails(
      `${HEADER}\n${ROW}\n${ROW.replace("'ks': [3]", "'ks': [3")}\n`,
      /^r\.csv:3 \(row 2\), column "Sub-network": expected `,` or `]`, got `:` at character 28 of `… None, .ks.: \[3, .e.: \[4\]/,
    );
    fails(
      `${HEADER}\n"[3, 5]",d,1,0,1,1\n`,
      /^r\.csv:2 \(row 1\), column "Sub-network": expected a Python dict/,
    );
    fails(`${HEADER}\n"{'d': [2]},d,1,0,1,1\n`, /^r\.csv:2: unterminated quoted field/);
  });
});
