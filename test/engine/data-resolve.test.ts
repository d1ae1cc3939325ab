import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { IdxFileSet, NamedDataset } from "../../server/engine/data/catalog";
import { FASHION_MNIST, FILE_ROLES } from "../../server/engine/data/catalog";
import { DataError } from "../../server/engine/data/errors";
import { encodeIdx } from "../../server/engine/data/idx";
import { loadDataset } from "../../server/engine/data/load";
import type { LoadOptions } from "../../server/engine/data/load";
import { cacheDir, planLocations } from "../../server/engine/data/plan";
import { resolveDataset } from "../../server/engine/data/resolve";
import type { DataStore } from "../../server/engine/data/resolve";
import { sha256Hex } from "../../server/engine/data/verify";

// A tiny stand-in for Fashion-MNIST: same names and folders, 4×4 images, 20 train / 10 validation.
function imageFile(count: number, fill: number): Uint8Array {
  return encodeIdx({ dtype: "uint8", dims: [count, 4, 4], data: new Uint8Array(count * 16).fill(fill) });
}
function labelFile(count: number): Uint8Array {
  return encodeIdx({
    dtype: "uint8",
    dims: [count],
    data: Uint8Array.from({ length: count }, (_, i) => i % 10),
  });
}
const content = {
  trainImages: imageFile(20, 7),
  trainLabels: labelFile(20),
  validationImages: imageFile(10, 9),
  validationLabels: labelFile(10),
};
const spec = (withHash: boolean): IdxFileSet => ({
  trainImages: {
    stem: "train-images-idx3-ubyte",
    dims: [20, 4, 4],
    sha256: withHash ? sha256Hex(content.trainImages) : undefined,
  },
  trainLabels: { stem: "train-labels-idx1-ubyte", dims: [20] },
  validationImages: { stem: "t10k-images-idx3-ubyte", dims: [10, 4, 4] },
  validationLabels: { stem: "t10k-labels-idx1-ubyte", dims: [10] },
});
const TINY: NamedDataset = {
  ...FASHION_MNIST,
  shape: [4, 4, 1],
  files: spec(true),
  embedded: { dir: "examples/tiny", files: spec(false) },
};

const HOME = "/home/u";
const ROOT = "/opt/supernet";
const options = (overrides: Partial<LoadOptions> = {}): LoadOptions => ({
  baseDir: "/work",
  choice: "auto",
  env: {},
  homeDir: HOME,
  packageRoot: ROOT,
  download: false,
  validationFraction: 0.2,
  holdOutSeed: 0,
  ...overrides,
});

/** An in-memory file system and network; records what was downloaded. */
class FakeStore implements DataStore {
  readonly files = new Map<string, Uint8Array>();
  readonly downloads: string[] = [];
  constructor(private readonly web = new Map<string, Uint8Array>()) {}
  put(
    dir: string,
    gz: boolean,
    overrides: Partial<Record<(typeof FILE_ROLES)[number], Uint8Array>> = {},
  ): this {
    for (const role of FILE_ROLES) {
      const bytes = overrides[role] ?? content[role];
      this.files.set(join(dir, TINY.files[role].stem + (gz ? ".gz" : "")), gz ? gzipSync(bytes) : bytes);
    }
    return this;
  }
  async firstExisting(paths: readonly string[]): Promise<string | undefined> {
    return paths.find((p) => this.files.has(p));
  }
  async read(path: string): Promise<Uint8Array> {
    const bytes = this.files.get(path);
    if (!bytes) throw new Error(`ENOENT ${path}`);
    return bytes;
  }
  async download(urls: readonly string[], dest: string, accept: (bytes: Uint8Array) => void): Promise<void> {
    const url = urls.find((u) => this.web.has(u));
    if (!url) throw new Error("getaddrinfo ENOTFOUND");
    const bytes = this.web.get(url) as Uint8Array;
    accept(bytes);
    this.downloads.push(url);
    this.files.set(dest, bytes);
  }
}

/** Resolves the tiny stand-in (loadDataset only knows the catalog's names). */
function load(store: DataStore, overrides: Partial<LoadOptions> = {}) {
  const opts = options(overrides);
  return resolveDataset("tiny", planLocations({ ...opts, dataset: TINY }), store, opts.onProgress);
}

describe("the plan of places to look", () => {
  test("settings, SUPERNET_DATA, Debian, the cache, a download, then the embedded subset", () => {
    const plan = planLocations({
      ...options({ settingsPath: "/s", env: { SUPERNET_DATA: "/e" }, download: true }),
      dataset: FASHION_MNIST,
    });
    assert.deepEqual(
      plan.locations.map((l) => [l.kind, l.dir]),
      [
        ["settings", "/s/fashion-mnist"],
        ["settings", "/s"],
        ["environment", "/e/fashion-mnist"],
        ["environment", "/e"],
        ["debian", "/usr/share/datasets/fashion-mnist"],
        ["cache", "/home/u/.cache/supernet/datasets/fashion-mnist"],
        ["download", "/home/u/.cache/supernet/datasets/fashion-mnist"],
        ["embedded", "/opt/supernet/examples/data/fashion-mnist-subset"],
      ],
    );
    assert.deepEqual(plan.skipped, []);
  });
  test("XDG_CACHE_HOME moves the cache", () => {
    assert.equal(
      cacheDir({ env: { XDG_CACHE_HOME: "/c" }, homeDir: HOME, dataset: FASHION_MNIST }),
      "/c/supernet/datasets/fashion-mnist",
    );
  });
  test("'embedded' looks only at the subset; 'full' never falls back to it", () => {
    const embedded = planLocations({
      ...options({ choice: "embedded", settingsPath: "/s" }),
      dataset: FASHION_MNIST,
    });
    assert.deepEqual(
      embedded.locations.map((l) => l.kind),
      ["embedded"],
    );
    const full = planLocations({ ...options({ choice: "full" }), dataset: FASHION_MNIST });
    assert.ok(!full.locations.some((l) => l.kind === "embedded"));
    assert.deepEqual(full.skipped, [
      "setting supernet.dataPath: not set",
      "SUPERNET_DATA: not set",
      "download into /home/u/.cache/supernet/datasets/fashion-mnist: switched off",
      "embedded subset: not wanted (the full dataset was asked for)",
    ]);
  });
});

describe("resolving a named dataset", () => {
  test("the first place with all four files wins, gzip'd or raw", async () => {
    const store = new FakeStore()
      .put("/s", false)
      .put("/e/fashion-mnist", true)
      .put("/usr/share/datasets/fashion-mnist", true);
    assert.equal(
      (await load(store, { settingsPath: "/s", env: { SUPERNET_DATA: "/e" } })).location.label,
      "setting supernet.dataPath (/s)",
    );
    assert.equal((await load(store, { env: { SUPERNET_DATA: "/e" } })).location.kind, "environment");
    const debian = await load(store);
    assert.equal(debian.location.kind, "debian");
    assert.equal(debian.paths.trainImages, "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
    assert.deepEqual(debian.arrays.trainImages.dims, [20, 4, 4]);
  });

  test("an incomplete place is passed over and named in the error with every other place", async () => {
    const store = new FakeStore();
    store.files.set(
      "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz",
      gzipSync(content.trainImages),
    );
    await assert.rejects(load(store, { choice: "full", env: { SUPERNET_DATA: "/e" } }), (e: unknown) => {
      assert.ok(e instanceof DataError);
      assert.equal(e.where, "dataset tiny");
      const lines = e.message.split("\n").slice(1);
      assert.deepEqual(lines, [
        "  - SUPERNET_DATA (/e/fashion-mnist): not found",
        "  - SUPERNET_DATA (/e): not found",
        "  - Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist): incomplete, missing train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]",
        "  - user cache (/home/u/.cache/supernet/datasets/fashion-mnist): not found",
        "  - setting supernet.dataPath: not set",
        "  - download into /home/u/.cache/supernet/datasets/fashion-mnist: switched off",
        "  - embedded subset: not wanted (the full dataset was asked for)",
      ]);
      return true;
    });
  });

  test("'auto' falls back to the embedded subset; 'embedded' ignores the full dataset", async () => {
    const store = new FakeStore()
      .put(join(ROOT, "examples/tiny"), true)
      .put("/usr/share/datasets/fashion-mnist", true);
    assert.equal((await load(store, { choice: "embedded" })).location.kind, "embedded");
    store.files.delete("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz");
    assert.equal((await load(store)).location.kind, "embedded");
  });

  test("files with the wrong content are an error, not skipped", async () => {
    const wrong = new FakeStore().put("/usr/share/datasets/fashion-mnist", true, {
      trainImages: imageFile(20, 8),
    });
    await assert.rejects(
      load(wrong),
      /train-images-idx3-ubyte\.gz: content differs from the official file: SHA-256/,
    );
    const short = new FakeStore().put("/usr/share/datasets/fashion-mnist", false, {
      validationLabels: labelFile(9),
    });
    await assert.rejects(load(short), /t10k-labels-idx1-ubyte: expected dimensions 10, the file has 9/);
  });

  test("a download fills the cache with verified files, which later runs find without the network", async () => {
    const web = new Map<string, Uint8Array>();
    for (const role of FILE_ROLES)
      web.set(`${FASHION_MNIST.mirrors[1]}${TINY.files[role].stem}.gz`, gzipSync(content[role]));
    const store = new FakeStore(web);
    const progress: string[] = [];
    const first = await load(store, { download: true, onProgress: (m) => progress.push(m) });
    assert.equal(first.location.kind, "download");
    assert.equal(store.downloads.length, 4);
    assert.equal(progress.length, 4);
    const cache = "/home/u/.cache/supernet/datasets/fashion-mnist";
    assert.equal(first.paths.trainLabels, join(cache, "train-labels-idx1-ubyte.gz"));
    web.clear();
    assert.equal((await load(store, { download: true })).location.kind, "cache");
  });

  test("a download that fails or does not verify is reported, and nothing is written", async () => {
    const web = new Map<string, Uint8Array>();
    web.set(`${FASHION_MNIST.mirrors[0]}train-images-idx3-ubyte.gz`, gzipSync(imageFile(20, 3)));
    const store = new FakeStore(web);
    await assert.rejects(load(store, { download: true, choice: "full" }), (e: unknown) => {
      assert.ok(e instanceof DataError);
      assert.match(
        e.message,
        /download into the user cache \(.*\): failed: .*train-images-idx3-ubyte\.gz: content differs/,
      );
      return true;
    });
    assert.equal(store.files.size, 0);
    await assert.rejects(
      load(new FakeStore(), { download: true, choice: "full" }),
      /failed: getaddrinfo ENOTFOUND/,
    );
  });
});

describe("loadDataset with a named dataset", () => {
  test("an unknown name lists the known ones", async () => {
    await assert.rejects(
      loadDataset({ kind: "named", name: "cifar" }, options(), new FakeStore()),
      /unknown dataset name; known names: fashion_mnist, mnist/,
    );
  });
  test("a label beyond the dataset's classes names the file and index", async () => {
    const store = new FakeStore();
    const dir = join(ROOT, "examples/data/fashion-mnist-subset");
    for (const [role, count] of [
      ["train", 6000],
      ["t10k", 1000],
    ] as const) {
      const labels = Uint8Array.from({ length: count }, (_, i) => (i === 5 ? 10 : i % 10));
      store.files.set(
        join(dir, `${role}-images-idx3-ubyte`),
        encodeIdx({ dtype: "uint8", dims: [count, 28, 28], data: new Uint8Array(count * 784) }),
      );
      store.files.set(
        join(dir, `${role}-labels-idx1-ubyte`),
        encodeIdx({ dtype: "uint8", dims: [count], data: labels }),
      );
    }
    await assert.rejects(
      loadDataset({ kind: "named", name: "fashion_mnist" }, options({ choice: "embedded" }), store),
      (e: unknown) =>
        e instanceof DataError &&
        e.where === join(dir, "train-labels-idx1-ubyte") &&
        /label 10 at index 5 is not below the 10 classes/.test(e.message),
    );
  });
  test("mnist has no embedded subset and says so", async () => {
    await assert.rejects(
      loadDataset({ kind: "named", name: "mnist" }, options({ choice: "embedded" }), new FakeStore()),
      /embedded subset: none ships for mnist/,
    );
  });
});
