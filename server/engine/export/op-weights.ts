import type * as tf from "@tensorflow/tfjs-core";
import type { OpStep } from "../../language/plan";

/** A BatchNorm's statistics for inference. */
export interface NormStatistics {
  readonly mean: tf.Tensor;
  readonly variance: tf.Tensor;
}

/**
 * The weights one op instance of a subnet runs with, at the subnet's sizes, by the names its
 * engine kernel uses (`w`, `expand.w`, `dw.bn.gamma`, `se.b1`, …), and the statistics of its
 * BatchNorms by their names (`bn`, `expand.bn`). The layer builders copy what they take.
 */
export interface OpWeights {
  weight(name: string): tf.Tensor;
  normStatistics(name: string): NormStatistics;
}

/** The weights of a subnet's ops: inherited from a supernet, or fresh (for timing). Holds tensors. */
export interface SubnetWeights {
  forStep(step: OpStep): OpWeights;
  dispose(): void;
}
