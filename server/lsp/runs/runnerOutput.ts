/**
 * Reads a runner process: one JSON event a line on stdout (`supernet … --events`), each
 * validated (a line that is not a valid event is reported and dropped, never relayed), and its
 * stderr line by line.
 */
import type { ChildProcess } from "node:child_process";
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
  return eachLine(stream, (line) => {
    if (line.trim() === "") return;
    const parsed = parseRunEvent(line);
    if ("event" in parsed) handlers.event(parsed.event, line);
    else handlers.invalid(line, parsed.error);
  });
}

export interface RunnerHandlers extends EventLineHandlers {
  stderr(line: string): void;
}

export interface RunnerExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** Why the process could not be started at all. */
  readonly error?: string;
}

/** Follows a runner's output; resolves when it has exited and every line of both streams was handled. */
export function watchRunner(child: ChildProcess, handlers: RunnerHandlers): Promise<RunnerExit> {
  const exited = new Promise<RunnerExit>((done) => {
    child.once("error", (e) => done({ code: null, signal: null, error: e.message }));
    child.once("close", (code, signal) => done({ code, signal }));
  });
  const streams = [
    readEventLines(child.stdout!, handlers),
    eachLine(child.stderr!, (line) => handlers.stderr(line)),
  ];
  return Promise.all([exited, ...streams]).then(([exit]) => exit);
}

function eachLine(stream: Readable, handle: (line: string) => void): Promise<void> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on("line", handle);
  return new Promise((resolve) => lines.once("close", resolve));
}
