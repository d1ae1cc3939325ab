/**
 * What the panels need from run management: live events of every run the server relays, the
 * logged events of any run (a panel opened late or after a reload replays them first), and which
 * run to show by default.
 */
import type { Disposable, Event } from "vscode";
import type { RunEvent } from "../../protocol/runEvents";

export interface RunEventsSource {
  /** Fires for each event of a running run, as the server relays it. */
  readonly onEvent: Event<{ readonly runDir: string; readonly event: RunEvent }>;
  /** Every valid event logged so far in `runDir/events.jsonl`, in order. */
  readEvents(runDir: string): Promise<RunEvent[]>;
  /** The active run, else the most recent run in the workspace, if any. */
  currentRun(): string | undefined;
  /** Fires when `currentRun()` changes (a run starts, a run is opened). */
  readonly onDidChangeCurrentRun: Event<string | undefined>;
}

export type { Disposable };
