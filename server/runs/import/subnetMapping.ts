/**
 * How a DyNAS-T sub-network dict lands on a space's genes. A mapping names, for each dict key, the
 * gene paths its list elements set, in order: `{"d": ["s1.depth", "s2.depth"], "ks": ["s1[*].kernel",
 * "s2[*].kernel"], "wid": null}`. `STAGE[*].ARG` stands for that argument of every block of the
 * stage, block 0 first; `null` ignores a key. Values are matched to the gene's choices by value.
 *
 * Reading a row: a key the mapping does not know is an error (a typo or another supernet); a key
 * that is `None` in the row, and a gene no key sets, take the gene's largest value (the rule for
 * unassigned choices in a `subnet` block). Genes of blocks beyond their stage's depth may hold any
 * value in the row (DyNAS-T keeps values there that do not matter) and canonicalise to index 0.
 */
import { z } from "zod";
import { canonicalize, isActive } from "../../language/encoding";
import type { Gene, SpaceModel } from "../../language/model";
import { closestName } from "../../language/suggest";
import type { CellPlace } from "./importError";
import { ImportError, describePlace } from "./importError";
import type { PyDict, PyValue } from "./pythonLiteral";

export type MappingSpec = Readonly<Record<string, string | readonly string[] | null>>;

export interface SubnetMapping {
  /** Key → the genes its list elements set, in element order. */
  readonly keys: ReadonlyMap<string, readonly Gene[]>;
  /** Keys whose values are not imported. */
  readonly ignored: ReadonlySet<string>;
  /** Genes no key sets: they take their largest value. */
  readonly unassigned: readonly Gene[];
}

const mappingFileSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()]));

/** Reads a mapping file (JSON: key → path, list of paths, or null). */
export function parseMappingJson(text: string, file: string): MappingSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`${file}: not JSON: ${(e as Error).message}`);
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError(
      `${file}: ${issue.path.length ? `key "${issue.path.join(".")}": ` : ""}each key maps to a gene path, a list of gene paths or null (${issue.message})`,
    );
  }
  return parsed.data;
}

/** Checks a mapping against a space: every path exists, no gene is set twice. */
export function resolveMapping(model: SpaceModel, spec: MappingSpec, where: string): SubnetMapping {
  const keys = new Map<string, Gene[]>();
  const ignored = new Set<string>();
  const setBy = new Map<number, string>();
  for (const [key, target] of Object.entries(spec)) {
    if (target === null) {
      ignored.add(key);
      continue;
    }
    const genes = (typeof target === "string" ? [target] : target).flatMap((pattern) =>
      expand(model, pattern, key, where),
    );
    genes.forEach((g, i) => {
      const other = setBy.get(g.index);
      if (other !== undefined)
        throw new ImportError(`${where}: gene \`${g.path}\` is set by both ${other} and \`${key}\`[${i}]`);
      setBy.set(g.index, `\`${key}\`[${i}]`);
    });
    keys.set(key, genes);
  }
  return { keys, ignored, unassigned: model.genes.filter((g) => !setBy.has(g.index)) };
}

function expand(model: SpaceModel, pattern: string, key: string, where: string): Gene[] {
  const star = pattern.indexOf("[*]");
  const genes =
    star < 0
      ? model.genes.filter((g) => g.path === pattern)
      : model.genes
          .filter((g) => g.block !== undefined && g.path === pattern.replace("[*]", `[${g.block}]`))
          .sort((a, b) => a.block! - b.block!);
  if (genes.length > 0) return genes;
  const paths = model.genes.map((g) => g.path);
  const near = closestName(star < 0 ? pattern : pattern.replace("[*]", "[0]"), paths);
  throw new ImportError(
    `${where}: \`${key}\` maps to \`${pattern}\`, which is no gene of space ${model.name}${near ? ` (did you mean \`${star < 0 ? near : near.replace(/\[0\]/, "[*]")}\`?)` : ""}; its genes: ${summarizePaths(paths)}`,
  );
}

/** `resolution, s1.depth, s1[0..3].kernel, …`: one entry per distinct path shape. */
function summarizePaths(paths: readonly string[]): string {
  const shapes = new Map<string, number[]>();
  for (const p of paths) {
    const m = /^(.*)\[(\d+)\](.*)$/.exec(p);
    const shape = m ? `${m[1]}[#]${m[3]}` : p;
    shapes.set(shape, [...(shapes.get(shape) ?? []), m ? Number(m[2]) : 0]);
  }
  return [...shapes]
    .map(([s, blocks]) =>
      s.includes("[#]") ? s.replace("[#]", `[${Math.min(...blocks)}..${Math.max(...blocks)}]`) : s,
    )
    .join(", ");
}

/** The canonical genome of one row's sub-network dict. */
export function genomeFromSubnet(
  model: SpaceModel,
  mapping: SubnetMapping,
  subnet: PyDict,
  place: CellPlace,
): number[] {
  const raw = new Map<number, { value: number; source: string }>();
  for (const [key, value] of subnet) {
    if (mapping.ignored.has(key) || value === null) continue;
    const genes = mapping.keys.get(key);
    if (!genes)
      throw new ImportError(
        `${describePlace(place)}: key \`${key}\` is not in the mapping (${describeMapping(mapping)})`,
      );
    const values = Array.isArray(value) ? value : [value];
    if (values.length !== genes.length) {
      throw new ImportError(
        `${describePlace(place)}: \`${key}\` has ${values.length} value${values.length === 1 ? "" : "s"}; the mapping expects ${genes.length} (${genes[0].path} … ${genes[genes.length - 1].path})`,
      );
    }
    values.forEach((v, i) => {
      if (typeof v !== "number")
        throw new ImportError(
          `${describePlace(place)}: \`${key}\`[${i}] is ${describeValue(v)}, not a number`,
        );
      raw.set(genes[i].index, { value: v, source: `\`${key}\`[${i}] = ${v}` });
    });
  }
  // Top-level genes (depths, resolution) first: whether a block gene matters depends on its stage's depth.
  const genome = model.genes.map((g) => g.values.length - 1);
  const choose = (g: Gene): void => {
    const r = raw.get(g.index);
    if (!r) return;
    const i = g.values.indexOf(r.value);
    if (i < 0)
      throw new ImportError(
        `${describePlace(place)}: ${r.source} is not a choice of ${g.path} (${g.values.join(", ")})`,
      );
    genome[g.index] = i;
  };
  const inBlock = (g: Gene): boolean => g.block !== undefined;
  model.genes.filter((g) => !inBlock(g)).forEach(choose);
  model.genes.filter((g) => inBlock(g) && isActive(model, genome, g)).forEach(choose);
  return canonicalize(model, genome);
}

function describeMapping(m: SubnetMapping): string {
  const mapped = [...m.keys.keys()].map((k) => `\`${k}\``).join(", ");
  const ignored = [...m.ignored].map((k) => `\`${k}\``).join(", ");
  return `it maps ${mapped || "no keys"}${ignored ? ` and ignores ${ignored}` : ""}; for another supernet give --space FILE.nas and --mapping FILE.json`;
}

function describeValue(v: PyValue): string {
  if (v === null) return "None";
  if (Array.isArray(v)) return "a list";
  if (v instanceof Map) return "a dict";
  return typeof v === "string" ? `the string '${v}'` : String(v);
}
