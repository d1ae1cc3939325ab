/**
 * `npx tsx bench/supernetThroughput.ts [--rounds N] [--steps N] [--warmup N] [--cpu-steps N] [--no-cpu] [--no-torch]`
 *
 * Issue 5's benchmark (b): supernet training throughput on examples/quick.nas (the MobileNet-style
 * space), batch and optimizer from its train block, with the engine's real training step:
 *  - the largest subnet alone, and
 *  - the sandwich step training really runs (largest + smallest + random, gradients summed),
 * on wasm with one thread and with every core, and on the CPU backend, against PyTorch (Debian's
 * python3-torch) with one thread and with every core running the same subnets, in the same run.
 * Each round times every engine in turn; figures are medians over the rounds of each round's
 * median step. Prints tables and the load average, writes bench/results/supernet-throughput.json.
 */
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { startBackend } from "../server/engine/backend/select";
import type { BackendKind } from "../server/engine/backend/select";
import type { SampledSubnet } from "../server/engine/train/sampling";
import { loadQuickSpace } from "./quickSupernet";
import { median, round, writeResults } from "./stats";
import { sampledSteps, syntheticBatch, timeEngineSteps } from "./supernetSteps";
import type { StepTimes } from "./supernetSteps";
import { runTorch, torchWork } from "./supernetTorch";
import type { TorchResult, TorchWork } from "./supernetTorch";

const { values: options } = parseArgs({
  options: {
    rounds: { type: "string", default: "2" },
    steps: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    // The CPU backend's gradient kernels take seconds per step here.
    "cpu-steps": { type: "string", default: "1" },
    "no-cpu": { type: "boolean", default: false },
    "no-torch": { type: "boolean", default: false },
  },
});
const rounds = Number(options.rounds);
const timedSteps = Number(options.steps);
const warmupSteps = Number(options.warmup);
const cpuSteps = Number(options["cpu-steps"]);
const machineThreads = availableParallelism();
const threadCounts = [...new Set([1, machineThreads])];

interface Scenario {
  name: string;
  title: string;
  steps: SampledSubnet[][];
}

interface Engine {
  label: string;
  threads: number;
  /** A tfjs backend, or PyTorch. */
  backend: BackendKind | "pytorch";
}

/** One engine's figures for each scenario, in order, and what to say about how it ran. */
interface EngineTimes {
  times: (StepTimes | null)[];
  note: string;
  /** PyTorch's own count of the subnets' costs. */
  torch?: TorchResult;
}

interface Measurement {
  engine: Engine;
  scenario: string;
  round: number;
  times: StepTimes | null;
  note: string;
}

const ENGINES: Engine[] = [
  ...threadCounts.map((threads): Engine => ({ label: "tfjs wasm", threads, backend: "wasm" })),
  ...(options["no-cpu"] ? [] : [{ label: "tfjs cpu", threads: 1, backend: "cpu" } as const]),
  ...(options["no-torch"]
    ? []
    : threadCounts.map((threads): Engine => ({ label: "pytorch", threads, backend: "pytorch" }))),
];

const sameEngine = (a: Engine, b: Engine): boolean => a.backend === b.backend && a.threads === b.threads;

function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");
}

async function timeBackend(
  backend: BackendKind,
  threads: number,
  scenarios: readonly Scenario[],
  run: (steps: SampledSubnet[][], warmup: number) => StepTimes,
): Promise<EngineTimes> {
  const attempt = await startBackend(backend, { threads });
  if (!attempt.loaded) return { times: scenarios.map(() => null), note: `not loaded: ${attempt.note}` };
  // The CPU backend runs the first steps of the same sequence, one of them as warm-up.
  const slow = backend === "cpu";
  const times = scenarios.map((s) =>
    slow ? run(s.steps.slice(0, 1 + cpuSteps), 1) : run(s.steps, warmupSteps),
  );
  const note = slow ? `${cpuSteps} step(s) after 1 warm-up` : (attempt.note ?? "");
  return { times, note };
}

function timeTorch(engine: Engine, scenarios: readonly Scenario[], work: TorchWork): EngineTimes {
  const result = runTorch(work, engine.threads);
  if ("failure" in result) return { times: scenarios.map(() => null), note: `not run: ${result.failure}` };
  return {
    times: scenarios.map((s) => result.scenarios[s.name]),
    note: `torch ${result.torch}`,
    torch: result,
  };
}

async function main(): Promise<void> {
  const { model, config } = loadQuickSpace();
  const train = config.train;
  const sandwich = sampledSteps(model, train.sampling, config.seed, warmupSteps + timedSteps);
  const scenarios: Scenario[] = [
    {
      name: "largest",
      title: "the largest subnet alone",
      steps: sandwich.map((step) => step.filter((s) => s.kind === "largest")),
    },
    { name: "sandwich", title: `a sandwich step (${describeSampling(sandwich[0])})`, steps: sandwich },
  ];
  const work = torchWork(
    model,
    train,
    config.seed,
    Object.fromEntries(scenarios.map((s) => [s.name, s.steps])),
    warmupSteps,
  );
  const [height, width, channels] = work.input;
  const batch = syntheticBatch([train.batch, height, width, channels], work.classes, config.seed);
  const engineRun = (steps: SampledSubnet[][], warmup: number): StepTimes =>
    timeEngineSteps({
      model,
      config: train,
      seed: config.seed,
      batch,
      classes: work.classes,
      steps,
      warmupSteps: warmup,
    });

  const measurements: Measurement[] = [];
  const loads: string[] = [];
  let torchResult: TorchResult | undefined;
  for (let r = 0; r < rounds; r++) {
    loads.push(loadAverage());
    for (const engine of ENGINES) {
      const timed =
        engine.backend === "pytorch"
          ? timeTorch(engine, scenarios, work)
          : await timeBackend(engine.backend, engine.threads, scenarios, engineRun);
      torchResult ??= timed.torch;
      scenarios.forEach((s, i) =>
        measurements.push({ engine, scenario: s.name, round: r, times: timed.times[i], note: timed.note }),
      );
      console.error(`round ${r + 1}/${rounds}: ${engine.label}, ${engine.threads} thread(s) done`);
    }
  }
  loads.push(loadAverage());

  const costs = printCosts(work, torchResult);
  const summaries = scenarios.map((s) => printScenario(s, train.batch, measurements));
  console.log(
    `\nload average (1, 5, 15 min) at the start of each round and at the end: ${loads.join(" | ")}`,
  );
  writeResults("supernet-throughput", {
    space: model.name,
    machineThreads,
    batch: train.batch,
    rounds,
    warmupSteps,
    timedSteps,
    cpuSteps,
    loadAverages: loads,
    costs,
    scenarios: summaries,
    measurements: measurements.map((m) => ({
      engine: m.engine.label,
      threads: m.engine.threads,
      scenario: m.scenario,
      round: m.round,
      medianStepMs: m.times ? round(m.times.medianStepMs, 1) : null,
      steps: m.times?.steps ?? 0,
      note: m.note,
    })),
  });
}

function describeSampling(step: readonly SampledSubnet[]): string {
  return step.map((s) => s.kind).join(" + ");
}

/** The language's analytic MACs and params of each subnet beside PyTorch's count of its model. */
function printCosts(work: TorchWork, torch: TorchResult | undefined): object[] {
  const rows = work.subnets.map((s, i) => ({
    resolution: s.input.kind === "image" ? s.input.h : null,
    macs: s.macs,
    torchMacs: torch?.costs[i].macs ?? null,
    params: s.params,
    torchParams: torch?.costs[i].params ?? null,
  }));
  console.log(
    `\nSubnets (${rows.length} distinct; per image): the language's MACs and params, PyTorch's count`,
  );
  console.log(
    `${"#".padStart(3)}${"res".padStart(5)}${"MACs".padStart(10)}${"torch".padStart(10)}${"params".padStart(9)}${"torch".padStart(9)}`,
  );
  rows.forEach((r, i) =>
    console.log(
      `${String(i).padStart(3)}${String(r.resolution).padStart(5)}${String(r.macs).padStart(10)}${String(r.torchMacs ?? "—").padStart(10)}` +
        `${String(r.params).padStart(9)}${String(r.torchParams ?? "—").padStart(9)}`,
    ),
  );
  if (torch) {
    const differ = rows.filter((r) => r.macs !== r.torchMacs || r.params !== r.torchParams).length;
    console.log(
      differ === 0
        ? "MACs and params agree on every subnet."
        : `${differ} subnet(s) DIFFER: the comparison is not fair`,
    );
  }
  return rows;
}

interface ScenarioRow {
  engine: string;
  threads: number;
  medianStepMs: number | null;
  imagesPerSecond: number | null;
  roundsMs: (number | null)[];
  note: string;
}

function printScenario(scenario: Scenario, batch: number, measurements: readonly Measurement[]): object {
  const rows: ScenarioRow[] = ENGINES.map((engine) => {
    const mine = measurements.filter((m) => sameEngine(m.engine, engine) && m.scenario === scenario.name);
    const roundsMs = mine.map((m) => m.times?.medianStepMs ?? null);
    const measured = roundsMs.filter((x) => x !== null);
    const ms = measured.length > 0 ? median(measured) : null;
    return {
      engine: engine.label,
      threads: engine.threads,
      medianStepMs: ms,
      imagesPerSecond: ms === null ? null : (1000 * batch) / ms,
      roundsMs,
      note: mine.at(-1)?.note ?? "",
    };
  });
  const speedOf = (backend: string, threads: number): number | null =>
    rows.find((r) => r.engine === backend && r.threads === threads)?.imagesPerSecond ?? null;
  const references = [
    ...[...threadCounts].reverse().map((t) => ({ label: `×PyTorch ${t}t`, speed: speedOf("pytorch", t) })),
    { label: "×tfjs cpu", speed: speedOf("tfjs cpu", 1) },
  ];
  const ratio = (a: number | null, b: number | null): number | null =>
    a === null || b === null ? null : a / b;
  const fmt = (x: number | null, digits: number): string => (x === null ? "—" : x.toFixed(digits));
  // Ratios span 0.003× (CPU backend against PyTorch) to 400×: two significant digits below 1.
  const fmtRatio = (x: number | null): string =>
    x === null ? "—" : x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(2);

  console.log(`\n${scenario.title}, batch ${batch}: median ms/step over ${rounds} round(s), images/s`);
  console.log(
    `${"engine".padEnd(11)}${"threads".padStart(8)}${"ms/step".padStart(9)}${"images/s".padStart(10)}` +
      references.map((ref) => ref.label.padStart(13)).join("") +
      `  ${"rounds (ms)".padEnd(24)}note`,
  );
  const table = rows.map((r) => {
    const ratios = references.map((ref) => ratio(r.imagesPerSecond, ref.speed));
    console.log(
      `${r.engine.padEnd(11)}${String(r.threads).padStart(8)}${fmt(r.medianStepMs, 0).padStart(9)}${fmt(r.imagesPerSecond, 0).padStart(10)}` +
        ratios.map((x) => fmtRatio(x).padStart(13)).join("") +
        `  ${r.roundsMs
          .map((x) => fmt(x, 0))
          .join(", ")
          .padEnd(24)}${r.note}`,
    );
    return {
      ...r,
      medianStepMs: r.medianStepMs === null ? null : round(r.medianStepMs, 1),
      imagesPerSecond: r.imagesPerSecond === null ? null : round(r.imagesPerSecond, 1),
      roundsMs: r.roundsMs.map((x) => (x === null ? null : round(x, 1))),
      ratios: Object.fromEntries(
        references.map((ref, i) => [ref.label, ratios[i] === null ? null : round(ratios[i], 3)]),
      ),
    };
  });
  return { scenario: scenario.name, title: scenario.title, rows: table };
}

void main();
