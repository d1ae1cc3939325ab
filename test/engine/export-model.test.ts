import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { resizeBatch } from "../../server/engine/data/resize";
import { Rng } from "../../server/engine/data/rng";
import { loadModelFolder, writeSubnetModel } from "../../server/engine/export";
import { calibrateBatchNorm, disposeStatistics } from "../../server/engine/supernet/calibrate";
import { SubnetSampler } from "../../server/engine/train/sampling";
import { genomeKey, largestGenome, smallestGenome } from "../../server/language/encoding";
import type { Genome } from "../../server/language/encoding";
import type { SpaceModel } from "../../server/language/model";
import { batchTensor, noisySupernet, randomBatch, SPACES, spaceModel } from "./export-spaces";

let dir: string;
before(async () => {
  await tf.setBackend("cpu");
  dir = await mkdtemp(join(tmpdir(), "export-model-"));
});
after(() => rm(dir, { recursive: true, force: true }));

/** The smallest, the largest and a few random subnets, without repeats. */
function someGenomes(model: SpaceModel, random: number): Genome[] {
  const sampler = new SubnetSampler(model, { kind: "uniform" });
  const rng = Rng.fromSeed(3);
  const all = [
    smallestGenome(model),
    largestGenome(model),
    ...Array.from({ length: random }, () => sampler.random(rng).genome),
  ];
  return [...new Map(all.map((g) => [genomeKey(g), g])).values()];
}

describe("an exported subnet predicts what the supernet does for it", () => {
  for (const [name, text] of Object.entries(SPACES)) {
    test(`${name}: every sampled subnet, loaded back from model.json + weights.bin, within 1e-4`, async () => {
      const model = spaceModel(text);
      const supernet = noisySupernet(model, 11);
      const calibration = randomBatch(model, 24, 5);
      const inputs = randomBatch(model, 5, 6);
      try {
        for (const genome of someGenomes(model, 4)) {
          const plan = supernet.plan(genome);
          const stats = calibrateBatchNorm(supernet, plan, calibration, 8);
          const out = join(dir, `${name}-${genomeKey(genome).replace(/,/g, "")}`);
          const before = tf.memory().numTensors;
          await writeSubnetModel(supernet, plan, stats, out, { subnet: "test" });
          assert.equal(tf.memory().numTensors, before, "the export leaves no tensors behind");
          const loaded = await loadModelFolder(out);
          const [expected, got] = tf.tidy(() => {
            const raw = batchTensor(model, inputs);
            const x = plan.input.kind === "image" ? resizeBatch(raw as tf.Tensor4D, plan.input.h) : raw;
            return [supernet.forward(plan, x, { kind: "infer", stats }), loaded.predict(x) as tf.Tensor];
          });
          assert.deepEqual(got.shape, expected.shape);
          const difference = tf.tidy(() => tf.max(tf.abs(tf.sub(got, expected))).dataSync()[0]);
          assert.ok(difference <= 1e-4, `${genomeKey(genome)}: max abs difference ${difference}`);
          assert.ok(
            tf.tidy(() => tf.max(tf.abs(expected)).dataSync()[0]) > 1e-3,
            "the outputs are not all zero",
          );
          tf.dispose([expected, got]);
          loaded.dispose();
          disposeStatistics(stats);
        }
      } finally {
        supernet.dispose();
      }
    });
  }

  test("model.json holds standard layers only, the metadata, and a manifest of weights.bin", async () => {
    const model = spaceModel(SPACES.mobile);
    const supernet = noisySupernet(model, 2);
    const plan = supernet.plan(largestGenome(model));
    const stats = calibrateBatchNorm(supernet, plan, randomBatch(model, 8, 1), 8);
    const out = join(dir, "manifest");
    try {
      const result = await writeSubnetModel(supernet, plan, stats, out, { subnet: "big" });
      assert.deepEqual(result.input, [20, 20, 3]);
      const json = JSON.parse(await readFile(join(out, "model.json"), "utf8"));
      assert.equal(json.format, "layers-model");
      assert.deepEqual(json.weightsManifest[0].paths, ["weights.bin"]);
      assert.deepEqual(json.userDefinedMetadata.supernet, {
        space: "Mobile",
        input: [20, 20, 3],
        macs: plan.macs,
        params: plan.params,
        subnet: "big",
      });
      const classes = new Set<string>(
        json.modelTopology.config.layers.map((l: { class_name: string }) => l.class_name),
      );
      const standard = [
        "InputLayer",
        "Conv2D",
        "DepthwiseConv2D",
        "BatchNormalization",
        "Activation",
        "Add",
        "GlobalAveragePooling2D",
        "Dense",
        "Rescaling",
        "ReLU",
        "Reshape",
        "Multiply",
      ];
      assert.deepEqual(
        [...classes].filter((c) => !standard.includes(c)),
        [],
      );
      // The model holds the subnet's params and each BatchNorm's mean and variance, nothing else.
      const weights = (json.weightsManifest[0].weights as { shape: number[] }[]).reduce(
        (n, w) => n + w.shape.reduce((a, b) => a * b, 1),
        0,
      );
      const statistics = [...stats.values()].reduce((n, s) => n + s.mean.size + s.variance.size, 0);
      assert.equal(weights, plan.params + statistics);
      const bytes = (await readFile(join(out, "weights.bin"))).byteLength;
      assert.equal(bytes, weights * 4);
    } finally {
      disposeStatistics(stats);
      supernet.dispose();
    }
  });
});
