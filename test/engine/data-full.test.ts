import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { FASHION_MNIST } from "../../server/engine/data/catalog";
import { fitNormalization } from "../../server/engine/data/normalization";
import { encodeIdx } from "../../server/engine/data/idx";
import { idxFromExamples } from "../../server/engine/data/idx-split";
import { loadDatasetFromDisk } from "../../server/engine/data/node-load";
import { findPackageRoot } from "../../server/engine/data/package-root";
import { drawSubset } from "../../server/engine/data/subset";

const debianDir = FASHION_MNIST.debian?.dir ?? "";
const skip = existsSync(join(debianDir, "train-images-idx3-ubyte.gz"))
  ? false
  : `the full dataset needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist), absent from ${debianDir}`;

describe("the full Fashion-MNIST from Debian's package", () => {
  test(
    "loads 60,000 training and 10,000 validation images, verified, and reproduces the embedded subset",
    { skip },
    async () => {
      // Only the Debian location may answer: no settings, no SUPERNET_DATA, no cache, no download.
      const full = await loadDatasetFromDisk(
        { kind: "named", name: "fashion_mnist" },
        { choice: "full", env: {}, homeDir: "/nonexistent", download: false },
      );
      assert.match(full.source, /^Debian package dataset-fashion-mnist/);
      assert.equal(full.train.count, 60000);
      assert.equal(full.validation.count, 10000);

      // The documented normalisation constants are the full training set's.
      const measured = fitNormalization(full.train.features, 1, 1 / 255);
      assert.ok(Math.abs(measured.mean[0] - FASHION_MNIST.normalization.mean[0]) < 5e-6);
      assert.ok(Math.abs(measured.std[0] - FASHION_MNIST.normalization.std[0]) < 5e-6);

      // The committed subset is exactly what scripts/make-fashion-subset.ts draws.
      const subset = drawSubset(full);
      const dir = join(findPackageRoot(), "examples/data/fashion-mnist-subset");
      for (const [split, prefix] of [
        [subset.train, "train"],
        [subset.validation, "t10k"],
      ] as const) {
        const { images, labels } = idxFromExamples(split, full.shape);
        const committedImages = gunzipSync(await readFile(join(dir, `${prefix}-images-idx3-ubyte.gz`)));
        const committedLabels = gunzipSync(await readFile(join(dir, `${prefix}-labels-idx1-ubyte.gz`)));
        assert.ok(
          Buffer.from(encodeIdx(images)).equals(committedImages),
          `${prefix} images differ from a fresh draw`,
        );
        assert.ok(
          Buffer.from(encodeIdx(labels)).equals(committedLabels),
          `${prefix} labels differ from a fresh draw`,
        );
      }
    },
  );
});
