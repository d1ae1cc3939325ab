/**
 * examples/quick.nas as the search benchmarks use it: its space and search block, its embedded
 * Fashion-MNIST subset, and its supernet trained as the file says (or loaded from a checkpoint).
 * The same for any other `.nas` file (a benchmark space under bench/spaces/), with either copy of
 * its dataset.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadDatasetFromDisk } from "../server/engine/data/node-load";
import type { Dataset } from "../server/engine/data/dataset";
import type { DataSourceChoice } from "../server/engine/data/plan";
import { datasetSpecOf } from "../server/engine/data/spaceDataset";
import type { Supernet } from "../server/engine/supernet/supernet";
import { FileCheckpointStore } from "../server/engine/train/fs-store";
import { trainSupernet } from "../server/engine/train/trainer";
import { checkDocument } from "../server/language/checker";
import type { SpaceModel } from "../server/language/model";
import type { SearchConfig } from "../server/language/searchConfig";

export const QUICK_FILE = join(__dirname, "../examples/quick.nas");

export interface QuickSpace {
  readonly model: SpaceModel;
  /** The file's first search block. */
  readonly config: SearchConfig;
}

export function loadQuickSpace(): QuickSpace {
  return loadSpaceFile(QUICK_FILE);
}

/** A checked `.nas` file's first search block and the space it searches; errors throw. */
export function loadSpaceFile(file: string): QuickSpace {
  const analysis = checkDocument(readFileSync(file, "utf8"));
  const errors = analysis.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`${file} has errors: ${errors.map((e) => e.message).join("; ")}`);
  const info = analysis.searches[0];
  if (!info?.space) throw new Error(`${file} has no search block over a space it declares`);
  return { model: info.space.model, config: info.config };
}

/** The small subset committed in examples/ (the README demo's data): the same on every machine. */
export function loadEmbeddedDataset(model: SpaceModel): Promise<Dataset> {
  return loadSpaceDataset(model, QUICK_FILE, "embedded");
}

/** The dataset a space file declares, from the copy `choice` names; relative paths are the file's. */
export function loadSpaceDataset(
  model: SpaceModel,
  file: string,
  choice: DataSourceChoice,
): Promise<Dataset> {
  if (!model.dataset) throw new Error(`${file}: the space declares no dataset`);
  return loadDatasetFromDisk(datasetSpecOf(model.dataset), { baseDir: dirname(file), choice });
}

export interface TrainedSupernet {
  readonly supernet: Supernet;
  readonly epochs: number;
  /** Whether the weights came from an existing checkpoint rather than a training in this process. */
  readonly loaded: boolean;
  readonly seconds: number;
}

/**
 * The supernet trained on `dataset` with the space file's `train` block and seed. Given a
 * checkpoint folder that holds one (a run directory's `checkpoints/`), its weights are used as
 * trained, as `train from` does; a folder that holds none receives this training's epoch
 * checkpoints.
 */
export async function quickSupernet(
  space: QuickSpace,
  dataset: Dataset,
  checkpointDir: string | undefined,
  log: (line: string) => void,
): Promise<TrainedSupernet> {
  const store = checkpointDir === undefined ? undefined : new FileCheckpointStore(checkpointDir);
  const saved = await store?.load();
  const started = performance.now();
  const result = await trainSupernet({
    model: space.model,
    dataset,
    config: saved ? { ...space.config.train, epochs: saved.epoch } : space.config.train,
    seed: space.config.seed,
    store,
    onEvent: (e) => {
      if (e.kind === "epoch") log(`epoch ${e.epoch}/${e.epochs}: ${e.seconds.toFixed(0)} s`);
    },
  });
  return {
    supernet: result.supernet,
    epochs: result.epochs,
    loaded: saved !== undefined,
    seconds: (performance.now() - started) / 1000,
  };
}
