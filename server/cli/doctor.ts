/** `supernet doctor [--json] [--seconds S]`: the compute backends that load, the one chosen, and their training throughput. */
import { parseArgs } from "node:util";
import { selectBackend, startBackend } from "../engine/backend/select";
import type { BackendAttempt, BackendKind, BackendSelection } from "../engine/backend/select";
import { DOCTOR_PROBE_NET, describeConvNet, timeTrainingSteps } from "../engine/backend/training-probe";
import type { StepTiming } from "../engine/backend/training-probe";
import { UsageError } from "./usage";

const KINDS: readonly BackendKind[] = ["node", "wasm", "cpu"];
/** The CPU backend's filter gradient is a scalar loop: one step at batch 32 takes ~40 s there. */
const PROBE_BATCH: Record<BackendKind, number> = { node: 32, wasm: 32, cpu: 4 };

export interface Throughput extends StepTiming {
  backend: BackendKind;
  threads: number;
}

export interface DoctorReport {
  chosen: { kind: BackendKind; threads: number };
  preference: BackendSelection["preference"];
  preferenceSource: BackendSelection["preferenceSource"];
  backends: BackendAttempt[];
  probe: { net: string; secondsPerBackend: number };
  throughput: Throughput[];
}

export async function doctorCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false }, seconds: { type: "string", default: "2" } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError("supernet doctor: takes no file");
  const seconds = Number(values.seconds);
  if (!(seconds > 0))
    throw new UsageError(`supernet doctor: --seconds must be a positive number; got '${values.seconds}'`);
  const report = await diagnose(seconds);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return 0;
}

/** Tries every backend, times a few training steps on each that loads, and leaves the chosen one current. */
export async function diagnose(secondsPerBackend: number): Promise<DoctorReport> {
  const selection = await selectBackend();
  const backends: BackendAttempt[] = [];
  const throughput: Throughput[] = [];
  for (const kind of KINDS) {
    const threadCounts =
      kind === "wasm" && selection.threads > 1 ? [selection.threads, 1] : [selection.threads];
    for (const threads of threadCounts) {
      const attempt = await startBackend(kind, { threads });
      if (threads === threadCounts[0]) backends.push(attempt);
      if (!attempt.loaded) break;
      const timing = timeTrainingSteps(DOCTOR_PROBE_NET, {
        batch: PROBE_BATCH[kind],
        warmupSteps: 1,
        maxSteps: Number.POSITIVE_INFINITY,
        maxSeconds: secondsPerBackend,
      });
      throughput.push({ backend: kind, threads: kind === "wasm" ? threads : 1, ...timing });
    }
  }
  await startBackend(selection.kind, { threads: selection.threads });
  return {
    chosen: { kind: selection.kind, threads: selection.threads },
    preference: selection.preference,
    preferenceSource: selection.preferenceSource,
    backends,
    probe: { net: describeConvNet(DOCTOR_PROBE_NET), secondsPerBackend },
    throughput,
  };
}

export function formatReport(report: DoctorReport): string {
  const lines = [`Backends (preference ${report.preference}, from ${report.preferenceSource}):`];
  for (const b of report.backends) {
    lines.push(`  ${b.kind.padEnd(5)} ${b.loaded ? "loaded" : "not loaded"}${b.note ? `: ${b.note}` : ""}`);
  }
  const threads =
    report.chosen.kind === "wasm"
      ? ` (${report.chosen.threads} thread${report.chosen.threads === 1 ? "" : "s"})`
      : "";
  lines.push(`Chosen: ${report.chosen.kind}${threads}`, "");
  lines.push(`Training throughput, ${report.probe.net}, SGD with momentum:`);
  for (const t of report.throughput) {
    const label = t.backend === "wasm" ? `wasm, ${t.threads} thread${t.threads === 1 ? "" : "s"}` : t.backend;
    const rate = `${t.stepsPerSecond.toFixed(2)} steps/s`;
    const images = `${Math.round(t.imagesPerSecond)} images/s`;
    const timed = t.warmedUp ? `${t.steps} step${t.steps === 1 ? "" : "s"} timed` : "first step only";
    lines.push(
      `  ${label.padEnd(16)} batch ${String(t.batch).padEnd(3)} ${rate.padStart(14)} ${images.padStart(16)}  (${timed})`,
    );
  }
  return `${lines.join("\n")}\n`;
}
