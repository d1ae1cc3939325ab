import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { DataStore } from "./resolve";

/** How long one file's download may take before it is abandoned for the next mirror. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60 * 1000;

/** The real file system and network behind resolution. */
export const nodeDataStore: DataStore = {
  async firstExisting(paths) {
    for (const path of paths) {
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile()) return path;
    }
    return undefined;
  },

  async read(path) {
    return new Uint8Array(await readFile(path));
  },

  async download(urls, dest, accept) {
    const failures: string[] = [];
    for (const url of urls) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        accept(bytes);
        await writeAtomically(dest, bytes);
        return;
      } catch (error) {
        const cause =
          error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
        failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}${cause}`);
      }
    }
    throw new Error(failures.length ? failures.join("; ") : "no URL to download from");
  },
};

/** Writes to a temporary file beside `dest`, then renames it over: readers never see half a file. */
export async function writeAtomically(dest: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  const temporary = `${dest}.${process.pid}.${randomBytes(4).toString("hex")}.part`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, dest);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
