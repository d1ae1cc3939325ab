/**
 * The runs running (or run) in this session, each folded from its relayed events into a
 * `RunProgress`, with listeners for every change. Pure: no VS Code API, the clock is passed in.
 */
import { basename } from "node:path";
import type { RunEvent } from "../../protocol/runEvents";
import type { RunProgress } from "./runProgress";
import { advance, endProgress, startProgress } from "./runProgress";

export type Listener<T> = (value: T) => void;

export class LiveRuns {
  private readonly runs = new Map<string, RunProgress>();
  private newest: string | undefined;
  private readonly listeners = new Set<Listener<RunProgress>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A run this session started or resumed (its first events may have come before the answer). */
  begin(runDir: string, search: string): RunProgress {
    const progress = this.runs.get(runDir) ?? startProgress(runDir, search);
    this.newest = runDir;
    return this.set(progress);
  }

  event(runDir: string, event: RunEvent): void {
    // Events of a run started elsewhere (another window's request) are followed as well.
    const known =
      this.runs.get(runDir) ??
      startProgress(runDir, event.type === "run-started" ? event.search : basename(runDir));
    if (event.type === "run-started") this.newest = runDir;
    this.set(advance(known, event, this.now()));
  }

  ended(runDir: string, ended: { code: number | null; stopped: boolean }): void {
    const known = this.runs.get(runDir);
    if (known) this.set(endProgress(known, ended));
  }

  get(runDir: string): RunProgress | undefined {
    return this.runs.get(runDir);
  }

  /** The run started most recently in this session. */
  latest(): RunProgress | undefined {
    return this.newest === undefined ? undefined : this.runs.get(this.newest);
  }

  running(): RunProgress[] {
    return [...this.runs.values()].filter((p) => p.outcome === undefined);
  }

  onChange(listener: Listener<RunProgress>): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private set(progress: RunProgress): RunProgress {
    this.runs.set(progress.runDir, progress);
    for (const listener of this.listeners) listener(progress);
    return progress;
  }
}
