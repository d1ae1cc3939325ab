/**
 * The objectives an imported search optimised. DyNAS-T's example logs name them at the end of the
 * file name (`…_acc`, `…_acc_macs`, `…_acc_macs_params`); `--objectives accuracy,macs` says so
 * explicitly. Each metric's sense is its natural one: accuracy is maximised, the rest minimised.
 */
import { basename, extname } from "node:path";
import type { Metric } from "../../language/metrics";
import { METRICS } from "../../language/metrics";
import { ImportError } from "./importError";

export interface ImportObjective {
  readonly metric: Metric;
  readonly sense: "maximize" | "minimize";
}

/** Metrics an import can supply (a DyNAS-T row has no loss), under their names and DyNAS-T's. */
const NAMES: ReadonlyMap<string, Metric> = new Map<string, Metric>([
  ["accuracy", "accuracy"],
  ["acc", "accuracy"],
  ["accuracy_top1", "accuracy"],
  ["macs", "macs"],
  ["params", "params"],
  ["latency", "latency"],
  ["lat", "latency"],
  ["model_size", "model_size"],
]);

function objective(metric: Metric): ImportObjective {
  return { metric, sense: METRICS.get(metric)!.better === "higher" ? "maximize" : "minimize" };
}

/** The objectives named by the trailing `_name` parts of a file name, if it ends with any. */
export function objectivesFromFileName(file: string): ImportObjective[] | undefined {
  const parts = basename(file, extname(file)).toLowerCase().split("_");
  const metrics: Metric[] = [];
  // From the end; `model_size` is two parts, so a pair is tried before a single part.
  let first = parts.length;
  while (first > 0) {
    const pair = first >= 2 ? NAMES.get(`${parts[first - 2]}_${parts[first - 1]}`) : undefined;
    const single = NAMES.get(parts[first - 1]);
    if (pair) {
      metrics.unshift(pair);
      first -= 2;
    } else if (single) {
      metrics.unshift(single);
      first -= 1;
    } else break;
  }
  return metrics.length === 0 ? undefined : distinct(metrics, file);
}

/** `accuracy,macs` (DyNAS-T's names `acc`, `lat`, `accuracy_top1` too). */
export function parseObjectiveList(list: string): ImportObjective[] {
  const names = list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (names.length === 0)
    throw new ImportError("--objectives: name at least one metric, e.g. --objectives accuracy,macs");
  const metrics = names.map((n) => {
    const m = NAMES.get(n.toLowerCase());
    if (!m)
      throw new ImportError(
        `--objectives: unknown metric \`${n}\`; choose from accuracy, macs, params, latency, model_size`,
      );
    return m;
  });
  return distinct(metrics, "--objectives");
}

function distinct(metrics: readonly Metric[], where: string): ImportObjective[] {
  const twice = metrics.find((m, i) => metrics.indexOf(m) !== i);
  if (twice) throw new ImportError(`${where}: \`${twice}\` is named twice as an objective`);
  return metrics.map(objective);
}
