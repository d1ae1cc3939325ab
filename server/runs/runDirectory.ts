/**
 * A run's directory: `run.json` (what was asked), `events.jsonl` (append-only, every line
 * flushed to disk before the run goes on, so a killed run loses nothing it reported),
 * `evaluations.csv` and `pareto.json` (derived, rewritten as the run goes), `checkpoints/`.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { EvaluationEvent, RunEvent } from "../../protocol/runEvents";
import { parseRunEvent } from "../../protocol/runEvents";
import type { RunManifest } from "../../protocol/runFiles";
import { runManifestSchema } from "../../protocol/runFiles";

export const RUNS_FOLDER = join(".supernet", "runs");

export interface RunPaths {
  readonly dir: string;
  readonly manifest: string;
  readonly events: string;
  readonly evaluations: string;
  readonly pareto: string;
  readonly checkpoints: string;
}

export function runPaths(dir: string): RunPaths {
  return {
    dir,
    manifest: join(dir, "run.json"),
    events: join(dir, "events.jsonl"),
    evaluations: join(dir, "evaluations.csv"),
    pareto: join(dir, "pareto.json"),
    checkpoints: join(dir, "checkpoints"),
  };
}

/** `2026-11-22T10-04-11-Quick`: sortable, readable, safe in file names. */
export function runId(search: string, now: Date): string {
  return `${now.toISOString().slice(0, 19).replace(/:/g, "-")}-${search.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

export function createRunDirectory(root: string, id: string, manifest: RunManifest): RunPaths {
  let dir = join(root, id);
  for (let k = 2; existsSync(dir); k++) dir = join(root, `${id}-${k}`);
  const paths = runPaths(dir);
  mkdirSync(paths.checkpoints, { recursive: true });
  writeAtomic(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return paths;
}

export function readManifest(paths: RunPaths): RunManifest {
  if (!existsSync(paths.manifest)) throw new Error(`${paths.dir} is not a run directory: it has no run.json`);
  const parsed = runManifestSchema.safeParse(JSON.parse(readFileSync(paths.manifest, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${paths.manifest} is not a valid run manifest: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

export interface ReadEvents {
  readonly events: RunEvent[];
  /** Lines that did not validate, with their line numbers (reported, never acted on). */
  readonly invalid: { line: number; error: string }[];
  /** Bytes of a last line cut short by a kill, which a resume removes. */
  readonly tornBytes: number;
}

/** Reads `events.jsonl`; a final line without its newline was cut short by a kill and is ignored. */
export function readEvents(path: string): ReadEvents {
  if (!existsSync(path)) return { events: [], invalid: [], tornBytes: 0 };
  const text = readFileSync(path, "utf8");
  const complete = text.endsWith("\n") ? text : text.slice(0, text.lastIndexOf("\n") + 1);
  const events: RunEvent[] = [];
  const invalid: { line: number; error: string }[] = [];
  complete.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const r = parseRunEvent(line);
    if ("event" in r) events.push(r.event);
    else invalid.push({ line: i + 1, error: r.error });
  });
  return { events, invalid, tornBytes: Buffer.byteLength(text) - Buffer.byteLength(complete) };
}

/** The append-only event log. Each event is written and fsync'd before `append` returns. */
export class EventLog {
  private readonly fd: number;

  constructor(path: string, tornBytes = 0) {
    this.fd = openSync(path, "a+");
    if (tornBytes > 0) {
      const size = readFileSync(path).length;
      ftruncateSync(this.fd, size - tornBytes);
    }
  }

  append(event: RunEvent): void {
    writeSync(this.fd, `${JSON.stringify(event)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** `evaluations.csv`: one row per evaluation, the metrics, then each choice as a column. */
export function evaluationsCsv(evaluations: readonly EvaluationEvent[]): string {
  const paths = [...new Set(evaluations.flatMap((e) => Object.keys(e.choices)))];
  const metricNames = ["accuracy", "loss", "macs", "params", "latency", "model_size"] as const;
  const header = ["index", "key", ...metricNames, "violation", "source", ...paths];
  const rows = evaluations.map((e) => [
    String(e.index),
    `"${e.key}"`,
    ...metricNames.map((m) => (e.metrics[m] === undefined ? "" : String(e.metrics[m]))),
    String(e.violation),
    e.source,
    ...paths.map((p) => (e.choices[p] === undefined ? "" : String(e.choices[p]))),
  ]);
  return (
    [
      header.map((h) => (/[",]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)).join(","),
      ...rows.map((r) => r.join(",")),
    ].join("\n") + "\n"
  );
}

/** `pareto.json`: the search's objectives and the evaluations on its final front. */
export function paretoJson(
  search: string,
  objectives: readonly { metric: string; sense: string }[],
  front: readonly EvaluationEvent[],
): string {
  return `${JSON.stringify({ search, objectives, front }, null, 2)}\n`;
}
