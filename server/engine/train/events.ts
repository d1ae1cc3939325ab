import type { SubnetKind } from "./sampling";

/** Loss (label-smoothed or distilled, as trained) and accuracy (0–1) of one kind of sampled subnet. */
export interface KindMetrics {
  readonly loss: number;
  readonly accuracy: number;
}

/** Metrics per kind of sampled subnet; `random` averages the random subnets of a step. */
export type StepMetrics = Partial<Record<SubnetKind, KindMetrics>>;

/** What training reports as it goes; the runner streams these. */
export type TrainEvent =
  | {
      readonly kind: "start";
      readonly epochs: number;
      readonly stepsPerEpoch: number;
      /** Epochs already done (from a checkpoint); 0 for a fresh start. */
      readonly resumedAt: number;
      /** The supernet's weight count. */
      readonly weights: number;
    }
  | {
      readonly kind: "step";
      /** 0-based epoch and step within it; `step` counts from the start of training. */
      readonly epoch: number;
      readonly stepInEpoch: number;
      readonly step: number;
      readonly learningRate: number;
      readonly metrics: StepMetrics;
      /** Training images per second in this step (each through every sampled subnet). */
      readonly imagesPerSecond: number;
    }
  | {
      readonly kind: "epoch";
      /** Epochs completed, 1-based. */
      readonly epoch: number;
      readonly epochs: number;
      readonly learningRate: number;
      /** Means over the epoch's steps (of this run: a resumed epoch counts from its start). */
      readonly metrics: StepMetrics;
      readonly imagesPerSecond: number;
      readonly seconds: number;
    };
