import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { DataError } from "../../server/engine/data/errors";
import { gunzipIfCompressed } from "../../server/engine/data/gzip";
import { encodeIdx, parseIdx } from "../../server/engine/data/idx";
import type { IdxArray, IdxDtype } from "../../server/engine/data/idx";
import { examplesFromIdx, idxFromExamples } from "../../server/engine/data/idx-split";
import { loadDatasetFromDisk } from "../../server/engine/data/node-load";

const images = (count: number, h = 3, w = 2): IdxArray => ({
  dtype: "uint8",
  dims: [count, h, w],
  data: Uint8Array.from({ length: count * h * w }, (_, i) => (i * 7) % 256),
});
const labels = (values: number[]): IdxArray => ({
  dtype: "uint8",
  dims: [values.length],
  data: Uint8Array.from(values),
});

/** Asserts a DataError whose message names `where` and contains every fragment. */
function assertDataError(run: () => unknown, where: string, ...fragments: string[]): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof DataError, `expected a DataError, got ${String(error)}`);
    assert.equal(error.where, where);
    for (const fragment of fragments)
      assert.match(error.message, new RegExp(fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    return true;
  });
}

describe("IDX encoding", () => {
  const dtypes: IdxDtype[] = ["uint8", "int8", "int16", "int32", "float32", "float64"];
  const valueFor: Record<IdxDtype, fc.Arbitrary<number>> = {
    uint8: fc.integer({ min: 0, max: 255 }),
    int8: fc.integer({ min: -128, max: 127 }),
    int16: fc.integer({ min: -32768, max: 32767 }),
    int32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    float32: fc.float({ noNaN: true }).map(Math.fround),
    float64: fc.double({ noNaN: true }),
  };

  test("parseIdx inverts encodeIdx for every type and rank", () => {
    const arb = fc
      .record({
        dtype: fc.constantFrom(...dtypes),
        dims: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
      })
      .chain(({ dtype, dims }) =>
        fc
          .array(valueFor[dtype], {
            minLength: dims.reduce((a, b) => a * b),
            maxLength: dims.reduce((a, b) => a * b),
          })
          .map((values) => ({ dtype, dims, values })),
      );
    fc.assert(
      fc.property(arb, ({ dtype, dims, values }) => {
        const parsed = parseIdx(encodeIdx({ dtype, dims, data: Float64Array.from(values) }), "x");
        assert.equal(parsed.dtype, dtype);
        assert.deepEqual(parsed.dims, dims);
        assert.deepEqual(Array.from(parsed.data), values);
      }),
    );
  });

  test("the header is big-endian, as in the MNIST files", () => {
    const bytes = encodeIdx(labels([1, 2]));
    assert.deepEqual(Array.from(bytes), [0, 0, 0x08, 1, 0, 0, 0, 2, 1, 2]);
  });
});

describe("IDX errors say what and where", () => {
  test("a file shorter than the magic number", () => {
    assertDataError(() => parseIdx(new Uint8Array([0, 0]), "a.idx"), "a.idx", "truncated IDX file: 2 bytes");
  });
  test("bad magic numbers: not starting 00 00, unknown type, zero rank", () => {
    assertDataError(
      () => parseIdx(Uint8Array.from([1, 0, 8, 1, 0, 0, 0, 0]), "f"),
      "f",
      "bad magic number 01 00 08 01",
    );
    assertDataError(
      () => parseIdx(Uint8Array.from([0, 0, 0x0a, 1, 0, 0, 0, 0]), "f"),
      "f",
      "bad magic number 00 00 0a 01",
    );
    assertDataError(() => parseIdx(Uint8Array.from([0, 0, 8, 0]), "f"), "f", "bad magic number 00 00 08 00");
  });
  test("a truncated header", () => {
    assertDataError(
      () => parseIdx(Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 1]), "f"),
      "f",
      "3 dimensions need 16 header bytes",
    );
  });
  test("truncated data and trailing bytes", () => {
    const bytes = encodeIdx(images(2));
    assertDataError(
      () => parseIdx(bytes.subarray(0, bytes.length - 1), "f"),
      "f",
      "truncated IDX file: dimensions 2×3×2 of uint8 need 28 bytes, the file has 27",
    );
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    assertDataError(() => parseIdx(longer, "f"), "f", "trailing bytes", "the file has 31");
  });
  test("a truncated gzip stream", () => {
    const gz = gzipSync(encodeIdx(images(50)));
    assertDataError(
      () => gunzipIfCompressed(gz.subarray(0, gz.length - 20), "x.gz"),
      "x.gz",
      "gzip data is truncated or corrupt",
    );
  });
  test("images and labels that disagree", () => {
    const where = { images: "img", labels: "lab" };
    assertDataError(
      () => examplesFromIdx(images(3), labels([0, 1]), where),
      "lab",
      "count mismatch: 2 labels, but img holds 3 examples",
    );
    assertDataError(() => examplesFromIdx(images(2), images(2), where), "lab", "rank 1", "2×3×2");
    assertDataError(() => examplesFromIdx(labels([1, 2]), labels([1, 2]), where), "img", "rank 2");
    const floatLabels: IdxArray = { dtype: "float32", dims: [2], data: Float32Array.from([0, 1]) };
    assertDataError(() => examplesFromIdx(images(2), floatLabels, where), "lab", "labels must be integers");
    const negative: IdxArray = { dtype: "int8", dims: [2], data: Int8Array.from([0, -1]) };
    assertDataError(
      () => examplesFromIdx(images(2), negative, where),
      "lab",
      "label -1 at index 1 is negative",
    );
  });
});

describe("IDX examples", () => {
  test("N×H×W becomes H×W×1 images, N×H×W×C keeps its channels, N×F is a vector", () => {
    const where = { images: "i", labels: "l" };
    assert.deepEqual(examplesFromIdx(images(2), labels([0, 1]), where).shape, [3, 2, 1]);
    const rgb: IdxArray = { dtype: "uint8", dims: [1, 2, 2, 3], data: new Uint8Array(12) };
    assert.deepEqual(examplesFromIdx(rgb, labels([0]), where).shape, [2, 2, 3]);
    const vectors: IdxArray = { dtype: "float64", dims: [1, 5], data: new Float64Array(5) };
    const parsed = examplesFromIdx(vectors, labels([0]), where);
    assert.deepEqual(parsed.shape, [5]);
    assert.ok(parsed.split.features instanceof Float32Array);
  });

  test("idxFromExamples inverts examplesFromIdx", () => {
    const where = { images: "i", labels: "l" };
    const { shape, split } = examplesFromIdx(images(4), labels([3, 0, 2, 1]), where);
    const back = idxFromExamples(split, shape);
    assert.deepEqual(back.images.dims, [4, 3, 2]);
    assert.deepEqual(Array.from(back.images.data), Array.from(images(4).data));
    assert.deepEqual(Array.from(back.labels.data), [3, 0, 2, 1]);
  });
});

describe("dataset idx(images, labels) from disk", () => {
  let dir = "";
  const labelValues = Array.from({ length: 40 }, (_, i) => i % 4);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "supernet-idx-"));
    const rawImages = encodeIdx(images(40));
    const rawLabels = encodeIdx(labels(labelValues));
    await writeFile(join(dir, "raw-images"), rawImages);
    await writeFile(join(dir, "raw-labels"), rawLabels);
    await writeFile(join(dir, "gz-images.gz"), gzipSync(rawImages));
    // Gzip is recognised by its magic bytes, not by the file name.
    await writeFile(join(dir, "gz-labels.bin"), gzipSync(rawLabels));
    await writeFile(join(dir, "short-labels"), encodeIdx(labels(labelValues.slice(1))));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const [kind, imagesFile, labelsFile] of [
    ["raw", "raw-images", "raw-labels"],
    ["gzip'd", "gz-images.gz", "gz-labels.bin"],
  ] as const) {
    test(`${kind} files round-trip, with a stratified validation hold-out`, async () => {
      const spec = { kind: "idx", images: imagesFile, labels: labelsFile } as const;
      const dataset = await loadDatasetFromDisk(spec, { baseDir: dir, validationFraction: 0.2 });
      assert.deepEqual(dataset.shape, [3, 2, 1]);
      assert.equal(dataset.classes, 4);
      assert.equal(dataset.train.count, 32);
      assert.equal(dataset.validation.count, 8);
      assert.deepEqual(Array.from(dataset.validation.labels).sort(), [0, 0, 1, 1, 2, 2, 3, 3]);
      const all = [...dataset.train.labels, ...dataset.validation.labels].sort();
      assert.deepEqual(all, [...labelValues].sort());
      // Every example keeps its own pixels: example i of the file holds (i·6 + k)·7 mod 256.
      const original = images(40).data;
      const rowOf = (row: Uint8Array): number => {
        for (let i = 0; i < 40; i++) if (row.every((v, k) => v === original[i * 6 + k])) return i;
        return -1;
      };
      const trainRows = Array.from({ length: 32 }, (_, r) =>
        rowOf(dataset.train.features.subarray(r * 6, r * 6 + 6) as Uint8Array),
      );
      const validationRows = Array.from({ length: 8 }, (_, r) =>
        rowOf(dataset.validation.features.subarray(r * 6, r * 6 + 6) as Uint8Array),
      );
      assert.equal(
        new Set([...trainRows, ...validationRows]).size,
        40,
        "train and validation are disjoint and complete",
      );
      trainRows.forEach((row, r) => assert.equal(dataset.train.labels[r], labelValues[row]));
    });
  }

  test("a missing file and a count mismatch name the file", async () => {
    await assert.rejects(
      loadDatasetFromDisk({ kind: "idx", images: "raw-images", labels: "nope" }, { baseDir: dir }),
      (e: unknown) =>
        e instanceof DataError && e.where === join(dir, "nope") && /file not found/.test(e.message),
    );
    await assert.rejects(
      loadDatasetFromDisk({ kind: "idx", images: "raw-images", labels: "short-labels" }, { baseDir: dir }),
      (e: unknown) =>
        e instanceof DataError &&
        e.where === join(dir, "short-labels") &&
        /count mismatch: 39 labels/.test(e.message),
    );
  });
});
