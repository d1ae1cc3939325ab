import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import type { TrainConfig } from "../../server/language/searchConfig";
import { selectExamples } from "../../server/engine/data/dataset";
import type { Dataset } from "../../server/engine/data/dataset";
import { loadDatasetFromDisk } from "../../server/engine/data/node-load";
import type { WeightArrays } from "../../server/engine/supernet";
import { FileCheckpointStore, MemoryCheckpointStore, trainSupernet } from "../../server/engine/train";
import type { TrainEvent, TrainingCheckpoint } from "../../server/engine/train";
import { fastestBackend } from "./fastest-backend";
import { spaceModel } from "./supernet-spaces";

/** Dropout and distillation included, so every source of randomness has to be restored. */
const SPACE = `
space Resume {
  input image(28, 28, 1)
  resolution in {8, 12}
  dataset fashion_mnist
  stem: conv(out in {4, 8}, kernel: 3, stride: 2) bn relu
  stage s depth in {1, 2} {
    mbconv(out in {8, 12}, kernel in {3, 5}, expand in {1, 2}, se: true)
  }
  head: gap dropout(rate: 0.2) dense(classes)
}`;

const CONFIG: TrainConfig = {
  epochs: 2,
  batch: 40,
  optimizer: { kind: "sgd", lr: 0.1, momentum: 0.9, nesterov: true },
  schedule: { kind: "cosine", warmup: 0.5 },
  weightDecay: 1e-4,
  labelSmoothing: 0.1,
  sampling: { kind: "sandwich", random: 1 },
  distill: true,
};

let dataset: Dataset;
let dir: string;

before(async () => {
  await fastestBackend();
  const full = await loadDatasetFromDisk({ kind: "named", name: "fashion_mnist" }, { choice: "embedded" });
  // 400 training images keep the two epochs short; 10 steps each.
  const train = selectExamples(
    full.train,
    full.shape,
    Array.from({ length: 400 }, (_, i) => i * 15),
  );
  dataset = { ...full, train };
  dir = await mkdtemp(join(tmpdir(), "supernet-resume-"));
});

after(() => rm(dir, { recursive: true, force: true }));

function maxDifference(a: WeightArrays, b: WeightArrays): number {
  assert.deepEqual([...a.keys()], [...b.keys()]);
  let worst = 0;
  for (const [key, { values }] of a) {
    const other = b.get(key)!.values;
    for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i] - other[i]));
  }
  return worst;
}

describe("a killed training resumes where it stopped", () => {
  test("stopped in the middle of epoch 2, resumed from the file checkpoint: the same weights as straight through", async () => {
    const model = spaceModel(SPACE);
    const baseline = tf.memory().numTensors;

    const straightStore = new MemoryCheckpointStore();
    const straight = await trainSupernet({ model, dataset, config: CONFIG, seed: 5, store: straightStore });
    assert.equal(straight.completed, true);
    const expected = (await straightStore.load())!;
    straight.supernet.dispose();

    const stop = new AbortController();
    const killed = await trainSupernet({
      model,
      dataset,
      config: CONFIG,
      seed: 5,
      store: new FileCheckpointStore(dir),
      signal: stop.signal,
      onEvent: (e) => {
        if (e.kind === "step" && e.epoch === 1 && e.stepInEpoch === 3) stop.abort();
      },
    });
    assert.deepEqual([killed.completed, killed.epochs], [false, 1]);
    killed.supernet.dispose();

    // A fresh store object, as a new process would make; the store only has epoch 1.
    const events: TrainEvent[] = [];
    const resumed = await trainSupernet({
      model,
      dataset,
      config: CONFIG,
      seed: 5,
      store: new FileCheckpointStore(dir),
      onEvent: (e) => void events.push(e),
    });
    assert.deepEqual([resumed.completed, resumed.epochs], [true, 2]);
    assert.equal(events[0].kind === "start" && events[0].resumedAt, 1);
    assert.deepEqual(
      events.filter((e) => e.kind === "epoch").map((e) => e.kind === "epoch" && e.epoch),
      [2],
    );
    const final: TrainingCheckpoint = (await new FileCheckpointStore(dir).load())!;
    assert.ok(maxDifference(resumed.supernet.toArrays(), expected.weights) <= 1e-6);
    assert.ok(maxDifference(final.weights, expected.weights) <= 1e-6);
    assert.ok(maxDifference(final.optimizer.slots, expected.optimizer.slots) <= 1e-6);
    assert.deepEqual(
      { step: final.step, cursor: final.cursor, rng: final.rng, updates: final.optimizer.updates },
      {
        step: expected.step,
        cursor: expected.cursor,
        rng: expected.rng,
        updates: expected.optimizer.updates,
      },
    );
    // Only the latest epoch's data file is kept.
    assert.deepEqual((await readdir(dir)).sort(), ["checkpoint-epoch2.bin", "checkpoint.json"]);
    resumed.supernet.dispose();
    assert.equal(tf.memory().numTensors, baseline, "training leaves no tensors behind");
  });

  test("refuses a checkpoint of another configuration", async () => {
    const model = spaceModel(SPACE);
    const other = { ...CONFIG, labelSmoothing: 0 };
    await assert.rejects(
      trainSupernet({ model, dataset, config: other, seed: 5, store: new FileCheckpointStore(dir) }),
      /different space, training configuration/,
    );
  });
});
