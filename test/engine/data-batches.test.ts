import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  inOrderBatches,
  initialCursor,
  sampleBatch,
  TrainingBatches,
} from "../../server/engine/data/batches";
import type { Batch, ShuffleCursor } from "../../server/engine/data/batches";
import type { Split } from "../../server/engine/data/dataset";
import { fitNormalization, normalizeInto } from "../../server/engine/data/normalization";
import type { Normalization } from "../../server/engine/data/normalization";

// 103 examples of shape 2×1×1 whose first pixel is the example's own index, so batches reveal the order.
const COUNT = 103;
const split: Split = {
  count: COUNT,
  features: Uint8Array.from({ length: COUNT * 2 }, (_, i) => (i % 2 === 0 ? i / 2 : 255)),
  labels: Int32Array.from({ length: COUNT }, (_, i) => i % 10),
};
const identityNorm: Normalization = { scale: 1, mean: [0], std: [1] };
const source = { shape: [2, 1, 1], normalization: identityNorm };
const ids = (batch: Batch): number[] => Array.from({ length: batch.y.length }, (_, i) => batch.x[i * 2]);

describe("training batches", () => {
  test("each epoch hands out distinct examples in a new order, dropping the last partial batch", () => {
    const stream = new TrainingBatches(source, split, 10, initialCursor(7));
    assert.equal(stream.batchesPerEpoch, 10);
    const epochs = [0, 1].map(() => [...stream.restOfEpoch()].flatMap(ids));
    for (const seen of epochs) {
      assert.equal(seen.length, 100);
      assert.equal(new Set(seen).size, 100);
    }
    assert.notDeepEqual(epochs[0], epochs[1]);
    assert.deepEqual(stream.cursor.epoch, 2);
    assert.deepEqual(stream.cursor.position, 0);
  });

  test("batches carry shapes, labels and normalised pixels", () => {
    const norm: Normalization = { scale: 1 / 255, mean: [0.5], std: [0.25] };
    const batch = new TrainingBatches({ ...source, normalization: norm }, split, 4, initialCursor(1)).next();
    assert.deepEqual(batch.shape, [4, 2, 1, 1]);
    for (let i = 0; i < 4; i++) {
      const id = Math.round((batch.x[2 * i] * 0.25 + 0.5) * 255);
      assert.equal(batch.y[i], id % 10);
      assert.ok(Math.abs(batch.x[2 * i + 1] - (1 - 0.5) / 0.25) < 1e-6);
    }
  });

  test("a cursor saved mid-epoch, through JSON, resumes exactly where an uninterrupted stream goes", () => {
    const uninterrupted = new TrainingBatches(source, split, 8, initialCursor(3));
    const expected = Array.from({ length: 40 }, () => ids(uninterrupted.next()));

    const killed = new TrainingBatches(source, split, 8, initialCursor(3));
    const before = Array.from({ length: 17 }, () => ids(killed.next()));
    const saved: ShuffleCursor = JSON.parse(JSON.stringify(killed.cursor));
    assert.equal(saved.epoch, 1, "17 batches of 8 cross the first epoch of 12 batches");
    assert.equal(saved.position, 40);
    const resumed = new TrainingBatches(source, split, 8, saved);
    const after = Array.from({ length: 23 }, () => ids(resumed.next()));
    assert.deepEqual([...before, ...after], expected);
  });

  test("the cursor at an epoch's end points at the next epoch", () => {
    const stream = new TrainingBatches(source, split, 50, initialCursor(0));
    stream.next();
    assert.equal(stream.cursor.position, 50);
    stream.next();
    assert.deepEqual([stream.cursor.epoch, stream.cursor.position], [1, 0]);
  });

  test("different seeds shuffle differently; the same seed identically", () => {
    const first = (seed: number) => ids(new TrainingBatches(source, split, 20, initialCursor(seed)).next());
    assert.deepEqual(first(5), first(5));
    assert.notDeepEqual(first(5), first(6));
  });

  test("bad sizes and positions are refused", () => {
    assert.throws(() => new TrainingBatches(source, split, 0, initialCursor(0)), /bad batch size 0/);
    assert.throws(
      () => new TrainingBatches(source, split, 104, initialCursor(0)),
      /exceeds the 103 training examples/,
    );
    const past: ShuffleCursor = { ...initialCursor(0), position: 100 };
    assert.throws(
      () => new TrainingBatches(source, split, 10, past),
      /cursor position 100 is outside an epoch of 103/,
    );
  });
});

describe("validation and sample batches", () => {
  test("in-order batches cover the split once, in stored order, the last one short", () => {
    const batches = [...inOrderBatches(source, split, 25)];
    assert.deepEqual(
      batches.map((b) => b.y.length),
      [25, 25, 25, 25, 3],
    );
    assert.deepEqual(
      batches.flatMap(ids),
      Array.from({ length: COUNT }, (_, i) => i),
    );
  });
  test("a sample batch is distinct examples, fixed by its seed", () => {
    const a = ids(sampleBatch(source, split, 30, 11));
    assert.equal(new Set(a).size, 30);
    assert.deepEqual(ids(sampleBatch(source, split, 30, 11)), a);
    assert.notDeepEqual(ids(sampleBatch(source, split, 30, 12)), a);
    assert.throws(() => sampleBatch(source, split, 104, 0), /cannot draw 104 of 103/);
  });
});

describe("normalisation", () => {
  test("x = (raw × scale − mean[c]) / std[c] with c the last axis", () => {
    const norm: Normalization = { scale: 0.5, mean: [1, -1, 0], std: [2, 1, 0.5] };
    const raw = Float32Array.from([2, 2, 2, 4, 0, 1]);
    const out = new Float32Array(6);
    normalizeInto(raw, 0, 2, 3, norm, out, 0);
    assert.deepEqual(Array.from(out), [0, 2, 2, 0.5, 1, 1]);
  });
  test("fitting gives each channel mean 0 and std 1, a constant channel std 1", () => {
    const raw = Float32Array.from([1, 5, 3, 5, 5, 5, 7, 5]);
    const norm = fitNormalization(raw, 2, 1);
    assert.deepEqual(norm.mean, [4, 5]);
    assert.ok(Math.abs(norm.std[0] - Math.sqrt(5)) < 1e-12);
    assert.equal(norm.std[1], 1);
    const out = new Float32Array(8);
    normalizeInto(raw, 0, 4, 2, norm, out, 0);
    const channel0 = [out[0], out[2], out[4], out[6]];
    assert.ok(Math.abs(channel0.reduce((a, b) => a + b)) < 1e-6);
    assert.ok(Math.abs(channel0.reduce((a, b) => a + b * b, 0) / 4 - 1) < 1e-6);
    assert.deepEqual([out[1], out[3], out[5], out[7]], [0, 0, 0, 0]);
  });
});
