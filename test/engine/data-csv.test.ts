import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { examplesFromCsv, parseCsvRecords } from "../../server/engine/data/csv";
import { DataError } from "../../server/engine/data/errors";
import { loadDatasetFromDisk } from "../../server/engine/data/node-load";

function rejects(text: string, where: string, fragment: RegExp, label = "y"): void {
  assert.throws(
    () => examplesFromCsv(text, label, "t.csv"),
    (e: unknown) => e instanceof DataError && e.where === where && fragment.test(e.message),
  );
}

describe("CSV records", () => {
  test("quotes, escaped quotes, commas and newlines inside quotes, CRLF, blank lines", () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\n';
    const records = parseCsvRecords(text, "f");
    assert.deepEqual(
      records.map((r) => [r.line, r.fields]),
      [
        [1, ["a", "b"]],
        [2, ["x, y", 'say "hi"']],
        [4, ["multi\nline", "2"]],
      ],
    );
  });
  test("an unterminated quote names the line it opened on", () => {
    assert.throws(
      () => parseCsvRecords('a,b\n1,"open\n2,3\n', "f.csv"),
      (e: unknown) =>
        e instanceof DataError && e.where === "f.csv:2" && /unterminated quoted field/.test(e.message),
    );
  });
  test("a last line without a newline and empty trailing fields are kept", () => {
    assert.deepEqual(
      parseCsvRecords("a,b\n1,", "f").map((r) => r.fields),
      [
        ["a", "b"],
        ["1", ""],
      ],
    );
  });
});

describe("CSV examples", () => {
  test("numeric features in column order, the label column by name, anywhere", () => {
    const { featureNames, classNames, split } = examplesFromCsv(
      "f1,y,f2\n1.5,cat,-2\n3,dog,4e1\n0,cat,0\n",
      "y",
      "t.csv",
    );
    assert.deepEqual(featureNames, ["f1", "f2"]);
    assert.deepEqual(classNames, ["cat", "dog"]);
    assert.deepEqual(Array.from(split.features), [1.5, -2, 3, 40, 0, 0]);
    assert.deepEqual(Array.from(split.labels), [0, 1, 0]);
    assert.equal(split.count, 3);
  });
  test("string labels map to indices in sorted order; numeric labels sort as numbers", () => {
    assert.deepEqual(examplesFromCsv("x,y\n1,pear\n2,apple\n3,fig\n", "y", "t").classNames, [
      "apple",
      "fig",
      "pear",
    ]);
    const numeric = examplesFromCsv("x,y\n1,10\n2,2\n3,1\n", "y", "t");
    assert.deepEqual(numeric.classNames, ["1", "2", "10"]);
    assert.deepEqual(Array.from(numeric.split.labels), [2, 1, 0]);
  });
  test("errors name the file, line and column", () => {
    rejects("", "t.csv", /empty CSV file/);
    rejects("x,z\n1,2\n", "t.csv:1", /no label column "y"; the columns are "x", "z"/);
    rejects("x,x,y\n1,2,a\n", "t.csv:1", /duplicate column name "x"/);
    rejects("x,,y\n1,2,a\n", "t.csv:1", /column 2 of the header has no name/);
    rejects("y\na\n", "t.csv:1", /no feature columns/);
    rejects("x,y\n", "t.csv", /no data rows/);
    rejects("x,y\n1,a\n2\n", "t.csv:3", /1 fields, the header has 2/);
    rejects("x,y\n1,a\n\n2,b\nfoo,c\n", "t.csv:5:1", /column "x" must be a finite number, found "foo"/);
    rejects("x,w,y\n1,,a\n", "t.csv:2:2", /column "w" must be a finite number, found ""/);
    rejects("x,y\n1,Infinity\n2,a\n3, \n", "t.csv:4:2", /empty label in column "y"/);
  });
});

describe("dataset csv(path, label) from disk", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "supernet-csv-"));
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i * 2},${["b", "a", "c"][i % 3]}`);
    await writeFile(join(dir, "table.csv"), `\uFEFFp,q,kind\n${rows.join("\n")}\n`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("holds out a class-balanced validation split and standardises features on training only", async () => {
    const dataset = await loadDatasetFromDisk(
      { kind: "csv", path: "table.csv", label: "kind" },
      { baseDir: dir },
    );
    assert.deepEqual(dataset.shape, [2]);
    assert.deepEqual(dataset.classNames, ["a", "b", "c"]);
    assert.equal(dataset.validation.count, 6);
    assert.equal(dataset.train.count, 24);
    assert.deepEqual(Array.from(dataset.validation.labels).sort(), [0, 0, 1, 1, 2, 2]);
    const p = Array.from({ length: 24 }, (_, r) => dataset.train.features[r * 2]);
    const mean = p.reduce((a, b) => a + b) / p.length;
    assert.ok(Math.abs(dataset.normalization.mean[0] - mean) < 1e-9);
    assert.ok(Math.abs(dataset.normalization.mean[1] - 2 * mean) < 1e-9);
    assert.equal(dataset.normalization.scale, 1);
  });
});
