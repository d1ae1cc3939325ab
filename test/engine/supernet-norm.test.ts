import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "../../server/engine/supernet/gradients";
import {
  batchMoments,
  batchNormTraining,
  layerNorm,
  NORM_EPSILON,
  sumOverBatch,
} from "../../server/engine/supernet/normalization";

before(() => tf.setBackend("cpu"));

/** The textbook forms, differentiated by tfjs itself. */
function referenceBatchNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, NORM_EPSILON))), gamma), beta);
}

function referenceLayerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, x.rank - 1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, NORM_EPSILON))), gamma), beta);
}

type Norm = (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor;

/** Values and gradients (for a fixed random upstream gradient) of a normalisation. */
function valueAndGrads(norm: Norm, shape: number[], seed: number): tf.Tensor[] {
  const width = shape[shape.length - 1];
  const x = tf.add(tf.mul(tf.randomNormal(shape, 0, 1, "float32", seed), 3), 1);
  const gamma = tf.randomUniform([width], 0.5, 1.5, "float32", seed + 1);
  const beta = tf.randomNormal([width], 0, 1, "float32", seed + 2);
  const upstream = tf.randomNormal(shape, 0, 1, "float32", seed + 3);
  const { value, grads } = tf.valueAndGrads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(norm(a, g, b), upstream)),
  )([x, gamma, beta]);
  return [norm(x, gamma, beta), value, ...grads];
}

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
}

describe("BatchNorm and LayerNorm with their own gradients", () => {
  for (const [name, norm, reference] of [
    ["BatchNorm", batchNormTraining, referenceBatchNorm],
    ["LayerNorm", layerNorm, referenceLayerNorm],
  ] as const) {
    for (const shape of [
      [8, 5, 5, 6],
      [16, 7],
      [4, 9, 10],
    ]) {
      test(`${name} on [${shape}] agrees with tfjs's own derivation`, () => {
        tf.tidy(() => {
          const ours = valueAndGrads(norm, shape, 7);
          const theirs = valueAndGrads(reference, shape, 7);
          ours.forEach((t, i) => assert.ok(maxDifference(t, theirs[i]) < 1e-4, `output ${i}`));
        });
      });
    }
  }

  test("BatchNorm's backward runs no Tile kernel", async () => {
    const x = tf.randomNormal([8, 6, 6, 12]);
    const gamma = tf.ones([12]);
    const beta = tf.zeros([12]);
    const profile = await tf.profile(() => {
      const grads = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(batchNormTraining(a, g, b))),
      )([x, gamma, beta]);
      tf.dispose(grads);
    });
    const kernels = new Set(profile.kernels.map((k) => k.name));
    assert.ok(kernels.size > 3, "the profile saw the kernels");
    assert.ok(!kernels.has("Tile"), [...kernels].join(", "));
    tf.dispose([x, gamma, beta]);
  });

  test("batch sums and moments equal tfjs's reductions", () => {
    tf.tidy(() => {
      const x = tf.randomNormal([5, 4, 3, 7], 2, 3, "float32", 1);
      assert.ok(maxDifference(sumOverBatch(x), tf.sum(x, [0, 1, 2])) < 1e-4);
      const ours = batchMoments(x);
      const theirs = tf.moments(x, [0, 1, 2]);
      assert.ok(maxDifference(ours.mean, theirs.mean) < 1e-5);
      assert.ok(maxDifference(ours.variance, theirs.variance) < 1e-4);
    });
  });
});
