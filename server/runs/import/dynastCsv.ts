/**
 * DyNAS-T's results CSV: a header row, then one row per fully evaluated sub-network in evaluation
 * order. DyNAS-T (`get_csv_header` in its supernetwork registry) writes
 * `Sub-network, Date, Model Parameters, Latency (ms), MACs, QUALITY`, where QUALITY is
 * `Top-1 Acc (%)` (OFA image classification, ViT), `BLEU Score` (Transformer LT), `SST-2 Acc`
 * (BERT) or `HR@10` (recommendation); older versions wrote `Sub-network, Date, Latency (ms), MACs,
 * Top-1 Acc (%)` (one with ` MACs`). Columns are found by name, so any order and subset reads.
 * The sub-network cell is a Python dict literal. A metric DyNAS-T did not measure is written as 0.
 */
import { parseCsvRecords } from "../../engine/data/csv";
import { DataError } from "../../engine/data/errors";
import type { CellPlace } from "./importError";
import { ImportError, describePlace } from "./importError";
import type { PyDict } from "./pythonLiteral";
import { LiteralError, parsePythonLiteral } from "./pythonLiteral";

/** The metrics a DyNAS-T row can carry, named as this tool names them. */
export type ImportedMetric = "accuracy" | "macs" | "params" | "latency";

export const SUBNET_COLUMN = "Sub-network";
const DATE_COLUMN = "Date";

/** Header → metric. Every quality score (accuracy, BLEU, hit rate) becomes `accuracy`, the metric searches maximise. */
const METRIC_COLUMNS: ReadonlyMap<string, ImportedMetric> = new Map<string, ImportedMetric>([
  ["Top-1 Acc (%)", "accuracy"],
  ["BLEU Score", "accuracy"],
  ["SST-2 Acc", "accuracy"],
  ["HR@10", "accuracy"],
  ["MACs", "macs"],
  ["Model Parameters", "params"],
  ["Latency (ms)", "latency"],
]);

export interface DynastRow {
  readonly place: CellPlace;
  readonly subnet: PyDict;
  /** DyNAS-T's `Date` cell: when the row was written (local time, no zone). */
  readonly date: string | undefined;
  /** Measured values only: a 0 (DyNAS-T's "not measured"), an empty cell or `nan` leaves the metric out. */
  readonly metrics: Partial<Record<ImportedMetric, number>>;
}

export interface DynastTable {
  /** The sub-network column's header as written. */
  readonly subnetHeader: string;
  /** The metric columns found, with their header as written. */
  readonly columns: readonly { readonly metric: ImportedMetric; readonly header: string }[];
  /** Headers this reader does not know; their cells are not imported. */
  readonly ignored: readonly string[];
  readonly rows: readonly DynastRow[];
}

/** Headers compare without case, surrounding space or repeated inner space (DyNAS-T once wrote ` MACs`). */
function normalHeader(h: string): string {
  return h.trim().replace(/\s+/g, " ").toLowerCase();
}

const KNOWN = new Map(
  [SUBNET_COLUMN, DATE_COLUMN, ...METRIC_COLUMNS.keys()].map((h) => [normalHeader(h), h]),
);

export function parseDynastCsv(text: string, file: string): DynastTable {
  let records;
  try {
    records = parseCsvRecords(text.replace(/^\uFEFF/, ""), file);
  } catch (e) {
    if (e instanceof DataError) throw new ImportError(e.message);
    throw e;
  }
  if (records.length === 0)
    throw new ImportError(
      `${file}: the file is empty; a DyNAS-T results file starts with the header ${SUBNET_COLUMN}, Date, Model Parameters, Latency (ms), MACs, Top-1 Acc (%)`,
    );
  const header = records[0].fields;
  const at = new Map<string, number>();
  const ignored: string[] = [];
  header.forEach((h, i) => {
    const known = KNOWN.get(normalHeader(h));
    if (known === undefined) ignored.push(h);
    else if (at.has(known)) throw new ImportError(`${file}:1: column "${h}" appears twice`);
    else at.set(known, i);
  });
  const subnetAt = at.get(SUBNET_COLUMN);
  if (subnetAt === undefined)
    throw new ImportError(
      `${file}:1: no "${SUBNET_COLUMN}" column; the header is ${header.map((h) => `"${h}"`).join(", ")}`,
    );
  const found = [...METRIC_COLUMNS]
    .filter(([h]) => at.has(h))
    .map(([h, metric]) => ({ metric, header: header[at.get(h)!], index: at.get(h)! }));
  const quality = found.filter((c) => c.metric === "accuracy");
  if (quality.length > 1)
    throw new ImportError(
      `${file}:1: more than one quality column (${quality.map((c) => `"${c.header}"`).join(", ")}); keep the one to import as accuracy`,
    );

  const rows = records.slice(1).map((record, k): DynastRow => {
    const place = { file, line: record.line, row: k + 1 };
    if (record.fields.length !== header.length) {
      throw new ImportError(
        `${describePlace(place)}: ${record.fields.length} fields, but the header has ${header.length}`,
      );
    }
    const metrics: Partial<Record<ImportedMetric, number>> = {};
    for (const c of found) {
      const value = measured(record.fields[c.index], { ...place, column: c.header });
      if (value !== undefined) metrics[c.metric] = value;
    }
    const dateAt = at.get(DATE_COLUMN);
    return {
      place,
      subnet: subnetDict(record.fields[subnetAt], { ...place, column: header[subnetAt] }),
      date: dateAt === undefined ? undefined : record.fields[dateAt].trim(),
      metrics,
    };
  });
  if (rows.length === 0) throw new ImportError(`${file}: the file has a header but no rows`);
  return {
    subnetHeader: header[subnetAt],
    columns: found.map(({ metric, header }) => ({ metric, header })),
    ignored,
    rows,
  };
}

function measured(cell: string, place: CellPlace): number | undefined {
  const text = cell.trim();
  if (text === "" || text.toLowerCase() === "nan") return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ImportError(`${describePlace(place)}: \`${text}\` is not a number`);
  return value === 0 ? undefined : value;
}

function subnetDict(cell: string, place: CellPlace): PyDict {
  let value;
  try {
    value = parsePythonLiteral(cell);
  } catch (e) {
    if (e instanceof LiteralError)
      throw new ImportError(`${describePlace(place)}: ${e.message} of \`${excerpt(cell, e.offset)}\``);
    throw e;
  }
  if (!(value instanceof Map))
    throw new ImportError(
      `${describePlace(place)}: expected a Python dict such as {'ks': [3, 5, 7], 'd': [2]}, got \`${excerpt(cell, 0)}\``,
    );
  return value;
}

/** Up to 40 characters of a cell around a position, for messages. */
function excerpt(cell: string, offset: number): string {
  const start = Math.max(0, offset - 20);
  const end = Math.min(cell.length, start + 40);
  return `${start > 0 ? "…" : ""}${cell.slice(start, end)}${end < cell.length ? "…" : ""}`;
}
