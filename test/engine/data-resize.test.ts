import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { resizeBatch } from "../../server/engine/data/resize";

describe("resizeBatch (elastic resolution)", () => {
  test("returns the batch itself at its own size", async () => {
    await tf.setBackend("cpu");
    const x = tf.zeros([2, 28, 28, 1]) as tf.Tensor4D;
    assert.equal(resizeBatch(x, 28), x);
    x.dispose();
  });

  test("resizes every image and channel to side × side with half-pixel centres", async () => {
    await tf.setBackend("cpu");
    // One 1×2 row per channel: [0, 4] and [10, 30]; widened to 4 with half-pixel centres the
    // sample points are x = -0.25, 0.25, 0.75, 1.25 (clamped), i.e. weights 0, .25, .75, 1.
    const x = tf.tensor4d([0, 10, 4, 30], [1, 1, 2, 2]);
    const y = tf.tidy(() => resizeBatch(tf.tile(x, [3, 2, 1, 1]) as tf.Tensor4D, 4));
    assert.deepEqual(y.shape, [3, 4, 4, 2]);
    const values = (await y.array()) as number[][][][];
    for (const image of values) {
      for (const row of image) {
        assert.deepEqual(
          row.map((px) => px[0]),
          [0, 1, 3, 4],
        );
        assert.deepEqual(
          row.map((px) => px[1]),
          [10, 15, 25, 30],
        );
      }
    }
    tf.dispose([x, y]);
  });

  test("a constant image stays constant when shrunk, so normalisation commutes with resizing", async () => {
    await tf.setBackend("cpu");
    const y = tf.tidy(() => resizeBatch(tf.fill([2, 28, 28, 1], -0.81) as tf.Tensor4D, 20));
    assert.deepEqual(y.shape, [2, 20, 20, 1]);
    for (const v of await y.data()) assert.ok(Math.abs(v + 0.81) < 1e-6);
    y.dispose();
    assert.throws(() => resizeBatch(tf.zeros([1, 2, 2, 1]) as tf.Tensor4D, 0), /bad side 0/);
  });
});
