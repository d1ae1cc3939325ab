import { createHash } from "node:crypto";
import type { IdxFileSpec } from "./catalog";
import { DataError } from "./errors";
import { parseIdx } from "./idx";
import type { IdxArray } from "./idx";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Checks decompressed IDX bytes against what a named dataset's file must be (dimensions, counts
 * and, where known, SHA-256), and returns the parsed array. Used on every load of a named
 * dataset and before a download is written into the cache.
 */
export function checkIdxContent(bytes: Uint8Array, spec: IdxFileSpec, where: string): IdxArray {
  const array = parseIdx(bytes, where);
  if (array.dims.length !== spec.dims.length || array.dims.some((d, i) => d !== spec.dims[i])) {
    throw new DataError(
      where,
      `expected dimensions ${spec.dims.join("×")}, the file has ${array.dims.join("×")}`,
    );
  }
  if (spec.sha256 !== undefined) {
    const actual = sha256Hex(bytes);
    if (actual !== spec.sha256) {
      throw new DataError(
        where,
        `content differs from the official file: SHA-256 ${actual}, expected ${spec.sha256}`,
      );
    }
  }
  return array;
}
