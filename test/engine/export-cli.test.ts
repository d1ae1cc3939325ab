import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { exportCommand } from "../../server/cli/export";
import { UsageError } from "../../server/cli/usage";
import { initialCursor } from "../../server/engine/data/batches";
import { loadDatasetFromDisk } from "../../server/engine/data/node-load";
import { resizeBatch } from "../../server/engine/data/resize";
import { Rng } from "../../server/engine/data/rng";
import { loadModelFolder } from "../../server/engine/export/model-files";
import { calibrateBatchNorm, disposeStatistics } from "../../server/engine/supernet/calibrate";
import { Supernet } from "../../server/engine/supernet/supernet";
import { evaluationData } from "../../server/engine/train/evaluate";
import { FileCheckpointStore } from "../../server/engine/train/fs-store";
import { checkDocument } from "../../server/language/checker";
import { noisySupernet } from "./export-spaces";

const SPACE = `space Tiny {
  input image(28, 28, 1)
  resolution in {20, 24}
  dataset fashion_mnist
  stem: conv(out in {8, 12}, kernel: 3, stride: 2) bn relu
  stage s depth in {1, 2} {
    mbconv(out in {8, 16}, kernel in {3, 5}, expand in {2, 3}, stride: 2, se: true)
  }
  head: gap dense(classes)
}

subnet tiny of Tiny {
  resolution = 20
  stem.out = 8
  s.depth = 2
  s[0] { out = 16, kernel = 3, expand = 2 }
}
`;

let dir: string;
let file: string;
let checkpoints: string;
const saved = process.env.SUPERNET_BACKEND;
const analysis = checkDocument(SPACE);
const model = [...analysis.spaces.values()][0].model;
const genome = analysis.subnets[0].genome!;

function recorder(): {
  io: { out: (l: string) => void; err: (l: string) => void };
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

async function saveCheckpoint(folder: string, supernet: Supernet): Promise<void> {
  const rng = Rng.fromSeed(0);
  await new FileCheckpointStore(folder).save({
    fingerprint: "test",
    epoch: 3,
    step: 30,
    cursor: initialCursor(0),
    rng: rng.state,
    weights: supernet.toArrays(),
    optimizer: { kind: "sgd", updates: {}, slots: new Map() },
  });
}

before(async () => {
  process.env.SUPERNET_BACKEND = "cpu";
  await tf.setBackend("cpu");
  dir = await mkdtemp(join(tmpdir(), "export-cli-"));
  file = join(dir, "tiny.nas");
  checkpoints = join(dir, "checkpoints");
  await writeFile(file, SPACE);
  const supernet = noisySupernet(model, 4);
  await saveCheckpoint(checkpoints, supernet);
  supernet.dispose();
});
after(async () => {
  process.env.SUPERNET_BACKEND = saved;
  await rm(dir, { recursive: true, force: true });
});

describe("supernet export", () => {
  test("writes the subnet's model, recalibrated on the embedded training images, loadable and equal to the supernet", async () => {
    const out = join(dir, "model");
    const r = recorder();
    assert.equal(
      await exportCommand(
        [file, "--subnet", "tiny", "--checkpoint", join(checkpoints, "checkpoint.json"), "--out", out],
        r.io,
      ),
      0,
      r.err.join("\n"),
    );
    assert.match(
      r.out.join("\n"),
      /^wrote .*model\.json and .*weights\.bin: subnet tiny of Tiny, input 20×20×1, \d+ params .* backend cpu$/,
    );
    const json = JSON.parse(await readFile(join(out, "model.json"), "utf8"));
    assert.equal(json.userDefinedMetadata.supernet.subnet, "tiny");
    assert.deepEqual(json.userDefinedMetadata.supernet.genome, [...genome]);
    assert.equal(json.userDefinedMetadata.supernet.epoch, 3);
    assert.ok(json.userDefinedMetadata.supernet.normalization.std.length === 1);

    // The same subnet, weights and calibration images through the supernet.
    const supernet = Supernet.fromArrays(model, (await new FileCheckpointStore(checkpoints).load())!.weights);
    const dataset = await loadDatasetFromDisk(
      { kind: "named", name: "fashion_mnist" },
      { choice: "embedded" },
    );
    const data = evaluationData(dataset);
    const plan = supernet.plan(genome);
    const stats = calibrateBatchNorm(supernet, plan, data.calibration, 250);
    const loaded = await loadModelFolder(out);
    try {
      const difference = tf.tidy(() => {
        const x = resizeBatch(tf.tensor4d(data.validation.x.subarray(0, 16 * 784), [16, 28, 28, 1]), 20);
        const expected = supernet.forward(plan, x, { kind: "infer", stats });
        return tf.max(tf.abs(tf.sub(loaded.predict(x) as tf.Tensor, expected))).dataSync()[0];
      });
      assert.ok(difference <= 1e-4, `max abs difference ${difference}`);
    } finally {
      loaded.dispose();
      disposeStatistics(stats);
      supernet.dispose();
    }
  });

  test("a missing subnet, checkpoint or foreign checkpoint is a clear one-line error", async () => {
    const out = join(dir, "never");
    let r = recorder();
    assert.equal(
      await exportCommand([file, "--subnet", "huge", "--checkpoint", checkpoints, "--out", out], r.io),
      1,
    );
    assert.deepEqual(r.err, [`supernet export: ${file} has no subnet huge (its subnets: tiny)`]);

    r = recorder();
    const empty = join(dir, "empty");
    assert.equal(
      await exportCommand([file, "--subnet", "tiny", "--checkpoint", empty, "--out", out], r.io),
      1,
    );
    assert.match(
      r.err[0],
      /^supernet export: no checkpoint in .*empty \(expected .*empty\/checkpoint\.json, written by training\)$/,
    );

    const other = checkDocument(SPACE.replace("mbconv(out in {8, 16}", "mbconv(out in {8, 20}"));
    const foreign = Supernet.create([...other.spaces.values()][0].model, 1);
    await saveCheckpoint(join(dir, "foreign"), foreign);
    foreign.dispose();
    r = recorder();
    assert.equal(
      await exportCommand(
        [file, "--subnet", "tiny", "--checkpoint", join(dir, "foreign"), "--out", out],
        r.io,
      ),
      1,
    );
    assert.match(r.err[0], /^supernet export: the checkpoint in .*foreign does not fit space Tiny: /);
  });

  test("missing flags are usage errors", async () => {
    await assert.rejects(exportCommand([file, "--subnet", "tiny"]), UsageError);
    await assert.rejects(
      exportCommand(["--subnet", "tiny", "--checkpoint", checkpoints, "--out", dir]),
      UsageError,
    );
    await assert.rejects(
      exportCommand([file, "--subnet", "tiny", "--checkpoint", checkpoints, "--out", dir, "--data", "some"]),
      UsageError,
    );
  });
});
