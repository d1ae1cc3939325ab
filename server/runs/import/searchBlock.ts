/**
 * The `search` block an imported run's manifest records beside its space: the objectives, the
 * strategy and population DyNAS-T used, and the rows as the budget. It describes the search that
 * produced the rows; nothing reruns it (`supernet resume` refuses imported runs).
 */
import { basename, extname } from "node:path";
import type { ImportObjective } from "./objectives";

export type ImportedStrategy = "linas" | "random" | "nsga2";

/** DyNAS-T's log names say the search: `…_linasnsga2_…` is LINAS, `…_random…` random, the rest evolutionary. */
export function strategyFromFileName(file: string): ImportedStrategy {
  const name = basename(file).toLowerCase();
  if (name.includes("linas")) return "linas";
  if (name.includes("random")) return "random";
  return "nsga2";
}

/** An identifier from the file name that no search in `taken` has. */
export function searchName(file: string, taken: ReadonlySet<string>): string {
  const stem = basename(file, extname(file)).replace(/[^A-Za-z0-9_]/g, "_");
  const base = /^[A-Za-z_]/.test(stem) ? stem : `dynast_${stem}`;
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
  return name;
}

export interface SearchBlockSettings {
  readonly name: string;
  readonly space: string;
  readonly objectives: readonly ImportObjective[];
  readonly strategy: ImportedStrategy;
  readonly population: number;
  readonly rows: number;
  readonly source: string;
}

export function importSearchBlock(s: SearchBlockSettings): string {
  const strategy = s.strategy === "random" ? "random" : `${s.strategy}(population: ${s.population})`;
  return [
    `// Imported by \`supernet import dynast\` from ${basename(s.source)}: ${s.rows} subnets evaluated by DyNAS-T.`,
    `search ${s.name} on ${s.space} {`,
    "  objectives {",
    ...s.objectives.map((o) => `    ${o.sense} ${o.metric}`),
    "  }",
    `  strategy ${strategy}`,
    `  budget ${s.rows} evaluations`,
    "}",
  ].join("\n");
}
