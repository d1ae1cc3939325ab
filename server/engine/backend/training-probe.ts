// tfjs-core's Node bundle registers no gradient functions; tfjs-layers' Node bundle registers all
// of core's into the shared registry when it loads. Imported for that side effect only.
import "@tensorflow/tfjs-layers";
import * as tf from "@tensorflow/tfjs-core";
import { batchNormTraining } from "../supernet/normalization";

/** A plain conv net: 3×3 conv + BatchNorm + ReLU blocks, global average pool, dense classifier. */
export interface ConvNetSpec {
  input: [number, number, number];
  blocks: { filters: number; stride: number }[];
  classes: number;
}

/** The benchmark net (a): 28×28×1, conv 16, then 32 s2, 64, 64 s2, 128; dense 10. */
export const PLAIN_CONV_NET: ConvNetSpec = {
  input: [28, 28, 1],
  blocks: [
    { filters: 16, stride: 1 },
    { filters: 32, stride: 2 },
    { filters: 64, stride: 1 },
    { filters: 64, stride: 2 },
    { filters: 128, stride: 1 },
  ],
  classes: 10,
};

/** A smaller net for `supernet doctor`, so that even the CPU backend times a step in seconds. */
export const DOCTOR_PROBE_NET: ConvNetSpec = {
  input: [28, 28, 1],
  blocks: [
    { filters: 16, stride: 1 },
    { filters: 32, stride: 2 },
    { filters: 64, stride: 2 },
  ],
  classes: 10,
};

/** "28×28×1 → conv 16, 32/2, 64/2 → dense 10" (/2: stride 2). */
export function describeConvNet(spec: ConvNetSpec): string {
  const blocks = spec.blocks.map((b) => (b.stride === 1 ? `${b.filters}` : `${b.filters}/${b.stride}`));
  return `${spec.input.join("×")} → conv ${blocks.join(", ")} → dense ${spec.classes}`;
}

interface Block {
  filter: tf.Variable;
  gamma: tf.Variable;
  beta: tf.Variable;
  stride: number;
}

export interface ConvNet {
  variables: tf.Variable[];
  logits(images: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

/** He-initialised weights from a fixed seed, so every backend trains the same net. */
export function buildConvNet(spec: ConvNetSpec, seed = 1): ConvNet {
  let channels = spec.input[2];
  const blocks: Block[] = spec.blocks.map(({ filters, stride }, i) => {
    const std = Math.sqrt(2 / (9 * channels));
    const block = {
      filter: tf.variable(tf.randomNormal([3, 3, channels, filters], 0, std, "float32", seed + i)),
      gamma: tf.variable(tf.ones([filters])),
      beta: tf.variable(tf.zeros([filters])),
      stride,
    };
    channels = filters;
    return block;
  });
  const dense = tf.variable(
    tf.randomNormal([channels, spec.classes], 0, Math.sqrt(1 / channels), "float32", seed),
  );
  const bias = tf.variable(tf.zeros([spec.classes]));
  const variables = [...blocks.flatMap((b) => [b.filter, b.gamma, b.beta]), dense, bias];
  return {
    variables,
    logits: (images) => {
      let x = images;
      for (const b of blocks) {
        const conv = tf.conv2d(x, b.filter as tf.Tensor4D, b.stride, "same");
        // The supernet's BatchNorm, so that the probe times what training runs.
        x = tf.relu(batchNormTraining(conv, b.gamma, b.beta)) as tf.Tensor4D;
      }
      return tf.add(tf.matMul(tf.mean(x, [1, 2]) as tf.Tensor2D, dense), bias);
    },
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

export interface StepTiming {
  /** Steps timed after the warm-up. */
  steps: number;
  batch: number;
  /** Median of the timed steps, in milliseconds. */
  medianStepMs: number;
  stepsPerSecond: number;
  imagesPerSecond: number;
  /** False when the time ran out during the warm-up, so the last warm-up step was timed instead. */
  warmedUp: boolean;
}

export interface ProbeOptions {
  batch: number;
  /** Untimed steps first: kernel setup, XNNPACK operator creation, V8 tier-up. */
  warmupSteps: number;
  /** Stop after this many timed steps, or when this much time (warm-up included) has passed. */
  maxSteps: number;
  maxSeconds: number;
}

export interface TrainingSession {
  /** One SGD step on the fixed batch; returns its wall time in milliseconds. */
  step(): number;
  dispose(): void;
}

/** The net, SGD with momentum and a fixed random batch on the current backend. */
export function startTrainingSession(spec: ConvNetSpec, batch: number): TrainingSession {
  const net = buildConvNet(spec);
  const optimizer = tf.train.momentum(0.01, 0.9);
  const images = tf.randomNormal([batch, ...spec.input], 0, 1, "float32", 7) as tf.Tensor4D;
  const labels = tf.oneHot(
    tf.randomUniform([batch], 0, spec.classes, "int32", 8) as tf.Tensor1D,
    spec.classes,
  );
  return {
    step: () => {
      const started = performance.now();
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(labels, net.logits(images)),
        true,
        net.variables,
      );
      // Reading the loss waits for the step on backends that run asynchronously.
      loss?.dataSync();
      loss?.dispose();
      return performance.now() - started;
    },
    dispose: () => {
      net.dispose();
      optimizer.dispose();
      images.dispose();
      labels.dispose();
    },
  };
}

/** Trains the net on random data (SGD with momentum) on the current backend and times the steps. */
export function timeTrainingSteps(spec: ConvNetSpec, options: ProbeOptions): StepTiming {
  const session = startTrainingSession(spec, options.batch);
  try {
    const deadline = performance.now() + options.maxSeconds * 1000;
    const durations: number[] = [];
    while (durations.length < options.warmupSteps + options.maxSteps) {
      durations.push(session.step());
      if (performance.now() > deadline) break;
    }
    const warmedUp = durations.length > options.warmupSteps;
    const medianStepMs = median(warmedUp ? durations.slice(options.warmupSteps) : durations.slice(-1));
    return {
      steps: warmedUp ? durations.length - options.warmupSteps : 1,
      batch: options.batch,
      medianStepMs,
      stepsPerSecond: 1000 / medianStepMs,
      imagesPerSecond: (1000 * options.batch) / medianStepMs,
      warmedUp,
    };
  } finally {
    session.dispose();
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
