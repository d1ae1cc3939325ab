/** Shared statistics and result files for benchmarks. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Summary {
  readonly n: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function median(samples: readonly number[]): number {
  return quantile(
    [...samples].sort((a, b) => a - b),
    0.5,
  );
}

/** A figure rounded for a results file. */
export function round(x: number, digits = 3): number {
  return Number(x.toFixed(digits));
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 100) / 100;
  return {
    n: s.length,
    medianMs: r(quantile(s, 0.5)),
    p95Ms: r(quantile(s, 0.95)),
    minMs: r(s[0]),
    maxMs: r(s[s.length - 1]),
  };
}

/** Writes bench/results/<name>.json (git-ignored) for docs/benchmarks.md. */
export function writeResults(name: string, data: unknown): void {
  const dir = join(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ date: new Date().toISOString(), data }, null, 2));
}
