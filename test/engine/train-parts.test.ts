import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { canonicalize, largestGenome, smallestGenome } from "../../server/language/encoding";
import type { Optimizer, TrainConfig } from "../../server/language/searchConfig";
import { Rng } from "../../server/engine/data/rng";
import type { SupernetWeight } from "../../server/engine/supernet";
import { learningRate, SubnetSampler } from "../../server/engine/train";
import { WeightOptimizer } from "../../server/engine/train/optimizer";
import { quickExample } from "./supernet-spaces";

before(() => tf.setBackend("cpu"));

const BASE: TrainConfig = {
  epochs: 4,
  batch: 32,
  optimizer: { kind: "sgd", lr: 0.2, momentum: 0.9, nesterov: false },
  schedule: { kind: "cosine", warmup: 1 },
  weightDecay: 0,
  labelSmoothing: 0,
  sampling: { kind: "sandwich", random: 2 },
  distill: false,
};

/** PyTorch's update rules on one scalar weight, written out independently of the optimizer. */
function referenceUpdates(config: Optimizer, decay: number, gradients: number[], start: number): number[] {
  let p = start,
    buffer = 0,
    m = 0,
    v = 0;
  return gradients.map((raw, i) => {
    const g = raw + decay * p;
    if (config.kind === "sgd") {
      buffer = i === 0 ? g : config.momentum * buffer + g;
      p -= config.lr * (config.nesterov ? g + config.momentum * buffer : buffer);
    } else {
      m = config.beta1 * m + (1 - config.beta1) * g;
      v = config.beta2 * v + (1 - config.beta2) * g * g;
      const mHat = m / (1 - config.beta1 ** (i + 1));
      const vHat = v / (1 - config.beta2 ** (i + 1));
      p -= (config.lr * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
    return p;
  });
}

function weight(key: string, decay: boolean, value: number): SupernetWeight {
  return {
    key,
    spec: { name: key, shape: [1], init: { kind: "zeros" }, decay },
    variable: tf.variable(tf.tensor1d([value])),
  };
}

describe("the optimizer", () => {
  const configs: Optimizer[] = [
    { kind: "sgd", lr: 0.1, momentum: 0.9, nesterov: false },
    { kind: "sgd", lr: 0.1, momentum: 0.9, nesterov: true },
    { kind: "sgd", lr: 0.1, momentum: 0, nesterov: false },
    { kind: "adam", lr: 0.01, beta1: 0.9, beta2: 0.999 },
  ];
  for (const config of configs) {
    test(`${JSON.stringify(config)} follows PyTorch's rule, with decay only where the weight asks`, () => {
      const gradients = [0.5, -0.25, 0.75, 0.1, -0.6];
      const decayed = weight("w", true, 1);
      const plain = weight("b", false, 1);
      const optimizer = new WeightOptimizer(config, 0.05);
      const seen: number[][] = [];
      for (const g of gradients) {
        const grads = new Map([
          ["w", tf.tensor1d([g])],
          ["b", tf.tensor1d([g])],
        ]);
        optimizer.apply([decayed, plain], grads, config.lr);
        tf.dispose([...grads.values()]);
        seen.push([decayed.variable.dataSync()[0], plain.variable.dataSync()[0]]);
      }
      const expectDecayed = referenceUpdates(config, 0.05, gradients, 1);
      const expectPlain = referenceUpdates(config, 0, gradients, 1);
      seen.forEach(([d, p], i) => {
        assert.ok(Math.abs(d - expectDecayed[i]) < 1e-6, `decayed step ${i}: ${d} vs ${expectDecayed[i]}`);
        assert.ok(Math.abs(p - expectPlain[i]) < 1e-6, `plain step ${i}: ${p} vs ${expectPlain[i]}`);
      });
      optimizer.dispose();
      tf.dispose([decayed.variable, plain.variable]);
    });
  }

  test("state round-trips, and a weight without a gradient is left alone", () => {
    const config: Optimizer = { kind: "adam", lr: 0.01, beta1: 0.9, beta2: 0.999 };
    const [a, b] = [weight("a", true, 1), weight("b", true, 2)];
    const first = new WeightOptimizer(config, 0);
    const step = (opt: WeightOptimizer, ws: SupernetWeight[], g: number) => {
      const grads = new Map([["a", tf.tensor1d([g])]]);
      opt.apply(ws, grads, config.lr);
      tf.dispose([...grads.values()]);
    };
    step(first, [a, b], 0.3);
    const second = new WeightOptimizer(config, 0);
    second.restore(first.state());
    const [a2] = [weight("a", true, a.variable.dataSync()[0])];
    step(first, [a, b], -0.2);
    step(second, [a2], -0.2);
    assert.equal(a2.variable.dataSync()[0], a.variable.dataSync()[0]);
    assert.equal(b.variable.dataSync()[0], 2);
    assert.deepEqual(Object.keys(first.state().updates), ["a"]);
    assert.throws(() => new WeightOptimizer(BASE.optimizer, 0).restore(first.state()), /optimizer is adam/);
    for (const o of [first, second]) o.dispose();
    tf.dispose([a.variable, b.variable, a2.variable]);
  });
});

describe("the learning-rate schedule", () => {
  test("warms up linearly, then decays along a cosine to zero", () => {
    const steps = 10;
    const rates = Array.from({ length: BASE.epochs * steps }, (_, s) => learningRate(BASE, s, steps));
    assert.ok(Math.abs(rates[0] - 0.02) < 1e-12);
    assert.ok(Math.abs(rates[9] - 0.2) < 1e-12);
    assert.ok(Math.abs(rates[10] - 0.2) < 1e-12);
    assert.ok(Math.abs(rates[25] - 0.1) < 1e-12, "half-way through the decay: half the rate");
    for (let s = 1; s < 10; s++) assert.ok(rates[s] > rates[s - 1]);
    for (let s = 11; s < rates.length; s++) assert.ok(rates[s] < rates[s - 1]);
    assert.ok(rates[rates.length - 1] < 0.002);
  });

  test("constant stays at the configured rate", () => {
    const constant: TrainConfig = { ...BASE, schedule: { kind: "constant" } };
    assert.deepEqual(
      [0, 7, 39].map((s) => learningRate(constant, s, 10)),
      [0.2, 0.2, 0.2],
    );
  });
});

describe("subnet sampling", () => {
  const [space] = quickExample().spaces.values();
  const model = space.model;

  test("sandwich: the largest, the smallest, then N random valid subnets; reproducible", () => {
    const sampler = new SubnetSampler(model, { kind: "sandwich", random: 2 });
    const draw = (seed: number) => {
      const rng = Rng.fromSeed(seed);
      return Array.from({ length: 5 }, () => sampler.next(rng));
    };
    const steps = draw(4);
    for (const subnets of steps) {
      assert.deepEqual(
        subnets.map((s) => s.kind),
        ["largest", "smallest", "random", "random"],
      );
      assert.deepEqual(subnets[0].genome, largestGenome(model));
      assert.deepEqual(subnets[1].genome, smallestGenome(model));
      for (const s of subnets) assert.deepEqual(s.genome, canonicalize(model, s.genome));
    }
    assert.deepEqual(
      draw(4).map((s) => s.map((x) => x.genome)),
      steps.map((s) => s.map((x) => x.genome)),
    );
    const randoms = new Set(steps.flatMap((s) => s.slice(2).map((x) => x.genome.join())));
    assert.ok(randoms.size > 5, "random subnets differ");
  });

  test("uniform: one random subnet per step", () => {
    const rng = Rng.fromSeed(1);
    const subnets = new SubnetSampler(model, { kind: "uniform" }).next(rng);
    assert.deepEqual(
      subnets.map((s) => s.kind),
      ["random"],
    );
  });
});
