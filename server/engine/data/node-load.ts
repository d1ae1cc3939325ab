import { homedir } from "node:os";
import type { Dataset } from "./dataset";
import { DEFAULT_VALIDATION_FRACTION, loadDataset } from "./load";
import type { DatasetSpec, LoadOptions } from "./load";
import { nodeDataStore } from "./node-store";
import { findPackageRoot } from "./package-root";

/** Load options from this process: its environment, home folder and working directory. */
export function defaultLoadOptions(overrides: Partial<LoadOptions> = {}): LoadOptions {
  return {
    baseDir: process.cwd(),
    choice: "auto",
    env: { SUPERNET_DATA: process.env.SUPERNET_DATA, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME },
    homeDir: homedir(),
    packageRoot: overrides.packageRoot ?? findPackageRoot(),
    download: true,
    validationFraction: DEFAULT_VALIDATION_FRACTION,
    holdOutSeed: 0,
    ...overrides,
  };
}

/** Loads a dataset from this machine's disks (and network, for a download into the cache). */
export function loadDatasetFromDisk(
  spec: DatasetSpec,
  overrides: Partial<LoadOptions> = {},
): Promise<Dataset> {
  return loadDataset(spec, defaultLoadOptions(overrides), nodeDataStore);
}
