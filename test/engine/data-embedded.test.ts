import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { FASHION_MNIST } from "../../server/engine/data/catalog";
import { classCounts } from "../../server/engine/data/dataset";
import { loadDatasetFromDisk } from "../../server/engine/data/node-load";
import { findPackageRoot } from "../../server/engine/data/package-root";

describe("the embedded Fashion-MNIST subset", () => {
  const dir = join(findPackageRoot(), "examples/data/fashion-mnist-subset");

  test("loads as fashion_mnist with 6,000 training and 1,000 validation images, balanced", async () => {
    const dataset = await loadDatasetFromDisk(
      { kind: "named", name: "fashion_mnist" },
      { choice: "embedded" },
    );
    assert.match(dataset.source, /^embedded subset/);
    assert.deepEqual(dataset.shape, [28, 28, 1]);
    assert.equal(dataset.classes, 10);
    assert.equal(dataset.train.count, 6000);
    assert.equal(dataset.validation.count, 1000);
    assert.deepEqual(classCounts(dataset.train, 10), new Array(10).fill(600));
    assert.deepEqual(classCounts(dataset.validation, 10), new Array(10).fill(100));
    assert.equal(dataset.train.features.length, 6000 * 784);
    // Same normalisation as the full set, and the subset's own statistics are close to it.
    assert.deepEqual(dataset.normalization, FASHION_MNIST.normalization);
    let sum = 0;
    for (const v of dataset.train.features) sum += v / 255;
    assert.ok(Math.abs(sum / dataset.train.features.length - FASHION_MNIST.normalization.mean[0]) < 0.01);
  });

  test("stays well under 10 MB and carries its licence", async () => {
    const files = await readdir(dir);
    assert.ok(files.includes("LICENSE") && files.includes("README.md"));
    const sizes = await Promise.all(files.map(async (f) => (await stat(join(dir, f))).size));
    assert.ok(sizes.reduce((a, b) => a + b) < 5 * 1024 * 1024);
    const licence = await readFile(join(dir, "LICENSE"), "utf8");
    assert.match(licence, /MIT License[\s\S]*Copyright \(c\) 2017 Zalando SE/);
  });
});
