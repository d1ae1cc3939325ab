/**
 * `supernet import dynast`: reads a DyNAS-T results CSV, maps every row onto a space (by default
 * examples/ofa-mobilenetv3.nas with DyNAS-T's OFA MobileNetV3 encoding) and writes a run
 * directory — run.json, events.jsonl, evaluations.csv, pareto.json — that the panels show like
 * any run. events.jsonl is written whole (atomically), not line by line: no reader sees half of it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RunManifest } from "../../../protocol/runFiles";
import { RUN_FORMAT_VERSION } from "../../../protocol/runFiles";
import { hostFor } from "../../io/files";
import { checkDocument } from "../../language/checker";
import type { SpaceModel } from "../../language/model";
import { findPackageRoot } from "../../engine/data/package-root";
import type { RunPaths } from "../runDirectory";
import { createRunDirectory, evaluationsCsv, paretoJson, runId, writeAtomic } from "../runDirectory";
import { VERSION } from "../version";
import { parseDynastCsv } from "./dynastCsv";
import { ImportError } from "./importError";
import type { ImportedRun } from "./importedRun";
import { buildImportedRun } from "./importedRun";
import type { ImportObjective } from "./objectives";
import { objectivesFromFileName } from "./objectives";
import { OFA_MBV3_MAPPING, OFA_MBV3_SPACE_FILE } from "./ofaMobileNetV3";
import { evaluateRows } from "./rowEvaluations";
import { importSearchBlock, searchName, strategyFromFileName } from "./searchBlock";
import { parseMappingJson, resolveMapping } from "./subnetMapping";

/** DyNAS-T's default population; its logs carry no population boundaries to infer one from. */
export const DYNAST_POPULATION = 50;

export interface DynastImportRequest {
  readonly csvFile: string;
  /** Where run directories go. */
  readonly runsRoot: string;
  /** The space the rows are subnets of; default examples/ofa-mobilenetv3.nas. */
  readonly spaceFile?: string;
  /** A JSON mapping of sub-network keys to gene paths; default DyNAS-T's OFA MobileNetV3 encoding. */
  readonly mappingFile?: string;
  /** Default: from the file name (`…_acc_macs.csv`). */
  readonly objectives?: readonly ImportObjective[];
  readonly population?: number;
  readonly now?: Date;
}

export interface DynastImport {
  readonly paths: RunPaths;
  readonly manifest: RunManifest;
  readonly run: ImportedRun;
  readonly rows: number;
}

export function defaultSpaceFile(): string {
  return join(findPackageRoot(), OFA_MBV3_SPACE_FILE);
}

export function importDynast(request: DynastImportRequest): DynastImport {
  const csvFile = resolve(request.csvFile);
  const spaceFile = resolve(request.spaceFile ?? defaultSpaceFile());
  const spaceText = readText(spaceFile);
  const space = spaceOf(spaceFile, spaceText);
  const mapping = request.mappingFile
    ? resolveMapping(
        space.model,
        parseMappingJson(readText(request.mappingFile), request.mappingFile),
        request.mappingFile,
      )
    : resolveMapping(space.model, OFA_MBV3_MAPPING, `the OFA MobileNetV3 mapping (${spaceFile})`);
  const objectives = request.objectives ?? objectivesFromFileName(csvFile);
  if (!objectives)
    throw new ImportError(
      `${request.csvFile}: the file name does not say the objectives (DyNAS-T's logs end in _acc, _acc_macs, …): give them with --objectives accuracy,macs`,
    );

  const read = evaluateRows(space.model, mapping, parseDynastCsv(readText(csvFile), request.csvFile));
  const population = request.population ?? DYNAST_POPULATION;
  const strategy = strategyFromFileName(csvFile);
  const name = searchName(csvFile, new Set(space.searches));
  const text = `${spaceText.trimEnd()}\n\n${importSearchBlock({ name, space: space.model.name, objectives, strategy, population, rows: read.rows.length, source: csvFile })}\n`;
  const check = checkDocument(text);
  const config = check.searches.find((s) => s.config.name === name)?.config;
  const errors = check.diagnostics.filter((d) => d.severity === "error");
  if (!config || errors.length > 0)
    throw new Error(
      `internal: the imported run's search block does not check: ${errors.map((e) => e.message).join("; ")}`,
    );

  const now = request.now ?? new Date();
  const manifest: RunManifest = {
    format: RUN_FORMAT_VERSION,
    id: runId(name, now),
    created: now.toISOString(),
    file: spaceFile,
    text,
    hash: createHash("sha256").update(text).digest("hex"),
    search: name,
    space: space.model.name,
    seed: config.seed,
    backend: "DyNAS-T",
    dataset: "as measured by DyNAS-T",
    versions: VERSION,
    importedFrom: csvFile,
  };
  const run = buildImportedRun(space.model, read, {
    runId: manifest.id,
    search: name,
    time: manifest.created,
    source: csvFile,
    objectives,
    strategy,
    population,
  });
  const paths = createRunDirectory(request.runsRoot, manifest.id, manifest);
  writeAtomic(paths.events, run.events.map((e) => `${JSON.stringify(e)}\n`).join(""));
  writeAtomic(paths.evaluations, evaluationsCsv(run.evaluations));
  writeAtomic(
    paths.pareto,
    paretoJson(
      name,
      objectives,
      run.front.map((i) => run.evaluations[i]),
    ),
  );
  return { paths, manifest, run, rows: read.rows.length };
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new ImportError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** The file's one space, which must check without errors; and the names of its searches. */
function spaceOf(file: string, text: string): { model: SpaceModel; searches: string[] } {
  const analysis = checkDocument(text, hostFor(file));
  const errors = analysis.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new ImportError(
      `${file} has ${errors.length} error${errors.length === 1 ? "" : "s"} (\`supernet check ${file}\` lists them), e.g. ${errors[0].message}`,
    );
  }
  const spaces = [...analysis.spaces.values()];
  if (spaces.length !== 1) {
    throw new ImportError(
      `${file} declares ${spaces.length === 0 ? "no space" : `${spaces.length} spaces (${spaces.map((s) => s.model.name).join(", ")})`}; the import needs a file with exactly one`,
    );
  }
  return { model: spaces[0].model, searches: analysis.searches.map((s) => s.config.name) };
}
