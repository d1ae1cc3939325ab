import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { largestGenome, smallestGenome } from "../../server/language/encoding";
import type { Dataset } from "../../server/engine/data/dataset";
import { loadDatasetFromDisk } from "../../server/engine/data/node-load";
import { Rng } from "../../server/engine/data/rng";
import {
  evaluateSubnetAccuracy,
  evaluationData,
  MemoryCheckpointStore,
  SubnetSampler,
  trainSupernet,
} from "../../server/engine/train";
import type { TrainEvent, TrainingCheckpoint } from "../../server/engine/train";
import { fastestBackend } from "./fastest-backend";
import { quickExample } from "./supernet-spaces";

let dataset: Dataset;
before(async () => {
  await fastestBackend();
  dataset = await loadDatasetFromDisk({ kind: "named", name: "fashion_mnist" }, { choice: "embedded" });
});

/** Counts the checkpoints it is handed. */
class CountingStore extends MemoryCheckpointStore {
  epochs: number[] = [];
  override save(checkpoint: TrainingCheckpoint): Promise<void> {
    this.epochs.push(checkpoint.epoch);
    return super.save(checkpoint);
  }
}

describe("examples/quick.nas", () => {
  test("is a MobileNet-style Fashion-MNIST space with elastic resolution, depth, kernel, expand and width", () => {
    const analysis = quickExample();
    const [space] = analysis.spaces.values();
    const kinds = new Set(space.model.genes.map((g) => (g.kind === "arg" ? g.arg : g.kind)));
    assert.deepEqual([...kinds].sort(), ["depth", "expand", "kernel", "out", "resolution"]);
    assert.equal(space.model.dataset?.kind === "known" && space.model.dataset.info.name, "fashion_mnist");
    const [search] = analysis.searches;
    assert.ok(search.config.objectives.length >= 2 && search.config.objectives.length <= 3);
  });

  test("trains on the embedded subset: the largest subnet ≥ 80%, the smallest ≥ 60%, every sampled subnet above chance", async () => {
    const analysis = quickExample();
    const [search] = analysis.searches;
    const model = search.space!.model;
    const store = new CountingStore();
    const events: TrainEvent[] = [];
    const { supernet, completed } = await trainSupernet({
      model,
      dataset,
      config: search.config.train,
      seed: search.config.seed,
      store,
      onEvent: (e) => void events.push(e),
    });
    try {
      assert.ok(completed);
      const epochs = search.config.train.epochs;
      assert.deepEqual(
        store.epochs,
        Array.from({ length: epochs }, (_, i) => i + 1),
      );
      const epochEvents = events.filter((e) => e.kind === "epoch");
      assert.equal(epochEvents.length, epochs);
      for (const e of epochEvents) {
        assert.deepEqual(Object.keys(e.metrics).sort(), ["largest", "random", "smallest"]);
        assert.ok(e.imagesPerSecond > 0);
      }
      const steps = events.filter((e) => e.kind === "step");
      assert.equal(steps.length, epochs * Math.floor(dataset.train.count / search.config.train.batch));

      const data = evaluationData(dataset);
      const largest = evaluateSubnetAccuracy(supernet, largestGenome(model), data);
      const smallest = evaluateSubnetAccuracy(supernet, smallestGenome(model), data);
      assert.ok(largest.accuracy >= 0.8, `largest subnet: ${largest.accuracy}`);
      assert.ok(smallest.accuracy >= 0.6, `smallest subnet: ${smallest.accuracy}`);
      const sampler = new SubnetSampler(model, { kind: "uniform" });
      const rng = Rng.fromSeed(21);
      const chance = 1 / dataset.classes;
      for (let i = 0; i < 6; i++) {
        const { genome } = sampler.random(rng);
        const { accuracy } = evaluateSubnetAccuracy(supernet, genome, data);
        assert.ok(accuracy > 3 * chance, `subnet ${genome.join(",")}: ${accuracy}`);
      }
    } finally {
      supernet.dispose();
    }
    assert.equal(tf.memory().numTensors, 0);
  });
});
