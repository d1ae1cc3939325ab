/** The DyNAS-T logs in test/fixtures/dynast and what the import tests need around them. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { checkDocument } from "../../server/language/checker";
import type { SpaceModel } from "../../server/language/model";
import { defaultSpaceFile } from "../../server/runs/import/importDynast";

export const DYNAST_DIR = join(__dirname, "..", "fixtures", "dynast");

export const DYNAST_LOGS = [
  "mbnv3w10_evoga_acc.csv",
  "mbnv3w10_linasga_acc.csv",
  "mbnv3w10_evonsga2_acc_macs.csv",
  "mbnv3w10_linasnsga2_acc_macs.csv",
  "mbnv3w10_evounsga3_acc_macs_params.csv",
] as const;

export function dynastLog(name: string): string {
  return join(DYNAST_DIR, name);
}

/** The lines of a log after its header. */
export function dataLines(name: string): string[] {
  return readFileSync(dynastLog(name), "utf8").trimEnd().split("\n").slice(1);
}

export function ofaModel(): SpaceModel {
  return [...checkDocument(readFileSync(defaultSpaceFile(), "utf8")).spaces.values()][0].model;
}

/** A fresh folder, removed when the test file's tests are done. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "supernet-import-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
