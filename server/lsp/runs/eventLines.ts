/**
 * Reads a runner's stdout: one JSON event a line (`supernet … --events`). Each line is validated;
 * a line that is not a valid event is reported and dropped, never relayed.
 */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { RunEvent } from "../../../protocol/runEvents";
import { parseRunEvent } from "../../../protocol/runEvents";

export interface EventLineHandlers {
  /** A valid event, with the exact line it came from. */
  event(event: RunEvent, line: string): void;
  invalid(line: string, error: string): void;
}

/** Resolves once the stream has ended and every line has been handled. */
export function readEventLines(stream: Readable, handlers: EventLineHandlers): Promise<void> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (line.trim() === "") return;
    const parsed = parseRunEvent(line);
    if ("event" in parsed) handlers.event(parsed.event, line);
    else handlers.invalid(line, parsed.error);
  });
  return new Promise((resolve) => lines.once("close", resolve));
}
