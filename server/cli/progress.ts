/**
 * Progress of a run on a terminal: one line redrawn in place (phase, progress bar, the latest
 * metrics, ETA); on a pipe, one plain line per epoch and per generation instead.
 */
import type { RunEvent } from "../../protocol/runEvents";
import { formatMetric } from "../language/printer";
import type { EventSink } from "../runs/sinks";

export class ProgressSink implements EventSink {
  private trainStart = 0;
  private stepsTotal = 0;
  private stepsDone = 0;
  /** The global step number training (re)started at. */
  private firstStep = 0;
  private searchStart = 0;
  private budget = 0;
  private evaluations = 0;
  private resumedEvaluations = 0;
  private bestAccuracy: number | undefined;
  private lastLine = "";

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
    private readonly now: () => number = () => performance.now(),
  ) {}

  emit(e: RunEvent): void {
    switch (e.type) {
      case "run-started":
        this.line(
          `run ${e.runId} (search ${e.search} on ${e.space}, backend ${e.backend}${e.resumedFrom ? `, resuming after ${e.resumedFrom} evaluations` : ""})`,
        );
        this.resumedEvaluations = e.resumedFrom;
        break;
      case "phase":
        if (e.phase !== "done") this.line(`${e.phase}${e.detail ? `: ${e.detail}` : ""}`);
        break;
      case "train-start":
        this.trainStart = this.now();
        this.firstStep = e.resumedAt * e.stepsPerEpoch;
        this.stepsTotal = (e.epochs - e.resumedAt) * e.stepsPerEpoch;
        break;
      case "train-step": {
        // Step events come every few steps: count steps by the step number, not by events.
        this.stepsDone = e.step + 1 - this.firstStep;
        const m = e.metrics.largest ?? e.metrics.random;
        const eta = this.eta(this.trainStart, this.stepsDone, this.stepsTotal);
        this.status(
          `train epoch ${e.epoch + 1} ${bar(this.stepsDone / Math.max(1, this.stepsTotal))} loss ${m ? m.loss.toFixed(3) : "?"} acc ${m ? (m.accuracy * 100).toFixed(1) : "?"}% ${Math.round(e.imagesPerSecond)} img/s ETA ${eta}`,
        );
        break;
      }
      case "epoch": {
        const parts = (["largest", "smallest", "random"] as const)
          .filter((k) => e.metrics[k])
          .map((k) => `${k} ${(e.metrics[k]!.accuracy * 100).toFixed(1)}%`);
        this.line(
          `epoch ${e.epoch}/${e.epochs}: train accuracy ${parts.join(", ")}; ${Math.round(e.imagesPerSecond)} img/s, ${e.seconds.toFixed(1)} s`,
        );
        break;
      }
      case "search-start":
        this.searchStart = this.now();
        this.budget = e.budget;
        break;
      case "evaluation": {
        this.evaluations = e.index + 1;
        if (e.metrics.accuracy !== undefined && e.violation === 0)
          this.bestAccuracy = Math.max(this.bestAccuracy ?? 0, e.metrics.accuracy);
        const done = this.evaluations - this.resumedEvaluations;
        const eta = this.eta(this.searchStart, done, this.budget - this.resumedEvaluations);
        this.status(
          `search ${this.evaluations}/${this.budget} ${bar(this.evaluations / Math.max(1, this.budget))} best accuracy ${this.bestAccuracy === undefined ? "–" : formatMetric("accuracy", this.bestAccuracy)} ETA ${eta}`,
        );
        break;
      }
      case "generation":
        if (!this.tty)
          this.line(
            `generation ${e.generation}: ${e.evaluations} evaluations, front of ${e.front.length}${e.hypervolume === null ? "" : `, hypervolume ${e.hypervolume.toPrecision(4)}`}`,
          );
        break;
      case "run-finished":
        this.line(
          `finished: ${e.evaluations} evaluations, ${e.front.length} on the Pareto front, ${formatDuration(e.seconds)}`,
        );
        break;
      case "run-failed":
        this.line(`failed: ${e.message}`);
        break;
      default:
        break;
    }
  }

  private eta(start: number, done: number, total: number): string {
    if (done <= 0 || total <= done) return "–";
    const elapsed = (this.now() - start) / 1000;
    return formatDuration((elapsed / done) * (total - done));
  }

  /** A redrawn status line on a terminal; nothing on a pipe (the per-epoch lines suffice). */
  private status(text: string): void {
    if (!this.tty) return;
    const width = process.stderr.columns ?? 100;
    const clipped = text.length > width - 1 ? text.slice(0, width - 2) + "…" : text;
    this.write(`\r${clipped}${" ".repeat(Math.max(0, this.lastLine.length - clipped.length))}`);
    this.lastLine = clipped;
  }

  private line(text: string): void {
    if (this.tty && this.lastLine) this.write(`\r${" ".repeat(this.lastLine.length)}\r`);
    this.lastLine = "";
    this.write(`${text}\n`);
  }
}

function bar(fraction: number, width = 20): string {
  const f = Math.max(0, Math.min(1, fraction));
  const full = Math.round(f * width);
  return `▕${"█".repeat(full)}${"░".repeat(width - full)}▏ ${Math.round(f * 100)}%`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
