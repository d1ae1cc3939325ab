import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EvaluationEvent } from "../../protocol/runEvents";
import { importCommand } from "../../server/cli/import";
import { readEvents, runPaths } from "../../server/runs/runDirectory";
import { dynastLog, tempDir } from "./importFixtures";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await importCommand(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Writes a file into a fresh folder and returns its path. */
function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const HEADER = "Sub-network,Date,Model Parameters,Latency (ms),MACs,Top-1 Acc (%)";
const ROW = `"{'wid': None, 'ks': [5, 7, 5, 5, 3, 3, 3, 7, 5, 5, 3, 7, 7, 3, 3, 3, 5, 5, 5, 5], 'e': [4, 3, 4, 4, 4, 6, 3, 4, 4, 3, 4, 3, 3, 6, 6, 6, 4, 3, 4, 4], 'd': [2, 3, 2, 4, 3], 'r': [224]}",2022-11-01 05:39:22.800806,5029656,0,255502624,75.462`;

describe("supernet import dynast (command line)", () => {
  test("prints the run directory and a summary: rows, duplicates, generations, front, best accuracy", async () => {
    const out = tempDir();
    const r = await run(["dynast", dynastLog("mbnv3w10_evonsga2_acc_macs.csv"), "--out", out]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, "");
    const [dir, counts, front, best] = r.out.trimEnd().split("\n");
    assert.ok(dir.startsWith(join(out, "")) && dir.endsWith("-mbnv3w10_evonsga2_acc_macs"));
    assert.equal(readEvents(runPaths(dir).events).invalid.length, 0);
    assert.equal(counts, "540 rows → 530 evaluations (10 duplicates skipped), 11 generations");
    assert.match(
      front,
      /^maximize accuracy, minimize macs: front of \d+ subnets, hypervolume [\d.e+]+ \(reference: the rows' nadir, 71\.94, 4\.085e\+8\)$/,
    );
    assert.match(best, /^best accuracy 77\.2%: evaluation \d+, \d+M MACs, [\d.]+M params$/);
  });

  test("--json, --objectives and --population", async () => {
    const out = tempDir();
    const r = await run([
      "dynast",
      dynastLog("mbnv3w10_evonsga2_acc_macs.csv"),
      "--out",
      out,
      "--objectives",
      "acc,params",
      "--population",
      "100",
      "--json",
    ]);
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out);
    assert.deepEqual(s.objectives, ["maximize accuracy", "minimize params"]);
    assert.equal(s.generations, 6);
    assert.equal(s.rows, 540);
    assert.equal(s.evaluations + s.duplicates, 540);
    const events = readEvents(runPaths(s.dir).events).events;
    const evaluation = events.find((e): e is EvaluationEvent => e.type === "evaluation")!;
    assert.deepEqual(evaluation.objectives, [evaluation.metrics.accuracy, evaluation.metrics.params]);
  });

  test("a generic sub-network dict (DyNAS-T's BERT form) maps through --space and --mapping", async () => {
    const dir = tempDir();
    const space = file(
      dir,
      "bert.nas",
      `space TinyBert {
  input tokens(64, vocab: 30522)
  embed: embedding(dim: 768)
  stage layers depth in {6, 7, 8, 9, 10, 11, 12} {
    transformer(dim: 768, heads in {6, 8, 12}, mlp in {1024, 2048, 3072})
  }
  head: gap dense(2)
}
`,
    );
    const mapping = file(
      dir,
      "bert.json",
      JSON.stringify({
        num_layers: "layers.depth",
        num_attention_heads: ["layers[*].heads"],
        intermediate_size: ["layers[*].mlp"],
      }),
    );
    const heads = (h: number): string => `[${Array(12).fill(h).join(", ")}]`;
    const csv = file(
      dir,
      "bert_sst2.csv",
      [
        "Sub-network,Date,Model Parameters,Latency (ms),MACs,SST-2 Acc",
        `"{'num_layers': [6], 'num_attention_heads': ${heads(8)}, 'intermediate_size': ${heads(1024)}}",2023-01-01 00:00:00,60000000,12.5,5000000000,91.2`,
        `"{'num_layers': [12], 'num_attention_heads': ${heads(12)}, 'intermediate_size': ${heads(3072)}}",2023-01-01 00:01:30,110000000,20.25,11000000000,92.9`,
      ].join("\n"),
    );
    const r = await run([
      "dynast",
      csv,
      "--space",
      space,
      "--mapping",
      mapping,
      "--objectives",
      "accuracy,latency",
      "--out",
      join(dir, "runs"),
      "--json",
    ]);
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out);
    assert.equal(s.evaluations, 2);
    assert.equal(s.front, 2);
    const events = readEvents(runPaths(s.dir).events).events;
    const evaluations = events.filter((e): e is EvaluationEvent => e.type === "evaluation");
    assert.equal(evaluations[0].choices["layers.depth"], 6);
    assert.equal(evaluations[0].choices["layers[5].heads"], 8);
    assert.equal(evaluations[1].choices["layers[11].mlp"], 3072);
    assert.deepEqual(evaluations[1].metrics, {
      accuracy: 92.9,
      macs: 11e9,
      params: 110e6,
      latency: 20.25,
      model_size: 440e6,
    });
    assert.equal(evaluations[1].seconds, 90);
    assert.ok(
      events.some(
        (e) =>
          e.type === "log" &&
          e.message ===
            `"SST-2 Acc" is imported as accuracy, the quality metric searches maximise, as written`,
      ),
    );
  });

  test("malformed input fails with what and where, exit code 1", async () => {
    const dir = tempDir();
    const cases: [string, string, RegExp][] = [
      [
        "bad_acc.csv",
        `${HEADER}\n${ROW}\n${ROW.replace("'d': [2, 3, 2, 4, 3]", "'d': [2, 3, 2, 5, 3]")}\n`,
        /bad_acc\.csv:3 \(row 2\), column "Sub-network": `d`\[3\] = 5 is not a choice of s4\.depth \(2, 3, 4\)/,
      ],
      [
        "short_acc.csv",
        `${HEADER}\n${ROW.slice(0, ROW.lastIndexOf(","))}\n`,
        /short_acc\.csv:2 \(row 1\): 5 fields, but the header has 6/,
      ],
      [
        "results.csv",
        `${HEADER}\n${ROW}\n`,
        /results\.csv: the file name does not say the objectives .*--objectives accuracy,macs/,
      ],
      [
        "nolat_acc_lat.csv",
        `${HEADER}\n${ROW}\n`,
        /nolat_acc_lat\.csv:2 \(row 1\): the objective latency has no value \(DyNAS-T wrote 0 or nothing: not measured\)/,
      ],
    ];
    for (const [name, text, message] of cases) {
      const r = await run(["dynast", file(dir, name, text), "--out", join(dir, "runs")]);
      assert.equal(r.code, 1, name);
      assert.equal(r.out, "");
      assert.match(r.err, new RegExp(`^supernet import: \\S*${message.source}`), name);
    }
    const missing = await run(["dynast", join(dir, "nope_acc.csv"), "--out", join(dir, "runs")]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /^supernet import: cannot read .*nope_acc\.csv: ENOENT/);
    const mapping = await run([
      "dynast",
      dynastLog("mbnv3w10_evoga_acc.csv"),
      "--mapping",
      file(dir, "m.json", `{"ks": "s9.depth"}`),
      "--out",
      join(dir, "runs"),
    ]);
    assert.equal(mapping.code, 1);
    assert.match(
      mapping.err,
      /m\.json: `ks` maps to `s9\.depth`, which is no gene of space OFAMobileNetV3 \(did you mean `s1\.depth`\?\)/,
    );
    for (const [list, message] of [
      ["acc,accuracy", /--objectives: `accuracy` is named twice as an objective/],
      [
        "accuracy,flops",
        /--objectives: unknown metric `flops`; choose from accuracy, macs, params, latency, model_size/,
      ],
    ] as const) {
      const r = await run([
        "dynast",
        dynastLog("mbnv3w10_evoga_acc.csv"),
        "--objectives",
        list,
        "--out",
        join(dir, "runs"),
      ]);
      assert.equal(r.code, 1);
      assert.match(r.err, message);
    }
    assert.ok(!existsSync(join(dir, "runs")), "a failed import leaves no run directory behind");
  });

  test("usage mistakes exit 2 with the usage; --help exits 0", async () => {
    for (const args of [
      [],
      ["nni", "x.csv"],
      ["dynast"],
      ["dynast", "a.csv", "b.csv"],
      ["dynast", "a.csv", "--population", "0"],
      ["dynast", "a.csv", "--bogus"],
    ]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(
        r.err,
        /^supernet import: .*\n\nusage: supernet import dynast RESULTS\.csv/s,
        args.join(" "),
      );
    }
    const help = await run(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.out, /^usage: supernet import dynast/);
  });
});
