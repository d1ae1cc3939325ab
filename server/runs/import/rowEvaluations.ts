/**
 * Each DyNAS-T row as an evaluation of this tool's space: its canonical genome and the metrics
 * DyNAS-T measured. MACs and params are DyNAS-T's own counts (PyTorch, on the real OFA modules),
 * kept as measured; where a row lacks one, this tool's analytic count from the space stands in
 * (for examples/ofa-mobilenetv3.nas the two agree within 0.01% in MACs and 0.33% in params, the
 * differences being the squeeze-and-excitation width rounding and one bias). The
 * float32 weight size is 4 bytes per parameter.
 */
import type { SubnetMetrics } from "../../../protocol/runEvents";
import { genomeKey } from "../../language/encoding";
import { evaluateSubnet } from "../../language/evaluate";
import type { SpaceModel } from "../../language/model";
import type { DynastRow, DynastTable } from "./dynastCsv";
import type { CellPlace } from "./importError";
import { ImportError, describePlace } from "./importError";
import type { SubnetMapping } from "./subnetMapping";
import { genomeFromSubnet } from "./subnetMapping";

export interface ImportedRow {
  readonly place: CellPlace;
  readonly genome: readonly number[];
  readonly key: string;
  readonly metrics: SubnetMetrics;
  /** Seconds between the previous row's `Date` and this one's (0 for the first row or without dates). */
  readonly seconds: number;
}

export interface RowEvaluations {
  readonly rows: readonly ImportedRow[];
  /** Seconds from the first row's `Date` to the last's (0 without dates). */
  readonly span: number;
  /** What a person should know about how the rows were read. */
  readonly notes: readonly string[];
}

const BYTES_PER_WEIGHT = 4;

export function evaluateRows(model: SpaceModel, mapping: SubnetMapping, table: DynastTable): RowEvaluations {
  const notes: string[] = [];
  const times = rowTimes(table.rows);
  if (!times && table.rows.some((r) => r.date !== undefined))
    notes.push("some `Date` cells do not read as DyNAS-T dates: evaluation times are left at 0");
  const standIns = { macs: 0, params: 0 };
  const rows = table.rows.map((row, i): ImportedRow => {
    const genome = genomeFromSubnet(model, mapping, row.subnet, { ...row.place, column: table.subnetHeader });
    const cost = evaluateSubnet(model, genome);
    if (!cost)
      throw new ImportError(
        `${describePlace({ ...row.place, column: table.subnetHeader })}: the subnet's shapes do not work out in space ${model.name} (\`supernet check\` on the space says why)`,
      );
    const m = row.metrics;
    if (m.macs === undefined) standIns.macs++;
    if (m.params === undefined) standIns.params++;
    const params = m.params ?? cost.params;
    return {
      place: row.place,
      genome,
      key: genomeKey(genome),
      metrics: {
        ...(m.accuracy !== undefined ? { accuracy: m.accuracy } : {}),
        macs: m.macs ?? cost.macs,
        params,
        ...(m.latency !== undefined ? { latency: m.latency } : {}),
        model_size: params * BYTES_PER_WEIGHT,
      },
      seconds: times && i > 0 ? (times[i] - times[i - 1]) / 1000 : 0,
    };
  });
  for (const metric of ["macs", "params"] as const) {
    const column = table.columns.find((c) => c.metric === metric);
    if (!column)
      notes.push(`no ${metric} column: this tool's analytic ${metric} count is used for every row`);
    else if (standIns[metric] > 0)
      notes.push(
        `"${column.header}" is 0 or empty in ${standIns[metric]} of ${rows.length} rows: this tool's analytic ${metric} count stands in there`,
      );
  }
  for (const metric of ["accuracy", "latency"] as const) {
    const column = table.columns.find((c) => c.metric === metric);
    const missing = table.rows.filter((r) => r.metrics[metric] === undefined).length;
    if (!column || missing === 0) continue;
    notes.push(
      missing === rows.length
        ? `"${column.header}" is 0 in every row: DyNAS-T did not measure ${metric}, so it is left out`
        : `"${column.header}" is 0 or empty in ${missing} of ${rows.length} rows: DyNAS-T did not measure ${metric} there, so it is left out there`,
    );
  }
  const quality = table.columns.find((c) => c.metric === "accuracy");
  if (quality && quality.header !== "Top-1 Acc (%)")
    notes.push(
      `"${quality.header}" is imported as accuracy, the quality metric searches maximise, as written`,
    );
  if (table.ignored.length > 0)
    notes.push(`columns not imported: ${table.ignored.map((h) => `"${h}"`).join(", ")}`);
  return { rows, span: times ? (times[times.length - 1] - times[0]) / 1000 : 0, notes };
}

/** Milliseconds of each row's `Date` (`2022-11-01 05:39:22.800806`, read as UTC: only differences matter), if every row has one. */
function rowTimes(rows: readonly DynastRow[]): number[] | undefined {
  const times: number[] = [];
  for (const r of rows) {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(r.date ?? "");
    if (!m) return undefined;
    const [, y, mo, d, h, mi, s] = m.map(Number);
    times.push(Date.UTC(y, mo - 1, d, h, mi) + s * 1000);
  }
  return times;
}
