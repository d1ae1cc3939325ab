/** `supernet import dynast RESULTS.csv`: a DyNAS-T results file as a run directory the panels can show. */
import { parseArgs } from "node:util";
import { formatMetric } from "../language/printer";
import { ImportError } from "../runs/import/importError";
import type { DynastImport } from "../runs/import/importDynast";
import { DYNAST_POPULATION, importDynast } from "../runs/import/importDynast";
import { parseObjectiveList } from "../runs/import/objectives";
import { RUNS_FOLDER } from "../runs/runDirectory";

const USAGE = `usage: supernet import dynast RESULTS.csv [--out RUNS_DIR] [--objectives LIST] [--space FILE.nas]
                              [--mapping FILE.json] [--population N] [--json]

Reads a DyNAS-T results CSV (one row per evaluated sub-network) into a run directory under
RUNS_DIR (default ${RUNS_FOLDER}) and prints its path and a summary.
  --objectives   e.g. accuracy,macs; default: from the file name (…_acc_macs.csv)
  --space        the space the rows are subnets of; default examples/ofa-mobilenetv3.nas
  --mapping      JSON: sub-network key → gene path(s), e.g. {"d": ["s1.depth"], "ks": ["s1[*].kernel"], "wid": null};
                 default: DyNAS-T's OFA MobileNetV3 encoding (ks, e, d, r)
  --population   rows per DyNAS-T population, one generation each (default ${DYNAST_POPULATION}, DyNAS-T's default)
  --json         print the summary as JSON`;

export interface ImportIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: ImportIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

class BadUsage extends Error {}

interface Options {
  readonly csv: string;
  readonly out: string;
  readonly objectives?: string;
  readonly space?: string;
  readonly mapping?: string;
  readonly population?: number;
  readonly json: boolean;
}

function parse(args: string[]): Options | null {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        out: { type: "string", default: RUNS_FOLDER },
        objectives: { type: "string" },
        space: { type: "string" },
        mapping: { type: "string" },
        population: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    throw new BadUsage((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return null;
  const [source, csv, ...extra] = parsed.positionals;
  if (source !== "dynast")
    throw new BadUsage(
      source === undefined
        ? "name what to import: supernet import dynast RESULTS.csv"
        : `cannot import from \`${source}\`: only \`dynast\` is supported`,
    );
  if (csv === undefined)
    throw new BadUsage("name the DyNAS-T results file: supernet import dynast RESULTS.csv");
  if (extra.length > 0) throw new BadUsage(`one results file at a time (got also ${extra.join(", ")})`);
  let population: number | undefined;
  if (v.population !== undefined) {
    population = Number(v.population);
    if (!/^\d+$/.test(v.population.trim()) || population < 1)
      throw new BadUsage(`--population must be a positive integer, got "${v.population}"`);
  }
  return {
    csv,
    out: v.out,
    objectives: v.objectives,
    space: v.space,
    mapping: v.mapping,
    population,
    json: v.json,
  };
}

interface Summary {
  readonly dir: string;
  readonly search: string;
  readonly rows: number;
  readonly evaluations: number;
  readonly duplicates: number;
  readonly generations: number;
  readonly objectives: readonly string[];
  readonly front: number;
  readonly hypervolume: number;
  readonly reference: readonly number[];
  /** The most accurate evaluation. */
  readonly best: {
    readonly index: number;
    readonly accuracy: number;
    readonly macs: number;
    readonly params: number;
  } | null;
}

function summary(r: DynastImport): Summary {
  let best: Summary["best"] = null;
  for (const e of r.run.evaluations) {
    const accuracy = e.metrics.accuracy;
    if (accuracy !== undefined && (best === null || accuracy > best.accuracy))
      best = { index: e.index, accuracy, macs: e.metrics.macs, params: e.metrics.params };
  }
  return {
    dir: r.paths.dir,
    search: r.manifest.search,
    rows: r.rows,
    evaluations: r.run.evaluations.length,
    duplicates: r.run.duplicates.length,
    generations: r.run.generations,
    objectives: r.run.objectives.map((o) => `${o.sense} ${o.metric}`),
    front: r.run.front.length,
    hypervolume: r.run.hypervolume,
    reference: r.run.reference,
    best,
  };
}

function report(s: Summary): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  return [
    s.dir,
    `${plural(s.rows, "row")} → ${plural(s.evaluations, "evaluation")} (${plural(s.duplicates, "duplicate")} skipped), ${plural(s.generations, "generation")}`,
    `${s.objectives.join(", ")}: front of ${plural(s.front, "subnet")}, hypervolume ${s.hypervolume.toPrecision(4)} (reference: the rows' nadir, ${s.reference.map((v) => v.toPrecision(4)).join(", ")})`,
    s.best
      ? `best accuracy ${formatMetric("accuracy", s.best.accuracy)}: evaluation ${s.best.index}, ${formatMetric("macs", s.best.macs)} MACs, ${formatMetric("params", s.best.params)} params`
      : "no accuracy in the file",
  ].join("\n");
}

export async function importCommand(args: string[], io: ImportIo = processIo): Promise<number> {
  let options;
  try {
    options = parse(args);
  } catch (e) {
    if (!(e instanceof BadUsage)) throw e;
    io.err(`supernet import: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === null) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  try {
    const result = importDynast({
      csvFile: options.csv,
      runsRoot: options.out,
      spaceFile: options.space,
      mappingFile: options.mapping,
      objectives: options.objectives === undefined ? undefined : parseObjectiveList(options.objectives),
      population: options.population,
    });
    const s = summary(result);
    io.out(`${options.json ? JSON.stringify(s) : report(s)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    io.err(`supernet import: ${e.message}\n`);
    return 1;
  }
}
