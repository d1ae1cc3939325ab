/** Reading `.nas` fixtures and applying a diagnostic's fix, shared by the language tests. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { TextEdit } from "../../server/language/diagnostics";

/** Tests run from the repository root. */
export const FIXTURES = join("test", "fixtures", "nas");

export function readFixture(path: string): string {
  return readFileSync(join(FIXTURES, path), "utf8");
}

/** Every `.nas` fixture, by path relative to the fixtures folder. */
export function allFixtures(): string[] {
  return readdirSync(FIXTURES, { recursive: true, encoding: "utf8" })
    .filter((p) => p.endsWith(".nas"))
    .sort();
}

/** Applies non-overlapping edits (in any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
