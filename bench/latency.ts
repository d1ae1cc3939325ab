/**
 * Subnet latency and the per-layer latency lookup table on this machine, for examples/quick.nas:
 * direct latency (median, p10–p90, IQR, min) of the smallest and largest subnets at batch 1 and
 * 32; then, for each statistic a table can be built on (median, p10, min), several times over,
 * the table is built and its prediction compared with direct measurement of 20 subnets (MAPE,
 * Kendall's τ); the median over the repeats is reported.
 * Run: npx tsx bench/latency.ts [--repeats N] [--subnets N]
 * (SUPERNET_BACKEND=cpu|wasm picks the backend, SUPERNET_THREADS=1 the single-threaded wasm build)
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { selectBackend } from "../server/engine/backend/select";
import { subnetSize } from "../server/engine/export";
import {
  buildLatencyTable,
  evaluateLatencyTable,
  LATENCY_STATISTICS,
  measureSubnetLatency,
} from "../server/engine/latency";
import type { LatencyMeasurement } from "../server/engine/latency";
import { checkDocument } from "../server/language/checker";
import { largestGenome, smallestGenome } from "../server/language/encoding";
import { planSubnet } from "../server/language/plan";
import { median, round, writeResults } from "./stats";

const describe = (m: LatencyMeasurement): string =>
  `batch ${m.batch}: median ${m.median.toFixed(3)} ms (p10 ${m.p10.toFixed(3)}, p90 ${m.p90.toFixed(3)}, IQR ${m.iqr.toFixed(3)}, min ${m.min.toFixed(3)})`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { repeats: { type: "string", default: "3" }, subnets: { type: "string", default: "20" } },
  });
  const repeats = Number(values.repeats);
  const subnets = Number(values.subnets);
  const backend = await selectBackend();
  const machine = { cpus: cpus().length, loadAverage: loadavg().map((l) => round(l, 1)) };
  console.log(
    `backend: ${backend.kind} (${backend.threads} thread(s)); ${machine.cpus} cores, load average ${machine.loadAverage.join(", ")}`,
  );
  const text = readFileSync(join(__dirname, "../examples/quick.nas"), "utf8");
  const model = [...checkDocument(text).spaces.values()][0].model;

  const direct: Record<string, unknown> = {};
  for (const [name, genome] of [
    ["smallest", smallestGenome(model)],
    ["largest", largestGenome(model)],
  ] as const) {
    const plan = planSubnet(model, genome);
    const measured = await measureSubnetLatency(plan, { batches: [1, 32] });
    const size = subnetSize(plan);
    console.log(
      `${name} subnet (${plan.macs} MACs, ${plan.params} params, ${size.float32Bytes} B float32, ~${size.int8Bytes} B int8): ${measured.map(describe).join("; ")}`,
    );
    direct[name] = { macs: plan.macs, params: plan.params, size, latency: measured };
  }

  const tables: Record<string, unknown> = {};
  for (const statistic of LATENCY_STATISTICS) {
    const runs: {
      seconds: number;
      entries: number;
      overheadMs: number;
      mape: number;
      kendallTau: number | null;
    }[] = [];
    for (let r = 0; r < repeats; r++) {
      const started = performance.now();
      const table = await buildLatencyTable(model, { statistic });
      const seconds = (performance.now() - started) / 1000;
      const error = await evaluateLatencyTable(model, table, { subnets, seed: r });
      runs.push({
        seconds: round(seconds, 1),
        entries: Object.keys(table.entries).length,
        overheadMs: round(table.overheadMs),
        mape: round(error.mape, 1),
        kendallTau: error.kendallTau === null ? null : round(error.kendallTau),
      });
    }
    const summary = {
      mape: median(runs.map((r) => r.mape)),
      kendallTau: median(runs.map((r) => r.kendallTau ?? NaN)),
      buildSeconds: median(runs.map((r) => r.seconds)),
    };
    console.log(
      `table on ${statistic}: ${runs[0].entries} entries, built in ${summary.buildSeconds} s; on ${subnets} subnets, median of ${repeats}: ` +
        `MAPE ${summary.mape}% (runs: ${runs.map((r) => r.mape).join(", ")}), Kendall τ ${summary.kendallTau} (runs: ${runs.map((r) => r.kendallTau).join(", ")})`,
    );
    tables[statistic] = { runs, summary };
  }
  writeResults(`latency-${backend.kind}-${backend.threads}`, { backend, machine, direct, tables });
}

void main();
