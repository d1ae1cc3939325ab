/**
 * `npx tsx bench/kernels.ts [--quick] [--no-cpu] [--no-torch] [--no-profile] [--kernel-batch N]`
 *
 * 1. Each kernel that server/engine/backend registers for wasm, against the CPU backend and
 *    against the stock wasm kernel it replaces (where there is one): median milliseconds.
 * 2. Where a training step of the issue's plain conv net (batch 64, SGD with momentum, written
 *    with tfjs-core ops and the engine's BatchNorm) goes on wasm with one thread: tf.profile's
 *    time per kernel name, medians over the profiled steps (`--no-profile` skips it).
 * 3. That whole step on wasm with one thread and with every core, on the CPU backend, and in
 *    PyTorch (Debian's python3-torch) in the same run.
 * Prints tables and writes bench/results/kernels.json.
 */
import { spawnSync } from "node:child_process";
import * as tf from "@tensorflow/tfjs-core";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startBackend } from "../server/engine/backend/select";
import {
  PLAIN_CONV_NET,
  describeConvNet,
  median,
  startTrainingSession,
  timeTrainingSteps,
} from "../server/engine/backend/training-probe";
import type { StepTiming } from "../server/engine/backend/training-probe";
import { stockWasmKernel } from "../server/engine/backend/wasm-kernels";
import {
  convLayerCases,
  depthwiseCases,
  reductionAndProductCases,
  timeKernel,
  timeKernelConfig,
} from "./kernels-cases";
import type { KernelCase, TimingOptions } from "./kernels-cases";
import { writeResults } from "./stats";

const { values: options } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-cpu": { type: "boolean", default: false },
    "no-torch": { type: "boolean", default: false },
    "no-profile": { type: "boolean", default: false },
    // The CPU backend's Conv2DBackpropFilter takes over a minute per call at batch 64.
    "kernel-batch": { type: "string", default: "8" },
  },
});
const kernelBatch = Number(options["kernel-batch"]);
const STEP_BATCH = 64;
const threads = availableParallelism();
const wasmRuns: TimingOptions = options.quick
  ? { runs: 3, maxMilliseconds: 2000 }
  : { runs: 9, maxMilliseconds: 10000 };
const cpuRuns: TimingOptions = { runs: options.quick ? 1 : 3, maxMilliseconds: 5000 };

interface KernelRow {
  kernel: string;
  case: string;
  wasmMs: number;
  stockWasmMs: number | null;
  cpuMs: number | null;
}

interface ProfileRow {
  kernel: string;
  callsPerStep: number;
  /** Median over the profiled steps of this kernel's total time in a step. */
  msPerStep: number;
}

interface StepRow {
  engine: string;
  threads: number;
  timing: StepTiming | null;
  note?: string;
}

async function timeKernels(cases: KernelCase[]): Promise<KernelRow[]> {
  await startBackend("wasm", { threads: 1 });
  const rows = cases.map((c): KernelRow => {
    const stock = stockWasmKernel(c.kernel);
    return {
      kernel: c.kernel,
      case: c.label,
      wasmMs: timeKernel(c, wasmRuns),
      stockWasmMs: stock === undefined ? null : timeKernelConfig(stock, c, wasmRuns),
      cpuMs: null,
    };
  });
  if (!options["no-cpu"]) {
    await startBackend("cpu", { threads: 1 });
    rows.forEach((row, i) => (row.cpuMs = timeKernel(cases[i], cpuRuns)));
  }
  return rows;
}

/**
 * tf.profile times every kernel the engine runs (wasm runs them synchronously); kernels that a
 * registered composite kernel calls internally are inside its time. Ops that run other kernels
 * (customGrad's "forward") are left out, so that no time counts twice.
 */
async function profileStep(): Promise<{ rows: ProfileRow[]; stepMs: number }> {
  await startBackend("wasm", { threads: 1 });
  const session = startTrainingSession(PLAIN_CONV_NET, STEP_BATCH);
  const perStep: Map<string, { ms: number; calls: number }>[] = [];
  const stepTimes: number[] = [];
  try {
    for (let i = 0; i < 3; i++) session.step();
    for (let i = 0; i < (options.quick ? 3 : 7); i++) {
      let stepMs = 0;
      const profile = await tf.profile(() => {
        stepMs = session.step();
      });
      stepTimes.push(stepMs);
      const totals = new Map<string, { ms: number; calls: number }>();
      for (const k of profile.kernels.filter((k) => tf.getKernel(k.name, "wasm") !== undefined)) {
        const total = totals.get(k.name) ?? { ms: 0, calls: 0 };
        total.ms += k.kernelTimeMs as number;
        total.calls += 1;
        totals.set(k.name, total);
      }
      perStep.push(totals);
    }
  } finally {
    session.dispose();
  }
  const names = [...new Set(perStep.flatMap((totals) => [...totals.keys()]))];
  const rows = names.map((kernel) => ({
    kernel,
    callsPerStep: perStep[0].get(kernel)?.calls ?? 0,
    msPerStep: median(perStep.map((totals) => totals.get(kernel)?.ms ?? 0)),
  }));
  return { rows: rows.sort((a, b) => b.msPerStep - a.msPerStep), stepMs: median(stepTimes) };
}

async function timeSteps(): Promise<StepRow[]> {
  const stepOptions = {
    batch: STEP_BATCH,
    warmupSteps: 3,
    maxSteps: options.quick ? 5 : 20,
    maxSeconds: options.quick ? 8 : 20,
  };
  const rows: StepRow[] = [];
  for (const count of threads > 1 ? [1, threads] : [1]) {
    const attempt = await startBackend("wasm", { threads: count });
    rows.push({
      engine: "tfjs wasm",
      threads: count,
      timing: timeTrainingSteps(PLAIN_CONV_NET, stepOptions),
      note: attempt.note,
    });
  }
  if (!options["no-cpu"]) {
    await startBackend("cpu", { threads: 1 });
    const timing = timeTrainingSteps(PLAIN_CONV_NET, {
      batch: kernelBatch,
      warmupSteps: 1,
      maxSteps: 1,
      maxSeconds: 1,
    });
    rows.push({
      engine: "tfjs cpu",
      threads: 1,
      timing,
      note: `batch ${kernelBatch}: a step at ${STEP_BATCH} takes minutes`,
    });
  }
  if (!options["no-torch"]) {
    for (const count of [threads, 1]) rows.push(timeTorch(count, stepOptions));
  }
  return rows;
}

function timeTorch(count: number, stepOptions: object): StepRow {
  const script = join(__dirname, "kernels-torch.py");
  const spec = JSON.stringify({ ...PLAIN_CONV_NET, ...stepOptions, threads: count });
  const run = spawnSync("/usr/bin/python3", [script, spec], { encoding: "utf8" });
  if (run.status !== 0) {
    const reason = run.error?.message ?? run.stderr.trim().split("\n").at(-1) ?? `exit ${run.status}`;
    return { engine: "pytorch", threads: count, timing: null, note: `not run: ${reason}` };
  }
  const result = JSON.parse(run.stdout) as StepTiming & { torch: string };
  return {
    engine: "pytorch",
    threads: count,
    timing: { ...result, warmedUp: true },
    note: `torch ${result.torch}`,
  };
}

const ms = (x: number | null): string => (x === null ? "—" : x >= 100 ? x.toFixed(0) : x.toFixed(2));
const ratio = (a: number | null, b: number): string => (a === null ? "—" : `${(a / b).toFixed(1)}×`);

function printKernels(rows: KernelRow[]): void {
  console.log(`\nKernels, batch ${kernelBatch}, median ms (wasm: one thread):`);
  console.log(
    `${"kernel".padEnd(36)}${"case".padEnd(32)}${"wasm".padStart(9)}${"stock".padStart(9)}${"cpu".padStart(10)}${"vs stock".padStart(10)}${"vs cpu".padStart(9)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.kernel.padEnd(36)}${r.case.padEnd(32)}${ms(r.wasmMs).padStart(9)}${ms(r.stockWasmMs).padStart(9)}${ms(r.cpuMs).padStart(10)}` +
        `${ratio(r.stockWasmMs, r.wasmMs).padStart(10)}${ratio(r.cpuMs, r.wasmMs).padStart(9)}`,
    );
  }
}

function printProfile({ rows, stepMs }: { rows: ProfileRow[]; stepMs: number }): void {
  const total = rows.reduce((sum, r) => sum + r.msPerStep, 0);
  console.log(
    `\nWhere a training step goes, wasm, one thread (tf.profile; the profiled step took ${ms(stepMs)} ms, kernels ${ms(total)} ms):`,
  );
  console.log(`${"kernel".padEnd(36)}${"calls".padStart(7)}${"ms/step".padStart(10)}${"share".padStart(8)}`);
  for (const r of rows.filter((row) => row.msPerStep >= 0.05)) {
    console.log(
      `${r.kernel.padEnd(36)}${String(r.callsPerStep).padStart(7)}${ms(r.msPerStep).padStart(10)}${`${((100 * r.msPerStep) / total).toFixed(0)}%`.padStart(8)}`,
    );
  }
}

function printSteps(rows: StepRow[]): void {
  console.log(`\nTraining step, ${describeConvNet(PLAIN_CONV_NET)}, BN + ReLU, SGD momentum:`);
  console.log(
    `${"engine".padEnd(12)}${"threads".padStart(8)}${"batch".padStart(7)}${"ms/step".padStart(10)}${"steps/s".padStart(9)}${"images/s".padStart(10)}  note`,
  );
  for (const r of rows) {
    const t = r.timing;
    console.log(
      `${r.engine.padEnd(12)}${String(r.threads).padStart(8)}${String(t?.batch ?? "—").padStart(7)}${ms(t?.medianStepMs ?? null).padStart(10)}` +
        `${(t ? t.stepsPerSecond.toFixed(2) : "—").padStart(9)}${(t ? t.imagesPerSecond.toFixed(0) : "—").padStart(10)}  ${r.note ?? ""}`,
    );
  }
  // Against PyTorch's faster run: on a busy machine its two-thread run can be the slower one.
  const torchRuns = rows.filter((r) => r.engine === "pytorch" && r.timing !== null);
  const torch = torchRuns.sort(
    (a, b) => (b.timing as StepTiming).imagesPerSecond - (a.timing as StepTiming).imagesPerSecond,
  )[0];
  const cpu = rows.find((r) => r.engine === "tfjs cpu")?.timing;
  for (const r of rows.filter((row) => row.engine === "tfjs wasm" && row.timing)) {
    const images = (r.timing as StepTiming).imagesPerSecond;
    const parts = [
      torch
        ? `${(images / (torch.timing as StepTiming).imagesPerSecond).toFixed(2)}× PyTorch (its best, ${torch.threads} thread(s))`
        : undefined,
      cpu ? `${(images / cpu.imagesPerSecond).toFixed(0)}× the CPU backend` : undefined,
    ].filter((p) => p !== undefined);
    if (parts.length > 0) console.log(`wasm, ${r.threads} thread(s): ${parts.join(", ")} (images/s)`);
  }
}

async function main(): Promise<void> {
  const cases = [
    ...convLayerCases(PLAIN_CONV_NET, kernelBatch),
    ...depthwiseCases(kernelBatch),
    ...reductionAndProductCases(kernelBatch),
  ];
  const kernels = await timeKernels(cases);
  printKernels(kernels);
  const profile = options["no-profile"] ? null : await profileStep();
  if (profile) printProfile(profile);
  const steps = await timeSteps();
  printSteps(steps);
  writeResults("kernels", {
    machineThreads: threads,
    loadAverage: loadavg(),
    kernelBatch,
    stepBatch: STEP_BATCH,
    kernels,
    stepProfile: profile,
    steps,
  });
}

void main();
