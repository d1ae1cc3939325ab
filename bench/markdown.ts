/** Markdown fragments of benchmark results, pasted into docs/benchmarks.md. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Environment variables that change what a benchmark measures, repeated in its command. */
const SETTINGS = ["SUPERNET_BACKEND", "SUPERNET_THREADS"];

/** The command that reproduces this process's benchmark, as typed from the repository root. */
export function invocation(): string {
  const env = SETTINGS.filter((name) => process.env[name]).map((name) => `${name}=${process.env[name]}`);
  const script = relative(join(__dirname, ".."), process.argv[1]);
  return [...env, "npx tsx", script, ...process.argv.slice(2)].join(" ");
}

export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const line = (cells: readonly (string | number)[]): string => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Writes bench/results/<name>.md (git-ignored, like the JSON results). */
export function writeFragment(name: string, markdown: string): void {
  const dir = join(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.md`), markdown.endsWith("\n") ? markdown : `${markdown}\n`);
}
