// The data layer's public face for the trainer, evaluator and CLI. Everything here but
// node-load/node-store/package-root (disk and network) is pure; resize.ts (tfjs) is imported
// directly by the trainer so that loading data never loads TensorFlow.js.
export { gatherBatch, inOrderBatches, initialCursor, sampleBatch, TrainingBatches } from "./batches";
export type { Batch, ShuffleCursor } from "./batches";
export { FASHION_MNIST, MNIST, NAMED_DATASETS, namedDataset } from "./catalog";
export type { NamedDataset } from "./catalog";
export { classCounts, exampleSize } from "./dataset";
export type { Dataset, Features, Split } from "./dataset";
export { DataError } from "./errors";
export { DEFAULT_VALIDATION_FRACTION, loadDataset } from "./load";
export type { DatasetSpec, LoadOptions } from "./load";
export { defaultLoadOptions, loadDatasetFromDisk } from "./node-load";
export { normalizeInto } from "./normalization";
export type { Normalization } from "./normalization";
export { DATA_ENV_VAR, planLocations, SETTINGS_KEY } from "./plan";
export type { DataSourceChoice } from "./plan";
export type { DataStore } from "./resolve";
export { Rng } from "./rng";
export type { RngState } from "./rng";
