import { join } from "node:path";
import { FILE_ROLES } from "./catalog";
import type { FileRole } from "./catalog";
import { DataError } from "./errors";
import { gunzipIfCompressed } from "./gzip";
import type { IdxArray } from "./idx";
import { fileCandidates } from "./plan";
import type { Location, Plan } from "./plan";
import { checkIdxContent } from "./verify";

/** The file system and network as resolution sees them: a thin adapter, faked in tests. */
export interface DataStore {
  /** The first of `paths` that is an existing file, or undefined. */
  firstExisting(paths: readonly string[]): Promise<string | undefined>;
  read(path: string): Promise<Uint8Array>;
  /**
   * Fetches the first of `urls` that answers, passes the bytes to `accept` (which throws to
   * reject them), and only then writes them to `dest`, atomically: a cut or wrong download
   * never leaves a file behind.
   */
  download(urls: readonly string[], dest: string, accept: (bytes: Uint8Array) => void): Promise<void>;
}

export interface ResolvedDataset {
  readonly location: Location;
  readonly paths: Record<FileRole, string>;
  readonly arrays: Record<FileRole, IdxArray>;
}

/**
 * Tries the plan's locations in order and loads the first that holds all four files. A place
 * with all files whose content is wrong is an error (never silently skipped); when no place
 * has the dataset, the error lists every place looked and what was found there.
 */
export async function resolveDataset(
  datasetName: string,
  plan: Plan,
  store: DataStore,
  onProgress: (message: string) => void = () => undefined,
): Promise<ResolvedDataset> {
  const looked: string[] = [];
  for (const location of plan.locations) {
    if (location.kind === "download") {
      try {
        await downloadMissing(location, store, onProgress);
      } catch (error) {
        looked.push(`${location.label}: failed: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
    }
    const found = await findFiles(location, store);
    if (found.missing.length === FILE_ROLES.length) {
      looked.push(`${location.label}: not found`);
    } else if (found.missing.length > 0) {
      looked.push(`${location.label}: incomplete, missing ${found.missing.join(", ")}`);
    } else {
      return { location, paths: found.paths, arrays: await loadFiles(location, found.paths, store) };
    }
  }
  const lines = [...looked, ...plan.skipped].map((l) => `  - ${l}`);
  throw new DataError(`dataset ${datasetName}`, `not found. Looked in:\n${lines.join("\n")}`);
}

async function findFiles(
  location: Location,
  store: DataStore,
): Promise<{ paths: Record<FileRole, string>; missing: string[] }> {
  const paths = {} as Record<FileRole, string>;
  const missing: string[] = [];
  for (const role of FILE_ROLES) {
    const spec = location.files[role];
    const path = await store.firstExisting(fileCandidates(location.dir, spec));
    if (path === undefined) missing.push(`${spec.stem}[.gz]`);
    else paths[role] = path;
  }
  return { paths, missing };
}

async function loadFiles(
  location: Location,
  paths: Record<FileRole, string>,
  store: DataStore,
): Promise<Record<FileRole, IdxArray>> {
  const arrays = {} as Record<FileRole, IdxArray>;
  for (const role of FILE_ROLES) {
    const path = paths[role];
    arrays[role] = checkIdxContent(
      gunzipIfCompressed(await store.read(path), path),
      location.files[role],
      path,
    );
  }
  return arrays;
}

async function downloadMissing(
  location: Location,
  store: DataStore,
  onProgress: (message: string) => void,
): Promise<void> {
  for (const role of FILE_ROLES) {
    const spec = location.files[role];
    if ((await store.firstExisting(fileCandidates(location.dir, spec))) !== undefined) continue;
    const urls = (location.mirrors ?? []).map((base) => `${base}${spec.stem}.gz`);
    const dest = join(location.dir, `${spec.stem}.gz`);
    onProgress(`downloading ${spec.stem}.gz into ${location.dir}`);
    await store.download(urls, dest, (bytes) => {
      checkIdxContent(gunzipIfCompressed(bytes, dest), spec, dest);
    });
  }
}
