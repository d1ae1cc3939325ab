import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { selectBackend, startBackend } from "../../server/engine/backend/select";
import { maxAbsDiff, randomInput } from "./kernels-helpers";

/** tfjs-node is an optional dependency that does not install on the machines these tests run on. */
const tfjsNodeInstalled = (() => {
  try {
    require.resolve("@tensorflow/tfjs-node");
    return true;
  } catch {
    return false;
  }
})();

function convOnCurrentBackend(): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor(randomInput([4, 12, 12, 8], 1).values, [4, 12, 12, 8]) as tf.Tensor4D;
    const w = tf.tensor(randomInput([3, 3, 8, 16], 2).values, [3, 3, 8, 16]) as tf.Tensor4D;
    return tf.conv2d(x, w, 1, "same").dataSync() as Float32Array;
  });
}

describe("backend selection", () => {
  test(
    "auto takes the fastest backend that loads and records why the others were not used",
    { skip: tfjsNodeInstalled },
    async () => {
      const selection = await selectBackend({ env: {}, threads: 1 });
      assert.equal(selection.kind, "wasm");
      assert.equal(tf.getBackend(), "wasm");
      assert.deepEqual(
        selection.attempts.map((a) => [a.kind, a.loaded]),
        [
          ["node", false],
          ["wasm", true],
        ],
      );
      assert.match(selection.attempts[0].note ?? "", /not installed/);
      assert.equal(selection.preferenceSource, "default");
    },
  );

  test("SUPERNET_BACKEND overrides the setting and skips faster backends", async () => {
    const selection = await selectBackend({ preference: "wasm", env: { SUPERNET_BACKEND: "cpu" } });
    assert.equal(selection.kind, "cpu");
    assert.equal(tf.getBackend(), "cpu");
    assert.equal(selection.preferenceSource, "SUPERNET_BACKEND");
    assert.deepEqual(
      selection.attempts.map((a) => [a.kind, a.loaded, a.note?.startsWith("skipped") ?? false]),
      [
        ["node", false, true],
        ["wasm", false, true],
        ["cpu", true, false],
      ],
    );
  });

  test(
    "a preference falls back to slower backends when it does not load",
    { skip: tfjsNodeInstalled },
    async () => {
      const selection = await selectBackend({ preference: "node", env: {}, threads: 1 });
      assert.equal(selection.kind, "wasm");
      assert.equal(selection.preferenceSource, "setting");
    },
  );

  test("an unknown SUPERNET_BACKEND is an error naming the choices", async () => {
    await assert.rejects(selectBackend({ env: { SUPERNET_BACKEND: "gpu" } }), /auto, node, wasm, cpu.*'gpu'/);
  });

  test("an invalid thread count is an error", async () => {
    await assert.rejects(
      selectBackend({ preference: "wasm", env: { SUPERNET_THREADS: "0" } }),
      /positive integer/,
    );
  });

  test("the threaded wasm build starts in Node with the requested threads and computes what one thread does", async () => {
    await startBackend("cpu", { threads: 1 });
    const expected = convOnCurrentBackend();
    const single = await startBackend("wasm", { threads: 1 });
    assert.equal(single.loaded, true);
    const oneThread = convOnCurrentBackend();
    const selection = await selectBackend({ preference: "wasm", env: { SUPERNET_THREADS: "2" } });
    assert.equal(selection.kind, "wasm");
    assert.equal(selection.threads, 2);
    assert.match(selection.attempts.at(-1)?.note ?? "", /threaded build, 2 threads/);
    const twoThreads = convOnCurrentBackend();
    assert.ok(maxAbsDiff(oneThread, expected) <= 1e-4);
    assert.ok(maxAbsDiff(twoThreads, expected) <= 1e-4);
  });
});
