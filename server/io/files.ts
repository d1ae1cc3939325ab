/** The file-system side of checking a `.nas` file: reading it and resolving the paths it names. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type { CheckHost } from "../language/checker";

/** Paths in a `.nas` file are relative to the file's folder. */
export function hostFor(file: string): CheckHost {
  const base = dirname(resolve(file));
  return { fileExists: (p) => existsSync(isAbsolute(p) ? p : resolve(base, p)) };
}

export function readSource(file: string): string {
  return readFileSync(file, "utf8");
}
