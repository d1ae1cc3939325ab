/** Small spaces that use every op of language/ops.ts, for the export and latency tests. */
import * as tf from "@tensorflow/tfjs-core";
import type { Batch } from "../../server/engine/data/batches";
import { Rng } from "../../server/engine/data/rng";
import { Supernet } from "../../server/engine/supernet/supernet";
import { shapeDims } from "../../server/engine/supernet/supernet";
import { checkDocument } from "../../server/language/checker";
import type { SpaceModel } from "../../server/language/model";

export const SPACES = {
  mobile: `space Mobile {
  input image(20, 20, 3)
  resolution in {16, 20}
  stem: conv(out in {8, 16}, kernel: 3, stride: 2) bn relu
  residual { dwconv(kernel in {3, 5}) bn relu }
  stage s1 depth in {1, 2} {
    mbconv(out in {8, 16}, kernel in {3, 5}, expand in {3, 6})
  }
  stage s2 depth in {1, 2} {
    mbconv(out in {16, 24}, kernel in {3, 5}, expand in {2, 4}, stride: 2, se: true)
  }
  head: gap dense(10)
}`,
  assorted: `space Assorted {
  input image(12, 12, 4)
  resolution in {10, 12}
  stem: conv(out: 8, kernel in {1, 3}, groups: 2) relu6
  down: maxpool(kernel: 2)
  stage a depth in {1, 2} {
    mbconv(out: 8, kernel in {3, 5}, expand in {1, 2}, act: hswish, se: true)
  }
  mix: dwconv(kernel in {3, 5}, stride: 2) layernorm hswish
  smooth: avgpool(kernel: 3, stride: 1) gelu dropout(rate: 0.2)
  head: flatten dense(units in {12, 16}) bn relu dense(5)
}`,
  sequence: `space Sequence {
  input tokens(6, vocab: 11)
  embed: embedding(dim in {8, 12})
  stage t depth in {1, 2} {
    transformer(dim in {4, 8}, heads in {1, 2}, mlp in {8, 16})
  }
  tail: layernorm dense(units: 6) gelu gap dense(3)
}`,
  vision: `space Vision {
  input image(8, 8, 2)
  patches: patchify(size: 2, dim: 8)
  stage t depth 1 {
    transformer(dim: 8, heads in {2, 4}, mlp in {8, 12})
  }
  head: gap bn dense(4)
}`,
} as const;

export function spaceModel(text: string): SpaceModel {
  const analysis = checkDocument(text);
  const errors = analysis.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => `${e.code}: ${e.message}`).join("\n"));
  return [...analysis.spaces.values()][0].model;
}

/** A supernet whose every weight (biases, γ and β included) is its initial value plus noise. */
export function noisySupernet(model: SpaceModel, seed: number): Supernet {
  const initial = Supernet.create(model, seed);
  const rng = Rng.fromSeed(seed + 1);
  const arrays = new Map(
    [...initial.toArrays()].map(([key, { shape, values }]) => [
      key,
      { shape, values: values.map((v) => v + (rng.nextFloat() - 0.5) * 0.4) },
    ]),
  );
  initial.dispose();
  return Supernet.fromArrays(model, arrays);
}

/** `count` random inputs of the space's declared input: normal images, or valid token ids. */
export function randomBatch(model: SpaceModel, count: number, seed: number): Batch {
  const input = model.input!;
  const dims = shapeDims(input);
  const size = dims.reduce((a, b) => a * b, 1);
  const rng = Rng.fromSeed(seed);
  const x = new Float32Array(count * size).map(() =>
    input.kind === "tokens"
      ? rng.nextInt(input.vocab)
      : (rng.nextFloat() + rng.nextFloat() + rng.nextFloat() - 1.5) * 2,
  );
  return { x, y: new Int32Array(count), shape: [count, ...dims] };
}

/** The batch as a tensor: token ids as int32, images resized to `side` as the supernet does. */
export function batchTensor(model: SpaceModel, batch: Batch): tf.Tensor {
  return model.input!.kind === "tokens"
    ? tf.tensor(batch.x, [...batch.shape], "int32")
    : tf.tensor(batch.x, [...batch.shape]);
}
