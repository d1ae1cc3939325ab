/** `supernet search FILE` and `supernet resume RUNDIR`: a whole run from the command line. */
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkDocument } from "../language/checker";
import type { BackendPreference } from "../engine/backend/select";
import { BACKEND_PREFERENCES } from "../engine/backend/select";
import type { RunOutcome, RunSettings } from "../runs/runner";
import { RunInputError, resumeRun, startRun } from "../runs/runner";
import { RUNS_FOLDER } from "../runs/runDirectory";
import type { EventSink } from "../runs/sinks";
import { JsonLinesSink } from "../runs/sinks";
import { readSource } from "../io/files";
import { frontTable } from "./frontTable";
import { ProgressSink } from "./progress";
import { UsageError } from "./usage";
import { measuredLatencyMeter } from "../engine/latency/meter";

const OPTIONS = {
  search: { type: "string" },
  out: { type: "string" },
  json: { type: "boolean", default: false },
  events: { type: "boolean", default: false },
  backend: { type: "string" },
  data: { type: "string" },
} as const;

function settingsFrom(
  values: { json?: boolean; events?: boolean; backend?: string; data?: string },
  controller: AbortController,
): RunSettings {
  if (values.backend !== undefined && !(BACKEND_PREFERENCES as readonly string[]).includes(values.backend)) {
    throw new UsageError(`--backend must be one of ${BACKEND_PREFERENCES.join(", ")}`);
  }
  if (values.data !== undefined && !["auto", "embedded", "full"].includes(values.data))
    throw new UsageError("--data must be auto, embedded or full");
  const sinks: EventSink[] = [];
  if (values.events) sinks.push(new JsonLinesSink((line) => void process.stdout.write(line)));
  else sinks.push(new ProgressSink((text) => void process.stderr.write(text), process.stderr.isTTY === true));
  return {
    sinks,
    signal: controller.signal,
    // Latency is measured on this device for each subnet the search evaluates.
    latency: (_supernet, model) => measuredLatencyMeter(model),
    ...(values.backend ? { backend: values.backend as BackendPreference } : {}),
    ...(values.data ? { data: values.data as "auto" | "embedded" | "full" } : {}),
  };
}

/** Ctrl-C stops at the next step or evaluation; everything logged so far stays resumable. */
function interruptible(): AbortController {
  const controller = new AbortController();
  process.once("SIGINT", () => {
    process.stderr.write("\nstopping… (resume with `supernet resume RUNDIR`)\n");
    controller.abort();
  });
  return controller;
}

function report(outcome: RunOutcome, json: boolean, events: boolean): number {
  if (events) return outcome.completed ? 0 : 130;
  const analysis = checkDocument(outcome.manifest.text);
  const search = analysis.searches.find((s) => s.config.name === outcome.manifest.search)!;
  const front = outcome.front.map((i) => outcome.evaluations[i]);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ run: outcome.paths.dir, completed: outcome.completed, evaluations: outcome.evaluations.length, front }, null, 2)}\n`,
    );
  } else if (outcome.completed) {
    process.stdout.write(
      `\nPareto front of ${search.config.name} (${front.length} of ${outcome.evaluations.length} subnets), ${search.config.objectives.map((o) => `${o.sense} ${o.metric}`).join(", ")}:\n\n`,
    );
    process.stdout.write(`${frontTable(search.space!.model, front, search.config.objectives)}\n\n`);
    process.stdout.write(`run directory: ${outcome.paths.dir}\n`);
  } else {
    process.stdout.write(
      `stopped after ${outcome.evaluations.length} evaluations; resume with: supernet resume ${outcome.paths.dir}\n`,
    );
  }
  return outcome.completed ? 0 : 130;
}

/** A run's input errors (a file with errors, a missing search) are printed, not thrown. */
async function reported(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof RunInputError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export async function searchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError("supernet search: name one .nas file");
  const file = resolve(positionals[0]);
  const controller = interruptible();
  return reported(async () => {
    const outcome = await startRun({
      file,
      text: readSource(file),
      runsRoot: values.out ? resolve(values.out) : join(dirname(file), RUNS_FOLDER),
      ...(values.search ? { search: values.search } : {}),
      ...settingsFrom(values, controller),
    });
    return report(outcome, values.json, values.events);
  });
}

export async function resumeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError("supernet resume: name one run directory");
  const controller = interruptible();
  return reported(async () =>
    report(
      await resumeRun(resolve(positionals[0]), settingsFrom(values, controller)),
      values.json,
      values.events,
    ),
  );
}
