import { isAbsolute, join } from "node:path";
import { namedDataset, NAMED_DATASETS } from "./catalog";
import type { NamedDataset } from "./catalog";
import { examplesFromCsv } from "./csv";
import type { Dataset, Split } from "./dataset";
import { DataError } from "./errors";
import { gunzipIfCompressed } from "./gzip";
import { holdOut } from "./holdout";
import { parseIdx } from "./idx";
import { examplesFromIdx } from "./idx-split";
import { fitNormalization, PIXEL_SCALE } from "./normalization";
import { planLocations } from "./plan";
import type { PlanInputs } from "./plan";
import { resolveDataset } from "./resolve";
import type { DataStore } from "./resolve";

/** The three forms of a `.nas` file's `dataset` statement. */
export type DatasetSpec =
  | { readonly kind: "named"; readonly name: string }
  | { readonly kind: "idx"; readonly images: string; readonly labels: string }
  | { readonly kind: "csv"; readonly path: string; readonly label: string };

export interface LoadOptions extends Omit<PlanInputs, "dataset"> {
  /** Folder that relative idx/csv paths are resolved against: the `.nas` file's folder. */
  readonly baseDir: string;
  /** Share of each class of a single-file dataset (idx pair, CSV) held out for validation. */
  readonly validationFraction: number;
  /** Seed of that hold-out draw. */
  readonly holdOutSeed: number;
  readonly onProgress?: (message: string) => void;
}

export const DEFAULT_VALIDATION_FRACTION = 0.2;

export async function loadDataset(
  spec: DatasetSpec,
  options: LoadOptions,
  store: DataStore,
): Promise<Dataset> {
  switch (spec.kind) {
    case "named": {
      const dataset = namedDataset(spec.name);
      if (!dataset) {
        const known = NAMED_DATASETS.map((d) => d.name).join(", ");
        throw new DataError(`dataset ${spec.name}`, `unknown dataset name; known names: ${known}`);
      }
      return loadNamed(dataset, options, store);
    }
    case "idx":
      return loadIdxPair(spec.images, spec.labels, options, store);
    case "csv":
      return loadCsv(spec.path, spec.label, options, store);
  }
}

async function loadNamed(dataset: NamedDataset, options: LoadOptions, store: DataStore): Promise<Dataset> {
  const plan = planLocations({ ...options, dataset });
  const { location, paths, arrays } = await resolveDataset(dataset.name, plan, store, options.onProgress);
  const train = examplesFromIdx(arrays.trainImages, arrays.trainLabels, {
    images: paths.trainImages,
    labels: paths.trainLabels,
  }).split;
  const validation = examplesFromIdx(arrays.validationImages, arrays.validationLabels, {
    images: paths.validationImages,
    labels: paths.validationLabels,
  }).split;
  const classes = dataset.classNames.length;
  checkLabels(train, classes, paths.trainLabels);
  checkLabels(validation, classes, paths.validationLabels);
  return {
    name: dataset.name,
    shape: dataset.shape,
    classes,
    classNames: dataset.classNames,
    normalization: dataset.normalization,
    train,
    validation,
    source: `${location.label}: ${train.count} training images, ${validation.count} validation images (from the official test set)`,
  };
}

async function loadIdxPair(
  images: string,
  labels: string,
  options: LoadOptions,
  store: DataStore,
): Promise<Dataset> {
  const where = { images: inBase(options.baseDir, images), labels: inBase(options.baseDir, labels) };
  const read = async (path: string) =>
    parseIdx(gunzipIfCompressed(await readExisting(path, store), path), path);
  const { shape, split } = examplesFromIdx(await read(where.images), await read(where.labels), where);
  const classes = split.labels.reduce((max, l) => Math.max(max, l), 0) + 1;
  const parts = holdOut(split, shape, classes, options.validationFraction, options.holdOutSeed);
  return {
    name: `idx(${images}, ${labels})`,
    shape,
    classes,
    classNames: Array.from({ length: classes }, (_, i) => String(i)),
    normalization: fitNormalization(parts.train.features, shape[shape.length - 1], scaleOf(split)),
    ...parts,
    source: `${where.images} and ${where.labels}: ${describeHoldOut(parts, options)}`,
  };
}

async function loadCsv(
  path: string,
  label: string,
  options: LoadOptions,
  store: DataStore,
): Promise<Dataset> {
  const where = inBase(options.baseDir, path);
  const text = new TextDecoder().decode(gunzipIfCompressed(await readExisting(where, store), where));
  const { featureNames, classNames, split } = examplesFromCsv(text, label, where);
  const shape = [featureNames.length];
  const parts = holdOut(split, shape, classNames.length, options.validationFraction, options.holdOutSeed);
  return {
    name: `csv(${path})`,
    shape,
    classes: classNames.length,
    classNames,
    normalization: fitNormalization(parts.train.features, featureNames.length, 1),
    ...parts,
    source: `${where}: ${describeHoldOut(parts, options)}`,
  };
}

function inBase(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : join(baseDir, path);
}

async function readExisting(path: string, store: DataStore): Promise<Uint8Array> {
  if ((await store.firstExisting([path])) === undefined) throw new DataError(path, "file not found");
  return store.read(path);
}

function scaleOf(split: Split): number {
  return split.features instanceof Uint8Array ? PIXEL_SCALE : 1;
}

function checkLabels(split: Split, classes: number, where: string): void {
  const bad = split.labels.findIndex((l) => l >= classes);
  if (bad >= 0)
    throw new DataError(
      where,
      `label ${split.labels[bad]} at index ${bad} is not below the ${classes} classes`,
    );
}

function describeHoldOut(parts: { train: Split; validation: Split }, options: LoadOptions): string {
  const percent = Math.round(options.validationFraction * 100);
  return `${parts.train.count} training, ${parts.validation.count} validation examples (${percent}% of each class held out, seed ${options.holdOutSeed})`;
}
