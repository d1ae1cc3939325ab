import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import type * as tfl from "@tensorflow/tfjs-layers";
import { buildLatencyTable, statisticTimer } from "../../server/engine/latency/build-table";
import { opKey, residualKey, spaceConfigurations } from "../../server/engine/latency/configurations";
import { measureSubnetLatency } from "../../server/engine/latency/model-latency";
import { LATENCY_TABLE_FORMAT, parseLatencyTable, predictLatency } from "../../server/engine/latency/table";
import { evaluateLatencyTable } from "../../server/engine/latency/table-error";
import { canonicalize, genomeKey, largestGenome } from "../../server/language/encoding";
import type { Genome } from "../../server/language/encoding";
import type { SpaceModel } from "../../server/language/model";
import type { PlanStep } from "../../server/language/plan";
import { PlanError, planSubnet } from "../../server/language/plan";
import { SPACES, spaceModel } from "./export-spaces";

before(async () => {
  await tf.setBackend("cpu");
});

/** Every distinct valid subnet of a (small) space. */
function allGenomes(model: SpaceModel): Genome[] {
  const out = new Map<string, Genome>();
  const sizes = model.genes.map((g) => g.values.length);
  const pick = sizes.map(() => 0);
  while (true) {
    const genome = canonicalize(model, pick);
    try {
      planSubnet(model, genome);
      out.set(genomeKey(genome), genome);
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
    }
    let i = pick.length - 1;
    while (i >= 0 && ++pick[i] === sizes[i]) pick[i--] = 0;
    if (i < 0) return [...out.values()];
  }
}

function usedKeys(steps: readonly PlanStep[], into: Set<string>): Set<string> {
  for (const step of steps) {
    if (step.kind === "op") into.add(opKey(step));
    else usedKeys(step.body, into.add(residualKey(step.input)));
  }
  return into;
}

/**
 * A stand-in for timing: a model "takes" one unit per layer and per weight. It is additive over
 * layers, as the table assumes, so the table must predict every subnet exactly.
 */
const countingTimer = async (models: readonly tfl.LayersModel[]): Promise<number[]> =>
  models.map((m) => m.layers.length + m.countParams());

describe("the op configurations of a space", () => {
  for (const name of ["mobile", "assorted", "sequence", "vision"] as const) {
    test(`${name}: exactly the configurations its subnets run`, () => {
      const model = spaceModel(SPACES[name]);
      const used = new Set<string>();
      for (const genome of allGenomes(model)) usedKeys(planSubnet(model, genome).steps, used);
      const { ops, residuals } = spaceConfigurations(model);
      assert.deepEqual([...used].sort(), [...ops.keys(), ...residuals.keys()].sort());
    });
  }

  test("keys tell apart op, arguments and input shape", () => {
    const model = spaceModel(SPACES.mobile);
    const [first] = planSubnet(model, largestGenome(model)).steps;
    assert.ok(first.kind === "op");
    assert.equal(opKey(first), "conv(groups=1,kernel=3,out=16,stride=2)@i20x20x3");
    assert.notEqual(opKey({ ...first, args: { ...first.args, out: 8 } }), opKey(first));
    assert.notEqual(opKey({ ...first, input: { kind: "image", h: 16, w: 16, c: 3 } }), opKey(first));
  });
});

describe("the latency lookup table", () => {
  test("with an additive timer it predicts every subnet exactly (MAPE 0, τ 1)", async () => {
    const model = spaceModel(SPACES.mobile);
    const progress: number[] = [];
    const table = await buildLatencyTable(model, {
      timer: countingTimer,
      onProgress: (done, total) => progress.push(total - done),
    });
    const { ops, residuals } = spaceConfigurations(model);
    assert.equal(Object.keys(table.entries).length, ops.size + residuals.size);
    assert.equal(progress.at(-1), 0);
    assert.equal(table.overheadMs, 1, "a model without layers is its input layer");
    const error = await evaluateLatencyTable(model, table, { subnets: 12, timer: countingTimer });
    assert.equal(error.points.length, 12);
    for (const p of error.points) assert.equal(p.predictedMs, p.measuredMs, `[${p.genome}]`);
    assert.equal(error.mape, 0);
    assert.equal(error.kendallTau, 1);
  });

  test("survives JSON, and refuses a plan of another space", async () => {
    const table = await buildLatencyTable(spaceModel(SPACES.vision), { timer: countingTimer });
    assert.equal(table.format, LATENCY_TABLE_FORMAT);
    assert.equal(table.backend, "cpu");
    assert.deepEqual(parseLatencyTable(JSON.stringify(table)), table);
    assert.throws(
      () => parseLatencyTable(JSON.stringify({ ...table, format: "other" })),
      /not a supernet-latency-table/,
    );
    assert.throws(() => parseLatencyTable(JSON.stringify({ ...table, overheadMs: "1" })), /non-numeric/);
    assert.throws(() => parseLatencyTable(JSON.stringify({ ...table, statistic: "mean" })), /incomplete/);
    const other = spaceModel(SPACES.sequence);
    assert.throws(
      () => predictLatency(table, planSubnet(other, largestGenome(other))),
      /no entry for embedding/,
    );
  });

  test("real timing on the CPU backend gives finite entries and per-batch summaries", async () => {
    const model = spaceModel(SPACES.vision);
    const table = await buildLatencyTable(model, { timer: statisticTimer({ warmup: 1, runs: 2 }) });
    assert.ok(table.overheadMs > 0);
    assert.ok(Object.values(table.entries).every(Number.isFinite));
    const before = tf.memory().numTensors;
    const measured = await measureSubnetLatency(planSubnet(model, largestGenome(model)), {
      batches: [1, 4],
      timing: { warmup: 1, runs: 3 },
    });
    assert.equal(tf.memory().numTensors, before, "timing leaves no tensors behind");
    assert.deepEqual(
      measured.map((m) => [m.batch, m.count, m.backend]),
      [
        [1, 3, "cpu"],
        [4, 3, "cpu"],
      ],
    );
    for (const m of measured) assert.ok(m.min > 0 && m.min <= m.median && m.median <= m.max);
  });
});
