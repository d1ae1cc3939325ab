import { join } from "node:path";
import type { IdxFileSet, IdxFileSpec, NamedDataset } from "./catalog";

/**
 * Which copy of a named dataset a run wants:
 * - "auto": the full dataset wherever it is found (or can be downloaded), else the embedded subset;
 * - "full": the full dataset, or an error naming every place looked;
 * - "embedded": the small subset shipped with the tool (demos, tests: the same on every machine).
 */
export type DataSourceChoice = "auto" | "full" | "embedded";

export type LocationKind = "settings" | "environment" | "debian" | "cache" | "download" | "embedded";

/** A folder that may hold the dataset's four IDX files (each `stem.gz` or raw `stem`). */
export interface Location {
  readonly kind: LocationKind;
  readonly dir: string;
  /** How messages name it, e.g. "SUPERNET_DATA (/data/fashion-mnist)". */
  readonly label: string;
  readonly files: IdxFileSet;
  /** For "download": base URLs of the official files, tried in order. */
  readonly mirrors?: readonly string[];
}

export interface PlanInputs {
  readonly dataset: NamedDataset;
  readonly choice: DataSourceChoice;
  /** The `supernet.dataPath` setting: a data root, or the dataset's own folder. */
  readonly settingsPath?: string;
  readonly env: { readonly SUPERNET_DATA?: string; readonly XDG_CACHE_HOME?: string };
  readonly homeDir: string;
  /** Where this tool is installed; the embedded subset lives below it. */
  readonly packageRoot: string;
  /** Whether the official files may be downloaded into the user cache. */
  readonly download: boolean;
}

export interface Plan {
  /** Places to try, in order. */
  readonly locations: readonly Location[];
  /** Places not tried and why, so an error can still name them. */
  readonly skipped: readonly string[];
}

export const SETTINGS_KEY = "supernet.dataPath";
export const DATA_ENV_VAR = "SUPERNET_DATA";

/** The user cache folder for a dataset: $XDG_CACHE_HOME or ~/.cache, then supernet/datasets/<name>. */
export function cacheDir(inputs: Pick<PlanInputs, "env" | "homeDir" | "dataset">): string {
  const base = inputs.env.XDG_CACHE_HOME || join(inputs.homeDir, ".cache");
  return join(base, "supernet", "datasets", inputs.dataset.dirName);
}

/** The places to look for a named dataset, in the order they are tried. Pure. */
export function planLocations(inputs: PlanInputs): Plan {
  const { dataset } = inputs;
  const full = dataset.files;
  const locations: Location[] = [];
  const skipped: string[] = [];
  const embedded = (): void => {
    if (dataset.embedded) {
      const dir = join(inputs.packageRoot, dataset.embedded.dir);
      locations.push({
        kind: "embedded",
        dir,
        label: `embedded subset (${dir})`,
        files: dataset.embedded.files,
      });
    } else {
      skipped.push(`embedded subset: none ships for ${dataset.name}`);
    }
  };
  if (inputs.choice === "embedded") {
    embedded();
    return { locations, skipped };
  }

  // A data root may hold the dataset in its own folder, or be that folder.
  const root = (kind: LocationKind, name: string, value: string | undefined): void => {
    if (!value) {
      skipped.push(`${name}: not set`);
      return;
    }
    const nested = join(value, dataset.dirName);
    locations.push({ kind, dir: nested, label: `${name} (${nested})`, files: full });
    locations.push({ kind, dir: value, label: `${name} (${value})`, files: full });
  };
  root("settings", `setting ${SETTINGS_KEY}`, inputs.settingsPath);
  root("environment", DATA_ENV_VAR, inputs.env.SUPERNET_DATA);

  if (dataset.debian) {
    const { packageName, dir } = dataset.debian;
    locations.push({ kind: "debian", dir, label: `Debian package ${packageName} (${dir})`, files: full });
  } else {
    skipped.push(`Debian package: none packages ${dataset.name}`);
  }

  const cache = cacheDir(inputs);
  locations.push({ kind: "cache", dir: cache, label: `user cache (${cache})`, files: full });
  if (!inputs.download) skipped.push(`download into ${cache}: switched off`);
  else if (dataset.mirrors.length === 0) skipped.push(`download: no known source for ${dataset.name}`);
  else {
    const label = `download into the user cache (${cache})`;
    locations.push({ kind: "download", dir: cache, label, files: full, mirrors: dataset.mirrors });
  }

  if (inputs.choice === "auto") embedded();
  else skipped.push("embedded subset: not wanted (the full dataset was asked for)");
  return { locations, skipped };
}

/** The file names tried for one file in a folder: gzip'd first, then raw. */
export function fileCandidates(dir: string, spec: IdxFileSpec): string[] {
  return [join(dir, `${spec.stem}.gz`), join(dir, spec.stem)];
}
