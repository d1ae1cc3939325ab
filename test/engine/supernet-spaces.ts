/** Spaces that exercise every op of the language, and helpers to build them, for the supernet tests. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkDocument } from "../../server/language/checker";
import type { DocumentAnalysis } from "../../server/language/checker";
import type { SpaceModel } from "../../server/language/model";
import { findPackageRoot } from "../../server/engine/data/package-root";

/** Convolutions of every kind: grouped, elastic kernel and width, mbconv with and without SE and expand 1. */
export const CONV_SPACE = `
space Convs {
  input image(16, 16, 3)
  resolution in {12, 16}
  dataset idx("images.gz", "labels.gz", classes: 5)
  stem: conv(out in {8, 12}, kernel in {3, 5}, stride: 2) bn relu6
  grouped: conv(out: 12, kernel: 3, groups: 4) bn hswish
  dw: dwconv(kernel in {3, 5}) bn gelu
  stage s1 depth in {1, 2} {
    mbconv(out in {12, 16}, kernel in {3, 5}, expand in {1, 3}, se: true, act: hswish)
  }
  stage s2 depth in {1, 2} {
    mbconv(out: 24, kernel in {3, 5}, expand in {2, 4}, stride: 2)
  }
  residual { conv(out: 24, kernel: 3) bn relu }
  maxpool(kernel: 2)
  avgpool(kernel: 2, stride: 1)
  dropout(rate: 0.2)
  flatten
  hidden: dense(units in {16, 32}) relu
  dense(classes)
}`;

/** A small vision transformer: patchify, layernorm, transformers with elastic width, heads and MLP. */
export const VIT_SPACE = `
space Vit {
  input image(16, 16, 1)
  resolution in {12, 16}
  dataset idx("images.gz", "labels.gz", classes: 4)
  patches: patchify(size: 4, dim in {16, 24})
  stage blocks depth in {1, 2} {
    transformer(dim in {16, 32}, heads in {2, 4}, mlp in {24, 48})
  }
  layernorm
  gap
  dense(classes)
}`;

/** Tokens through an embedding, and a plain vector MLP with BatchNorm. */
export const TOKEN_SPACE = `
space Tokens {
  input tokens(10, vocab: 30)
  embed: embedding(dim in {8, 16})
  encoder: transformer(dim: 8, heads in {1, 2}, mlp: 16)
  mix: dense(units in {12, 20}) gelu
  gap
  dense(3)
}`;

export const VECTOR_SPACE = `
space Vectors {
  input vector(20)
  first: dense(units in {16, 32}) bn relu dropout(rate: 0.5)
  second: dense(units in {8, 12}) layernorm relu
  dense(3)
}`;

/** The checked model of the first space in `text`; fails on any error. */
export function spaceModel(text: string): SpaceModel {
  const analysis = checkDocument(text);
  assertNoErrors(analysis);
  const [space] = analysis.spaces.values();
  return space.model;
}

export function assertNoErrors(analysis: DocumentAnalysis): void {
  assert.deepEqual(
    analysis.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`),
    [],
  );
}

export const QUICK_NAS = join(findPackageRoot(), "examples/quick.nas");

/** examples/quick.nas, checked. */
export function quickExample(): DocumentAnalysis {
  const analysis = checkDocument(readFileSync(QUICK_NAS, "utf8"));
  assertNoErrors(analysis);
  return analysis;
}
