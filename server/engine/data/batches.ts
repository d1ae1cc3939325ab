import { exampleSize } from "./dataset";
import type { Dataset, Split } from "./dataset";
import { normalizeInto } from "./normalization";
import { Rng } from "./rng";
import type { RngState } from "./rng";

/** A batch ready for a model: x is N×(example shape) normalised float32, y the class indices. */
export interface Batch {
  readonly x: Float32Array;
  readonly y: Int32Array;
  /** [N, ...example shape], e.g. [64, 28, 28, 1]. */
  readonly shape: readonly number[];
}

type BatchSource = Pick<Dataset, "shape" | "normalization">;

/** Normalised copies of the examples at `indices`, in that order. */
export function gatherBatch(source: BatchSource, split: Split, indices: ArrayLike<number>): Batch {
  const size = exampleSize(source.shape);
  const x = new Float32Array(indices.length * size);
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    normalizeInto(split.features, indices[i], 1, size, source.normalization, x, i * size);
    y[i] = split.labels[indices[i]];
  }
  return { x, y, shape: [indices.length, ...source.shape] };
}

/** The split in stored order, the last batch possibly smaller: for validation. */
export function* inOrderBatches(source: BatchSource, split: Split, batchSize: number): Generator<Batch> {
  checkBatchSize(batchSize);
  for (let start = 0; start < split.count; start += batchSize) {
    const end = Math.min(split.count, start + batchSize);
    yield gatherBatch(
      source,
      split,
      Array.from({ length: end - start }, (_, i) => start + i),
    );
  }
}

/** `count` distinct training examples drawn with `seed`: e.g. the images that recalibrate BatchNorm. */
export function sampleBatch(source: BatchSource, split: Split, count: number, seed: number): Batch {
  if (!Number.isInteger(count) || count < 1 || count > split.count) {
    throw new RangeError(`sampleBatch: cannot draw ${count} of ${split.count} examples`);
  }
  const order = Rng.fromSeed(seed).shuffle(identity(split.count));
  return gatherBatch(source, split, order.subarray(0, count));
}

/**
 * Where a training stream stands, as plain JSON for a checkpoint: restoring it replays exactly
 * the batches an uninterrupted run would have seen next, mid-epoch included.
 */
export interface ShuffleCursor {
  /** Epochs completed. */
  readonly epoch: number;
  /** Examples of this epoch already handed out. */
  readonly position: number;
  /** The generator's state at the start of this epoch, before it drew the epoch's order. */
  readonly rngState: RngState;
}

export function initialCursor(seed: number): ShuffleCursor {
  return { epoch: 0, position: 0, rngState: Rng.fromSeed(seed).state };
}

/**
 * The training split as an endless sequence of shuffled batches, a new order every epoch. The
 * last partial batch of each epoch is dropped (so every step has the same batch size, which
 * BatchNorm statistics want); a different example falls out each epoch.
 */
export class TrainingBatches {
  private epoch: number;
  private position: number;
  private epochStart: RngState;
  private nextEpochStart: RngState;
  private order: Uint32Array;

  constructor(
    private readonly source: BatchSource,
    private readonly split: Split,
    readonly batchSize: number,
    cursor: ShuffleCursor,
  ) {
    checkBatchSize(batchSize);
    if (split.count < batchSize) {
      throw new RangeError(
        `TrainingBatches: batch size ${batchSize} exceeds the ${split.count} training examples`,
      );
    }
    if (
      !Number.isInteger(cursor.position) ||
      cursor.position < 0 ||
      cursor.position + batchSize > split.count
    ) {
      throw new RangeError(
        `TrainingBatches: cursor position ${cursor.position} is outside an epoch of ${split.count}`,
      );
    }
    this.epoch = cursor.epoch;
    this.position = cursor.position;
    this.epochStart = cursor.rngState;
    [this.order, this.nextEpochStart] = drawOrder(split.count, this.epochStart);
  }

  get batchesPerEpoch(): number {
    return Math.floor(this.split.count / this.batchSize);
  }

  get cursor(): ShuffleCursor {
    return { epoch: this.epoch, position: this.position, rngState: this.epochStart };
  }

  /** The next batch; after an epoch's last batch the cursor already points at the next epoch. */
  next(): Batch {
    const batch = gatherBatch(
      this.source,
      this.split,
      this.order.subarray(this.position, this.position + this.batchSize),
    );
    this.position += this.batchSize;
    if (this.position + this.batchSize > this.split.count) {
      this.epoch++;
      this.position = 0;
      this.epochStart = this.nextEpochStart;
      [this.order, this.nextEpochStart] = drawOrder(this.split.count, this.epochStart);
    }
    return batch;
  }

  /** The batches left in the current epoch. */
  *restOfEpoch(): Generator<Batch> {
    const epoch = this.epoch;
    while (this.epoch === epoch) yield this.next();
  }
}

function drawOrder(count: number, state: RngState): [Uint32Array, RngState] {
  const rng = Rng.fromState(state);
  const order = rng.shuffle(identity(count));
  return [order, rng.state];
}

function identity(count: number): Uint32Array {
  return Uint32Array.from({ length: count }, (_, i) => i);
}

function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`bad batch size ${batchSize}`);
}
