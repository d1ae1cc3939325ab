import { gunzipSync } from "node:zlib";
import { DataError } from "./errors";

/** True when the bytes start with gzip's magic number (1f 8b), whatever the file is called. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Returns the bytes, decompressed when they are gzip; a corrupt or cut stream is a DataError. */
export function gunzipIfCompressed(bytes: Uint8Array, where: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return new Uint8Array(gunzipSync(bytes));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(where, `gzip data is truncated or corrupt (${reason})`);
  }
}
