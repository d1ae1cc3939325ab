import type { ShuffleCursor } from "../data/batches";
import type { RngState } from "../data/rng";
import type { WeightArrays } from "../supernet/weights";
import type { OptimizerState } from "./optimizer";

/**
 * Everything a killed training needs to go on exactly where it stopped: the weights, the
 * optimizer's slots, where the data stream stands, the sampler's generator, and the step count
 * (which sets the learning rate). Saved at the end of every epoch.
 */
export interface TrainingCheckpoint {
  /** Identifies the space, training configuration, seed and dataset it belongs to. */
  readonly fingerprint: string;
  /** Epochs completed. */
  readonly epoch: number;
  /** Optimizer steps taken. */
  readonly step: number;
  readonly cursor: ShuffleCursor;
  readonly rng: RngState;
  readonly weights: WeightArrays;
  readonly optimizer: OptimizerState;
}

/** Where checkpoints go: the training core does no I/O of its own. */
export interface CheckpointStore {
  /** The latest checkpoint, if any. */
  load(): Promise<TrainingCheckpoint | undefined>;
  /** Replaces the latest checkpoint; a crash while saving must leave the previous one readable. */
  save(checkpoint: TrainingCheckpoint): Promise<void>;
}

/** A store that keeps the latest checkpoint in memory (tests, and runs that need no resume). */
export class MemoryCheckpointStore implements CheckpointStore {
  private latest: TrainingCheckpoint | undefined;

  load(): Promise<TrainingCheckpoint | undefined> {
    return Promise.resolve(this.latest);
  }

  save(checkpoint: TrainingCheckpoint): Promise<void> {
    this.latest = checkpoint;
    return Promise.resolve();
  }
}
