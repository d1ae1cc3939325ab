/**
 * Feeds a run's events to a panel: everything logged first (one `replay` message), then each
 * live event. Live events that arrive while the log is read are held and sent after it; the
 * panel's reducer keeps one copy of anything the log already had.
 */
import type { Disposable } from "vscode";
import type { RunEvent } from "../../protocol/runEvents";
import type { RunEventsSource } from "../runs/api";

export interface EventsMessage {
  readonly type: "events";
  readonly runDir: string;
  readonly replay: boolean;
  readonly events: RunEvent[];
}

export class RunFeed implements Disposable {
  private held: RunEvent[] | undefined = [];
  private disposed = false;
  private readonly live: Disposable;

  constructor(
    runs: RunEventsSource,
    private readonly runDir: string,
    private readonly post: (message: EventsMessage) => void,
    log: (message: string) => void,
  ) {
    this.live = runs.onEvent(({ runDir: dir, event }) => {
      if (dir !== this.runDir || this.disposed) return;
      if (this.held) this.held.push(event);
      else this.post({ type: "events", runDir: this.runDir, replay: false, events: [event] });
    });
    runs.readEvents(runDir).then(
      (events) => this.replay(events),
      (e: unknown) => {
        log(`cannot read the events of ${runDir}: ${e instanceof Error ? e.message : String(e)}`);
        this.replay([]);
      },
    );
  }

  private replay(events: RunEvent[]): void {
    if (this.disposed) return;
    const held = this.held ?? [];
    this.held = undefined;
    this.post({ type: "events", runDir: this.runDir, replay: true, events });
    if (held.length) this.post({ type: "events", runDir: this.runDir, replay: false, events: held });
  }

  dispose(): void {
    this.disposed = true;
    this.live.dispose();
  }
}
