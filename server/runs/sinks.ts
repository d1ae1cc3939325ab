/**
 * Where a run's events go besides its log: standard output as JSON lines (`--events`, read by
 * the extension), a progress display, or any consumer. The runner writes through this one
 * interface, so a remote target or distributed workers only need another sink.
 */
import type { RunEvent } from "../../protocol/runEvents";

export interface EventSink {
  emit(event: RunEvent): void;
}

export class JsonLinesSink implements EventSink {
  constructor(private readonly write: (line: string) => void) {}
  emit(event: RunEvent): void {
    this.write(`${JSON.stringify(event)}\n`);
  }
}
