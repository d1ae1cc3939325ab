import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nodeDataStore, writeAtomically } from "../../server/engine/data/node-store";

// The real adapter against a server on the loopback interface: the download path without the internet.
describe("the node data store", () => {
  let dir = "";
  let server: Server;
  let base = "";
  const payload = Buffer.from("official bytes");
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "supernet-store-"));
    server = createServer((req, res) => {
      if (req.url === "/good.gz") res.end(payload);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  test("firstExisting skips missing paths and folders", async () => {
    await writeFile(join(dir, "b"), "x");
    assert.equal(await nodeDataStore.firstExisting([join(dir, "a"), dir, join(dir, "b")]), join(dir, "b"));
    assert.equal(await nodeDataStore.firstExisting([join(dir, "a")]), undefined);
  });

  test("download tries mirrors in order and writes only accepted bytes, atomically", async () => {
    const dest = join(dir, "cache", "nested", "file.gz");
    const seen: string[] = [];
    await nodeDataStore.download([`${base}/missing.gz`, `${base}/good.gz`], dest, (bytes) => {
      seen.push(Buffer.from(bytes).toString());
    });
    assert.deepEqual(seen, ["official bytes"]);
    assert.deepEqual(await readFile(dest), payload);
    assert.deepEqual(await readdir(join(dir, "cache", "nested")), ["file.gz"]);
  });

  test("rejected or failed downloads leave nothing behind and say why per mirror", async () => {
    const dest = join(dir, "rejected", "file.gz");
    await assert.rejects(
      nodeDataStore.download([`${base}/missing.gz`, `${base}/good.gz`], dest, () => {
        throw new Error("content differs");
      }),
      (e: unknown) => {
        assert.ok(e instanceof Error);
        assert.match(e.message, /missing\.gz: HTTP 404; .*good\.gz: content differs/);
        return true;
      },
    );
    assert.equal(await nodeDataStore.firstExisting([dest]), undefined);
  });

  test("writeAtomically replaces an existing file whole", async () => {
    const dest = join(dir, "atomic");
    await writeAtomically(dest, new Uint8Array([1, 2, 3]));
    await writeAtomically(dest, new Uint8Array([4]));
    assert.deepEqual([...(await readFile(dest))], [4]);
    assert.ok(!(await readdir(dir)).some((f) => f.endsWith(".part")));
  });
});
