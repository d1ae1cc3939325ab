import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { largestGenome, smallestGenome } from "../../server/language/encoding";
import { loadDatasetFromDisk } from "../../server/engine/data/node-load";
import type { Dataset } from "../../server/engine/data/dataset";
import { calibrateBatchNorm, disposeStatistics, Supernet } from "../../server/engine/supernet";
import { evaluateSubnetAccuracy, evaluationData } from "../../server/engine/train";
import { spaceModel } from "./supernet-spaces";

const TINY_FASHION = `
space Tiny {
  input image(28, 28, 1)
  resolution in {8, 12}
  dataset fashion_mnist
  stem: conv(out in {4, 8}, kernel: 3, stride: 2) bn relu
  stage s depth in {1, 2} {
    mbconv(out in {8, 12}, kernel in {3, 5}, expand in {1, 2}, se: true)
  }
  head: gap dense(classes)
}`;

let dataset: Dataset;
before(async () => {
  await tf.setBackend("cpu");
  dataset = await loadDatasetFromDisk({ kind: "named", name: "fashion_mnist" }, { choice: "embedded" });
});

describe("BatchNorm recalibration", () => {
  test("pools the statistics of its chunks into those of all images", () => {
    const model = spaceModel(TINY_FASHION);
    const net = Supernet.create(model, 3);
    const data = evaluationData(dataset, { calibrationImages: 300, seed: 1 });
    const plan = net.plan(largestGenome(model));
    const chunked = calibrateBatchNorm(net, plan, data.calibration, 70);
    const whole = calibrateBatchNorm(net, plan, data.calibration, 300);
    try {
      // The stem's BatchNorm sees the same inputs however the images are chunked.
      const key = "stem/1:bn";
      for (const stat of ["mean", "variance"] as const) {
        const a = chunked.get(key)![stat].dataSync();
        const b = whole.get(key)![stat].dataSync();
        assert.equal(a.length, 8);
        a.forEach((v, i) =>
          assert.ok(Math.abs(v - b[i]) < 1e-4 * Math.max(1, Math.abs(b[i])), `${stat}[${i}]`),
        );
      }
      // One entry per BatchNorm of the plan, at the subnet's widths.
      assert.deepEqual([...whole.keys()].sort(), [
        "s[0]/0:dw.bn",
        "s[0]/0:expand.bn",
        "s[0]/0:project.bn",
        "s[1]/0:dw.bn",
        "s[1]/0:expand.bn",
        "s[1]/0:project.bn",
        "stem/1:bn",
      ]);
    } finally {
      disposeStatistics(chunked);
      disposeStatistics(whole);
      net.dispose();
    }
  });

  test("a subnet cannot run in inference mode without its statistics", () => {
    const model = spaceModel(TINY_FASHION);
    const net = Supernet.create(model, 3);
    const x = tf.zeros([2, 28, 28, 1]);
    assert.throws(
      () =>
        tf.tidy(() => net.forward(net.plan(smallestGenome(model)), x, { kind: "infer", stats: new Map() })),
      /recalibrate/,
    );
    x.dispose();
    net.dispose();
  });
});

describe("evaluating a subnet", () => {
  test("measures accuracy and loss on the whole validation split and leaves no tensors behind", () => {
    const model = spaceModel(TINY_FASHION);
    const net = Supernet.create(model, 3);
    const data = evaluationData(dataset, { calibrationImages: 200 });
    const before = tf.memory().numTensors;
    const results = [largestGenome(model), smallestGenome(model), largestGenome(model)].map((g) =>
      evaluateSubnetAccuracy(net, g, data, 300),
    );
    assert.equal(tf.memory().numTensors, before);
    for (const r of results) {
      assert.equal(r.images, 1000);
      assert.ok(r.accuracy >= 0 && r.accuracy <= 1 && Number.isInteger(r.accuracy * 1000));
      assert.ok(Number.isFinite(r.loss) && r.loss > 0);
    }
    // Deterministic: the same subnet evaluates the same twice.
    assert.deepEqual(results[2], results[0]);
    net.dispose();
  });
});
