/** What the panels get from run management (api.ts): live events, logged events, the current run. */
import type { Disposable, Event } from "vscode";
import { EventEmitter } from "vscode";
import type { RunEvent } from "../../protocol/runEvents";
import type { RunEventsSource } from "./api";
import type { CurrentRun } from "./currentRun";
import type { RunsConnection } from "./runsConnection";

export class RunEvents implements RunEventsSource, Disposable {
  private readonly events = new EventEmitter<{ readonly runDir: string; readonly event: RunEvent }>();
  readonly onEvent = this.events.event;

  constructor(
    private readonly connection: RunsConnection,
    private readonly current: CurrentRun,
    readonly onDidChangeCurrentRun: Event<string | undefined>,
  ) {}

  fire(runDir: string, event: RunEvent): void {
    this.events.fire({ runDir, event });
  }

  async readEvents(runDir: string): Promise<RunEvent[]> {
    return (await this.connection.request("readRunEvents", { runDir })).events;
  }

  currentRun(): string | undefined {
    return this.current.get();
  }

  dispose(): void {
    this.events.dispose();
  }
}
