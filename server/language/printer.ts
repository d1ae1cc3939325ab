/**
 * Prints a subnet as a canonical `subnet NAME of SPACE { … }` block, the text the Pareto panel's
 * "Apply" writes into the file. Only choices that matter are written: genes of blocks beyond a
 * stage's depth are left out (an unassigned choice takes the largest value, which is harmless
 * there). The output is already formatted (`formatText` leaves it unchanged).
 */
import type { Genome } from "./encoding";
import { isActive } from "./encoding";
import type { SpaceModel } from "./model";

export interface PrintSubnetOptions {
  readonly name: string;
  /** Metrics the run saw. Numbers in the units `formatMetric` documents; entries it cannot write are left out. */
  readonly measured?: Readonly<Record<string, number | string>>;
  /** One level of indentation; two spaces by default. */
  readonly indent?: string;
}

/** The order `measured` lists metrics in; other keys follow in alphabetical order. */
const METRIC_ORDER = ["accuracy", "loss", "macs", "params", "model_size", "latency", "run"];

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function printSubnet(model: SpaceModel, genome: Genome, options: PrintSubnetOptions): string {
  if (!IDENT.test(options.name))
    throw new Error(`\`${options.name}\` is not a valid subnet name: use letters, digits and _`);
  if (!model.name) throw new Error("the space has no name");
  if (genome.length !== model.genes.length)
    throw new Error(`the genome has ${genome.length} genes; the space has ${model.genes.length}`);
  model.genes.forEach((g, i) => {
    if (!Number.isInteger(genome[i]) || genome[i] < 0 || genome[i] >= g.values.length) {
      throw new Error(`gene \`${g.path}\` has no choice ${genome[i]}: it has ${g.values.length}`);
    }
  });
  const indent = options.indent ?? "  ";
  const lines = assignments(model, genome);
  const measured = measuredEntries(options.measured ?? {});
  if (measured.length > 0) lines.push(`measured { ${measured.join(", ")} }`);
  return [`subnet ${options.name} of ${model.name} {`, ...lines.map((l) => indent + l), "}"].join("\n");
}

/**
 * One line per active top-level gene (`s1.depth = 2`, `stem.out = 16`), and one `STAGE[b] { … }`
 * line per block, in the model's (source) order. A block's genes are consecutive in the model.
 */
function assignments(model: SpaceModel, genome: Genome): string[] {
  const lines: (string | BlockLine)[] = [];
  let block: BlockLine | undefined;
  for (const gene of model.genes.filter((g) => isActive(model, genome, g))) {
    const value = String(gene.values[genome[gene.index]]);
    if (gene.kind !== "arg" || gene.stage === undefined || gene.block === undefined) {
      block = undefined;
      lines.push(`${assignablePath(gene.path)} = ${value}`);
      continue;
    }
    const head = `${gene.stage}[${gene.block}]`;
    if (block?.head !== head) {
      block = { head, parts: [] };
      lines.push(block);
    }
    block.parts.push(`${assignablePath(gene.path.slice(head.length + 1))} = ${value}`);
  }
  return lines.map((l) => (typeof l === "string" ? l : `${l.head} { ${l.parts.join(", ")} }`));
}

interface BlockLine {
  readonly head: string;
  readonly parts: string[];
}

/** The model suffixes a path `#2` when an argument repeats in one block; the language cannot address that gene. */
function assignablePath(path: string): string {
  if (path.includes("#"))
    throw new Error(`the choice \`${path}\` cannot be assigned in a subnet block: give its layer a label`);
  return path;
}

function measuredEntries(measured: Readonly<Record<string, number | string>>): string[] {
  const rank = (key: string): number => {
    const r = METRIC_ORDER.indexOf(key);
    return r < 0 ? METRIC_ORDER.length : r;
  };
  return Object.keys(measured)
    .filter((key) => IDENT.test(key) && writable(measured[key]))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${key}: ${formatMetric(key, measured[key])}`);
}

function writable(value: number | string): boolean {
  return typeof value === "string" || (Number.isFinite(value) && value >= 0);
}

/**
 * A metric's value as a `.nas` literal:
 * - `accuracy`, in percent (as everywhere in Supernet Studio), with one decimal (`86.9%`);
 * - `macs` and `params` with 3 significant digits and a k/M/G suffix (`1.42M`, `61.3k`);
 * - `model_size`, in bytes, the same way with k/M (`245k`);
 * - `latency`, in milliseconds, with 2 decimals (`0.81ms`), or in microseconds below 0.1 ms (`52.3us`);
 * - `loss` and any other number with 4 significant digits; strings in quotes.
 * Throws a RangeError for a number the language cannot write (negative or not finite).
 */
export function formatMetric(metric: string, value: number | string): string {
  if (typeof value === "string") return quote(value);
  if (!writable(value)) throw new RangeError(`${metric} ${value} cannot be written in a .nas file`);
  switch (metric) {
    case "accuracy":
      return `${value.toFixed(1)}%`;
    case "macs":
    case "params":
      return scaled(value, ["", "k", "M", "G"]);
    case "model_size":
      return scaled(value, ["", "k", "M"]);
    case "latency":
      return value < 0.1 ? `${(value * 1000).toFixed(1)}us` : `${value.toFixed(2)}ms`;
    default:
      return significant(value, 4);
  }
}

/** 3 significant digits with the largest suffix (each 1000×) that keeps the number at least 1. */
function scaled(value: number, suffixes: readonly string[]): string {
  const rounded = Number(value.toPrecision(3));
  let k = 0;
  while (k < suffixes.length - 1 && rounded >= 1000 ** (k + 1)) k++;
  return significant(rounded / 1000 ** k, 3) + suffixes[k];
}

function significant(value: number, digits: number): string {
  return String(Number(value.toPrecision(digits)));
}

function quote(s: string): string {
  return `"${s
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n")
    .replace(/\t/g, "\\t")}"`;
}
