/**
 * What a search pays per subnet of examples/quick.nas (issue 5), on each backend that loads
 * (wasm single-threaded and on every core, the CPU backend; tfjs-node where it installs), for the
 * smallest, a middle (median MACs of a uniform sample) and the largest subnet:
 * - accuracy evaluations per minute: BatchNorm recalibration on 500 training images, then the
 *   1,000 validation images of the embedded subset (one untimed evaluation first, then the median of
 *   --runs timed ones);
 * - latency measurement: the wall time of one measurement as a search's latency meter takes it
 *   (the subnet built, 10 warm-up and 50 timed runs at batch 1) and the latency figures it gives.
 * Run: npx tsx bench/evaluationCost.ts [--runs 5] [--checkpoint DIR]
 * Without --checkpoint the supernet has fresh weights: the cost does not depend on their values,
 * but the accuracies shown are then chance level.
 */
import { availableParallelism, cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { startBackend } from "../server/engine/backend/select";
import type { BackendAttempt, BackendKind } from "../server/engine/backend/select";
import type { Dataset } from "../server/engine/data/dataset";
import {
  DEFAULT_STATISTIC,
  DEFAULT_TIMING,
  measureSubnetLatency,
  sampleGenomes,
} from "../server/engine/latency";
import type { LatencyMeasurement } from "../server/engine/latency";
import { Supernet } from "../server/engine/supernet/supernet";
import type { WeightArrays } from "../server/engine/supernet/weights";
import { evaluateSubnetAccuracy, evaluationData } from "../server/engine/train/evaluate";
import { FileCheckpointStore } from "../server/engine/train/fs-store";
import type { Genome } from "../server/language/encoding";
import { largestGenome, smallestGenome } from "../server/language/encoding";
import type { SpaceModel } from "../server/language/model";
import { planSubnet } from "../server/language/plan";
import { invocation, markdownTable, writeFragment } from "./markdown";
import { loadEmbeddedDataset, loadQuickSpace } from "./quickSupernet";
import { median, round, writeResults } from "./stats";

/** Subnets drawn to find a middle one (the one of median MACs). */
const MIDDLE_SAMPLE = 201;

interface SubnetCost {
  readonly subnet: string;
  readonly macs: number;
  readonly evaluation: {
    readonly seconds: readonly number[];
    readonly medianSeconds: number;
    readonly perMinute: number;
    readonly accuracy: number;
  };
  readonly latency: {
    /** Wall time of each whole measurement (build, warm-up, timed runs). */
    readonly seconds: readonly number[];
    readonly medianSeconds: number;
    /** Median over the repeats of each measurement's statistics, ms at batch 1. */
    readonly medianMs: number;
    readonly p10Ms: number;
    readonly p90Ms: number;
    readonly measurements: readonly LatencyMeasurement[];
  };
}

interface BackendCost {
  readonly backend: string;
  readonly attempt: BackendAttempt;
  readonly subnets: readonly SubnetCost[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "5" }, checkpoint: { type: "string" } },
  });
  const runs = Number(values.runs);
  const started = performance.now();
  const loadAverageStart = loadavg().map((l) => round(l, 2));
  console.log(`${cpus().length} cores, load average ${loadAverageStart.join(", ")}`);
  const space = loadQuickSpace();
  const { model } = space;
  const dataset = await loadEmbeddedDataset(model);
  const weights = values.checkpoint
    ? (await new FileCheckpointStore(values.checkpoint).load())?.weights
    : undefined;
  if (values.checkpoint && !weights) throw new Error(`${values.checkpoint} holds no checkpoint`);
  const subnets = subnetsToTime(model);

  const threads = [...new Set([1, availableParallelism()])];
  const configurations: { kind: BackendKind; threads: number }[] = [
    { kind: "node", threads: 1 },
    ...threads.map((t) => ({ kind: "wasm" as const, threads: t })),
    { kind: "cpu", threads: 1 },
  ];
  const backends: BackendCost[] = [];
  const skipped: BackendAttempt[] = [];
  for (const { kind, threads: count } of configurations) {
    const attempt = await startBackend(kind, { threads: count });
    const backend = kind === "wasm" ? `wasm, ${count} thread(s)` : kind;
    if (!attempt.loaded) {
      console.log(`${backend}: not loaded (${attempt.note})`);
      skipped.push(attempt);
      continue;
    }
    console.log(`${backend}${attempt.note ? ` (${attempt.note})` : ""}:`);
    const costs = await timeBackend(model, dataset, weights, space.config.seed, subnets, runs);
    for (const c of costs) {
      console.log(
        `  ${c.subnet} (${c.macs} MACs): evaluation ${c.evaluation.medianSeconds} s (${c.evaluation.perMinute}/min, accuracy ${c.evaluation.accuracy}%); ` +
          `latency measurement ${c.latency.medianSeconds} s, latency median ${c.latency.medianMs} ms, p10 ${c.latency.p10Ms} ms`,
      );
    }
    backends.push({ backend, attempt, subnets: costs });
  }
  const results: Results = {
    command: invocation(),
    runs,
    machine: { cpus: cpus().length, loadAverageStart, loadAverageEnd: loadavg().map((l) => round(l, 2)) },
    weights: values.checkpoint ? `checkpoint ${values.checkpoint}` : "fresh (untrained)",
    timing: { ...DEFAULT_TIMING, statistic: DEFAULT_STATISTIC },
    backends,
    skipped,
    seconds: round((performance.now() - started) / 1000, 1),
  };
  writeResults("evaluation-cost", results);
  const markdown = fragment(results);
  writeFragment("evaluation-cost", markdown);
  console.log(`\n${markdown}`);
}

/** The smallest subnet, the one of median MACs among a seeded uniform sample, and the largest. */
function subnetsToTime(model: SpaceModel): { name: string; genome: Genome }[] {
  const sample = sampleGenomes(model, MIDDLE_SAMPLE, 0)
    .map((genome) => ({ genome, macs: planSubnet(model, genome).macs }))
    .sort((a, b) => a.macs - b.macs);
  return [
    { name: "smallest", genome: smallestGenome(model) },
    { name: "middle", genome: sample[Math.floor(sample.length / 2)].genome },
    { name: "largest", genome: largestGenome(model) },
  ];
}

/** Times evaluations and latency measurements of each subnet on the current backend. */
async function timeBackend(
  model: SpaceModel,
  dataset: Dataset,
  weights: WeightArrays | undefined,
  seed: number,
  subnets: readonly { name: string; genome: Genome }[],
  runs: number,
): Promise<SubnetCost[]> {
  const supernet = weights ? Supernet.fromArrays(model, weights) : Supernet.create(model, seed);
  const data = evaluationData(dataset, { seed });
  try {
    const costs: SubnetCost[] = [];
    for (const { name, genome } of subnets) {
      const plan = planSubnet(model, genome);
      let accuracy = evaluateSubnetAccuracy(supernet, genome, data).accuracy; // untimed: first-call costs
      const evaluationSeconds: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        accuracy = evaluateSubnetAccuracy(supernet, genome, data).accuracy;
        evaluationSeconds.push((performance.now() - t) / 1000);
      }
      const latencySeconds: number[] = [];
      const measurements: LatencyMeasurement[] = [];
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        const [m] = await measureSubnetLatency(plan, { batches: [1], timing: DEFAULT_TIMING });
        latencySeconds.push((performance.now() - t) / 1000);
        measurements.push(m);
      }
      const evaluationMedian = median(evaluationSeconds);
      costs.push({
        subnet: name,
        macs: plan.macs,
        evaluation: {
          seconds: evaluationSeconds.map((s) => round(s)),
          medianSeconds: round(evaluationMedian),
          perMinute: round(60 / evaluationMedian, 1),
          accuracy: round(accuracy * 100, 1),
        },
        latency: {
          seconds: latencySeconds.map((s) => round(s)),
          medianSeconds: round(median(latencySeconds)),
          medianMs: round(median(measurements.map((m) => m.median))),
          p10Ms: round(median(measurements.map((m) => m.p10))),
          p90Ms: round(median(measurements.map((m) => m.p90))),
          measurements,
        },
      });
    }
    return costs;
  } finally {
    supernet.dispose();
  }
}

/** What bench/results/evaluation-cost.json holds (besides its date). */
interface Results {
  readonly command: string;
  readonly runs: number;
  readonly machine: {
    readonly cpus: number;
    readonly loadAverageStart: readonly number[];
    readonly loadAverageEnd: readonly number[];
  };
  readonly weights: string;
  readonly timing: { readonly warmup: number; readonly runs: number; readonly statistic: string };
  readonly backends: readonly BackendCost[];
  readonly skipped: readonly BackendAttempt[];
  readonly seconds: number;
}

function fragment(r: Results): string {
  const first = r.backends[0]?.subnets ?? [];
  const spread = (xs: readonly number[]): string => `${Math.min(...xs)}–${Math.max(...xs)}`;
  return [
    "### Subnet evaluation cost on examples/quick.nas",
    "",
    `\`${r.command}\` (${r.seconds.toFixed(0)} s in all; ${r.machine.cpus} cores, shared, load average ${r.machine.loadAverageStart.join(" / ")} at the start and ${r.machine.loadAverageEnd.join(" / ")} at the end; weights: ${r.weights}).`,
    "",
    `Subnets: ${first.map((s) => `${s.subnet} ${s.macs} MACs`).join(", ")} (middle: the median MACs of ${MIDDLE_SAMPLE} drawn uniformly). ` +
      `An evaluation recalibrates BatchNorm on 500 training images, then runs the 1,000 validation images of the embedded subset; median of ${r.runs} after one untimed evaluation. ` +
      `A latency measurement builds the subnet and times ${r.timing.warmup} warm-up and ${r.timing.runs} timed runs at batch 1 (a search's meter reports the ${r.timing.statistic}); median of ${r.runs}.` +
      (r.skipped.length ? ` Not loaded: ${r.skipped.map((a) => `${a.kind} (${a.note})`).join("; ")}.` : ""),
    "",
    markdownTable(
      [
        "backend",
        "subnet",
        "evaluation s (median; range)",
        "evaluations / min",
        "latency measurement s (median; range)",
        "latency ms: median",
        "p10",
        "p90",
      ],
      r.backends.flatMap((b) =>
        b.subnets.map((s) => [
          b.backend,
          s.subnet,
          `${s.evaluation.medianSeconds}; ${spread(s.evaluation.seconds)}`,
          s.evaluation.perMinute,
          `${s.latency.medianSeconds}; ${spread(s.latency.seconds)}`,
          s.latency.medianMs,
          s.latency.p10Ms,
          s.latency.p90Ms,
        ]),
      ),
    ),
    "",
  ].join("\n");
}

void main();
