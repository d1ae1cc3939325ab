import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import type { Genome } from "../../server/language/encoding";
import { largestGenome, smallestGenome } from "../../server/language/encoding";
import type { SpaceModel } from "../../server/language/model";
import { opSteps } from "../../server/language/plan";
import { Rng } from "../../server/engine/data/rng";
import { shapeDims, Supernet, supernetLayout } from "../../server/engine/supernet";
import type { OpTrace } from "../../server/engine/supernet";
import { OpContext } from "../../server/engine/supernet/context";
import { kernelOf } from "../../server/engine/supernet/ops";
import { SubnetSampler } from "../../server/engine/train";
import {
  CONV_SPACE,
  quickExample,
  spaceModel,
  TOKEN_SPACE,
  VECTOR_SPACE,
  VIT_SPACE,
} from "./supernet-spaces";

before(() => tf.setBackend("cpu"));

const SPACES: Record<string, string> = {
  convolutions: CONV_SPACE,
  "vision transformer": VIT_SPACE,
  tokens: TOKEN_SPACE,
  vectors: VECTOR_SPACE,
};

/** The largest, the smallest and a few random subnets: every elastic choice takes several values. */
function someGenomes(model: SpaceModel): Genome[] {
  const sampler = new SubnetSampler(model, { kind: "uniform" });
  const rng = Rng.fromSeed(11);
  return [
    largestGenome(model),
    smallestGenome(model),
    ...Array.from({ length: 6 }, () => sampler.random(rng).genome),
  ];
}

function randomInput(model: SpaceModel, batch: number): tf.Tensor {
  const input = model.input!;
  if (input.kind === "tokens") return tf.randomUniform([batch, input.length], 0, input.vocab, "int32", 3);
  return tf.randomNormal([batch, ...shapeDims(input)], 0, 1, "float32", 3);
}

function traceOf(
  net: Supernet,
  genome: Genome,
  mode: "train" | "calibrate",
): { trace: OpTrace[]; output: number[] } {
  const trace: OpTrace[] = [];
  const output = tf.tidy(() => {
    const x = randomInput(net.model, 3);
    const sink = { record: () => undefined };
    const forwardMode =
      mode === "train" ? { kind: "train" as const, nextSeed: () => 5 } : { kind: mode, sink };
    return net.forward(net.plan(genome), x, forwardMode, trace).shape;
  });
  return { trace, output };
}

describe("a subnet runs exactly its plan", () => {
  for (const [name, text] of Object.entries(SPACES)) {
    test(`${name}: every op's output shape, weights read and MACs equal the plan's`, () => {
      const model = spaceModel(text);
      const net = Supernet.create(model, 1);
      try {
        for (const genome of someGenomes(model)) {
          const plan = net.plan(genome);
          for (const mode of ["train", "calibrate"] as const) {
            const { trace, output } = traceOf(net, genome, mode);
            const steps = opSteps(plan.steps);
            assert.deepEqual(
              trace.map((t) => ({ id: t.id, output: t.output, params: t.params, macs: t.macs })),
              steps.map((s) => ({ id: s.id, output: shapeDims(s.output), params: s.params, macs: s.macs })),
              `genome ${genome.join(",")}`,
            );
            assert.deepEqual(output, [3, ...shapeDims(plan.output)]);
          }
        }
      } finally {
        net.dispose();
      }
    });
  }

  test("every op kind of the language is covered by these spaces", () => {
    const covered = new Set(
      Object.values(SPACES).flatMap((text) =>
        opSteps(supernetLayout(spaceModel(text)).largest.steps).map((s) => s.spec.name),
      ),
    );
    const expected = [
      "conv",
      "dwconv",
      "mbconv",
      "dense",
      "bn",
      "layernorm",
      "relu",
      "relu6",
      "hswish",
      "gelu",
    ];
    expected.push("dropout", "maxpool", "avgpool", "gap", "flatten", "embedding", "patchify", "transformer");
    assert.deepEqual([...covered].sort(), expected.sort());
  });

  test("the supernet holds exactly the largest subnet's weights, and it reads all of them", () => {
    for (const text of Object.values(SPACES)) {
      const model = spaceModel(text);
      const net = Supernet.create(model, 1);
      const { trace } = traceOf(net, largestGenome(model), "train");
      assert.equal(net.size, net.largest.params);
      assert.equal(
        trace.reduce((n, t) => n + t.params, 0),
        net.size,
      );
      net.dispose();
    }
  });

  test("examples/quick.nas: the engine's params and MACs equal the checker's range ends", () => {
    const [space] = quickExample().spaces.values();
    const net = Supernet.create(space.model, 1);
    try {
      for (const [genome, bound] of [
        [largestGenome(space.model), "max"],
        [smallestGenome(space.model), "min"],
      ] as const) {
        const { trace } = traceOf(net, genome, "train");
        assert.equal(
          trace.reduce((n, t) => n + t.params, 0),
          space.analysis.params![bound],
        );
        assert.equal(
          trace.reduce((n, t) => n + t.macs, 0),
          space.analysis.macs![bound],
        );
      }
    } finally {
      net.dispose();
    }
  });
});

describe("elastic slicing", () => {
  test("a smaller kernel is the centre of the largest, fewer channels are the first ones", () => {
    const model = spaceModel(`
      space One {
        input image(6, 6, 4)
        c: conv(out in {3, 5}, kernel in {3, 5}) gap dense(2)
      }`);
    const net = Supernet.create(model, 2);
    try {
      const byKey = new Map(net.weights.map((w) => [w.key, w]));
      const weight = byKey.get("c/0:w")!.variable;
      assert.deepEqual(weight.shape, [5, 5, 4, 5]);
      const [step] = opSteps(net.plan(smallestGenome(model)).steps);
      assert.deepEqual([step.args.kernel, step.args.out], [3, 3]);
      tf.tidy(() => {
        const x = tf.randomNormal([2, 6, 6, 4], 0, 1, "float32", 9) as tf.Tensor4D;
        const ctx = new OpContext(step.id, (key) => byKey.get(key), { kind: "train", nextSeed: () => 0 });
        const got = kernelOf("conv").forward(ctx, step, x);
        const expected = tf.conv2d(x, tf.slice(weight, [1, 1, 0, 0], [3, 3, 4, 3]) as tf.Tensor4D, 1, "same");
        assert.ok(tf.max(tf.abs(tf.sub(got, expected))).dataSync()[0] < 1e-6);
      });
    } finally {
      net.dispose();
    }
  });

  test("the same seed gives the same initial weights; another seed other weights", () => {
    const model = spaceModel(VECTOR_SPACE);
    const [a, b, c] = [1, 1, 2].map((seed) => Supernet.create(model, seed));
    const values = (net: Supernet) => [...net.toArrays().values()].flatMap((w) => Array.from(w.values));
    assert.deepEqual(values(a), values(b));
    assert.notDeepEqual(values(a), values(c));
    for (const net of [a, b, c]) net.dispose();
  });

  test("fromArrays restores a supernet and refuses weights of another space", () => {
    const model = spaceModel(VECTOR_SPACE);
    const net = Supernet.create(model, 4);
    const copy = Supernet.fromArrays(model, net.toArrays());
    assert.deepEqual(
      [...copy.toArrays()].map(([k, v]) => [k, Array.from(v.values)]),
      [...net.toArrays()].map(([k, v]) => [k, Array.from(v.values)]),
    );
    assert.throws(() => Supernet.fromArrays(spaceModel(VIT_SPACE), net.toArrays()), /different space/);
    net.dispose();
    copy.dispose();
  });
});
