// Regenerates examples/data/fashion-mnist-subset/ (the embedded dataset) from the full official
// Fashion-MNIST files, found as `dataset fashion_mnist` finds them (SUPERNET_DATA, Debian's
// dataset-fashion-mnist, the user cache, a download). Deterministic: running it again rewrites
// identical files. Usage: npx tsx scripts/make-fashion-subset.ts
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { FASHION_MNIST } from "../server/engine/data/catalog";
import type { IdxFileSpec } from "../server/engine/data/catalog";
import { classCounts } from "../server/engine/data/dataset";
import { encodeIdx } from "../server/engine/data/idx";
import { idxFromExamples } from "../server/engine/data/idx-split";
import { loadDatasetFromDisk } from "../server/engine/data/node-load";
import { writeAtomically } from "../server/engine/data/node-store";
import { findPackageRoot } from "../server/engine/data/package-root";
import {
  drawSubset,
  SUBSET_SEED,
  SUBSET_TRAIN_PER_CLASS,
  SUBSET_VALIDATION_PER_CLASS,
} from "../server/engine/data/subset";
import { sha256Hex } from "../server/engine/data/verify";

async function main(): Promise<void> {
  const root = findPackageRoot();
  const embedded = FASHION_MNIST.embedded;
  if (!embedded) throw new Error("the catalog has no embedded Fashion-MNIST subset");
  const outDir = join(root, embedded.dir);

  const full = await loadDatasetFromDisk(
    { kind: "named", name: "fashion_mnist" },
    { choice: "full", packageRoot: root },
  );
  console.log(`full dataset: ${full.source}`);
  const subset = drawSubset(full);

  const written: { spec: IdxFileSpec; raw: Uint8Array; gz: Uint8Array }[] = [];
  const parts = [
    [subset.train, embedded.files.trainImages, embedded.files.trainLabels],
    [subset.validation, embedded.files.validationImages, embedded.files.validationLabels],
  ] as const;
  for (const [split, imagesSpec, labelsSpec] of parts) {
    const { images, labels } = idxFromExamples(split, full.shape);
    for (const [spec, array] of [
      [imagesSpec, images],
      [labelsSpec, labels],
    ] as const) {
      const raw = encodeIdx(array);
      const gz = gzipSync(raw, { level: 9 });
      await writeAtomically(join(outDir, `${spec.stem}.gz`), gz);
      written.push({ spec, raw, gz });
    }
  }

  const perClass = (counts: number[]): string => counts.join(", ");
  const table = written
    .map(
      ({ spec, raw, gz }) =>
        `| ${spec.stem}.gz | ${spec.dims.join("×")} | ${gz.length} | \`${sha256Hex(raw)}\` |`,
    )
    .join("\n");
  await writeFile(
    join(outDir, "README.md"),
    `# Fashion-MNIST subset (embedded dataset)

A small, class-balanced subset of [Fashion-MNIST](https://github.com/zalandoresearch/fashion-mnist)
(Xiao, Rasul and Vollgraf, 2017), shipped so that the README's demo and the tests run the same on
every machine, offline. \`dataset fashion_mnist\` uses it when the full dataset is not found, or
always when the embedded copy is asked for.

- Training split: ${subset.train.count} images, ${SUBSET_TRAIN_PER_CLASS} per class (${perClass(classCounts(subset.train, 10))}), drawn
  from the official 60,000 training images (\`train-*\` files here).
- Validation split: ${subset.validation.count} images, ${SUBSET_VALIDATION_PER_CLASS} per class (${perClass(classCounts(subset.validation, 10))}), drawn
  from the official 10,000 **test** images (\`t10k-*\` files here): the official train/test
  partition keeps every validation image out of training.
- Drawn by \`scripts/make-fashion-subset.ts\` (\`npx tsx scripts/make-fashion-subset.ts\`) with one
  xoshiro128** generator seeded ${SUBSET_SEED}: per class a uniform sample without replacement
  (server/engine/data/subset.ts), images kept in their official order. Rerunning it rewrites
  identical files; a test compares them with a fresh draw when the full dataset is installed.
- Format: standard IDX, gzip'd; images N×28×28 uint8, labels N uint8 (0 T-shirt/top, 1 Trouser,
  2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot).

| file | dimensions | bytes | SHA-256 of the decompressed file |
| --- | --- | --- | --- |
${table}

Licence: Fashion-MNIST is released under the MIT licence, Copyright (c) 2017 Zalando SE; see
LICENSE in this folder. This subset is redistributed under the same licence.
`,
  );
  console.log(
    `wrote ${written.length} files to ${outDir} (${written.reduce((s, w) => s + w.gz.length, 0)} bytes gzip'd)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
