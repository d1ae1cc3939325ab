/**
 * The LSP messages for runs, between the extension and the language server: starting, stopping,
 * resuming, listing and deleting runs, reading a run's logged events, and the live events the
 * server relays. Declared once here (zod schemas, from which the types follow) and validated on
 * receipt on both sides: a malformed message is logged and dropped, never acted on.
 */
import { z } from "zod";
import { runEventSchema } from "./runEvents";

export const BACKEND_CHOICES = ["auto", "node", "wasm", "cpu"] as const;
export const DATA_CHOICES = ["auto", "embedded", "full"] as const;
/** Where runs go, relative to the workspace folder (or the file's folder outside a workspace). */
export const DEFAULT_RUNS_FOLDER = ".supernet/runs";

/** How the runner runs, from the user's settings (the client resolves them). */
const runnerOptions = z.object({
  backend: z.enum(BACKEND_CHOICES),
  data: z.enum(DATA_CHOICES),
  /** The folder the extension installed `@tensorflow/tfjs-node` into, when it did. */
  tfjsNodePath: z.string().optional(),
});
export type RunnerOptions = z.infer<typeof runnerOptions>;

const runDirParams = z.object({ runDir: z.string().min(1) });

export const runStateSchema = z.enum(["running", "finished", "stopped", "failed"]);
export type RunState = z.infer<typeof runStateSchema>;

/** One objective's best value among the run's feasible, measured subnets. */
const bestMetric = z.object({
  metric: z.string(),
  sense: z.enum(["maximize", "minimize"]),
  value: z.number(),
  /** The value as the language writes it (`91.2%`, `1.3M`). */
  text: z.string(),
});
export type BestMetric = z.infer<typeof bestMetric>;

export const runSummarySchema = z.object({
  runDir: z.string(),
  id: z.string(),
  search: z.string(),
  space: z.string(),
  /** The `.nas` file the run was started from. */
  file: z.string(),
  created: z.string(),
  backend: z.string(),
  state: runStateSchema,
  /** Distinct evaluations logged so far. */
  evaluations: z.number().int().nonnegative(),
  /** The search's evaluation budget, once the search phase has begun. */
  budget: z.number().int().nullable(),
  /** Subnets on the latest logged front. */
  frontSize: z.number().int().nullable(),
  best: z.array(bestMetric),
  /** Why it failed, for a failed run. */
  failure: z.string().optional(),
  /** Imported from another tool's results: nothing to resume. */
  imported: z.boolean(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

const position = z.object({
  line: z.number().int().nonnegative(),
  character: z.number().int().nonnegative(),
});

function request<P extends z.ZodType, R extends z.ZodType>(method: string, params: P, result: R) {
  return { method, params, result } as const;
}

/** Requests from the client to the server. */
export const RunsRequests = {
  /** Starts `search` of the saved file at `uri`; answers once the runner has created its run directory. */
  startRun: request(
    "supernet/startRun",
    z.object({
      uri: z.string(),
      search: z.string().min(1),
      runsFolder: z.string().min(1),
      runner: runnerOptions,
    }),
    runDirParams,
  ),
  /** Asks a running run to stop at its next step or evaluation (it stays resumable). */
  stopRun: request("supernet/stopRun", runDirParams, z.object({ stopping: z.boolean() })),
  /** Continues a stopped, killed or failed run where it stopped. */
  resumeRun: request("supernet/resumeRun", runDirParams.extend({ runner: runnerOptions }), runDirParams),
  /** Every run in the given runs folders (absolute), newest first. */
  listRuns: request(
    "supernet/listRuns",
    z.object({ folders: z.array(z.string()) }),
    z.object({
      runs: z.array(runSummarySchema),
      skipped: z.array(z.object({ dir: z.string(), reason: z.string() })),
    }),
  ),
  /** Deletes a run directory (one with a `run.json`) that is not running. */
  deleteRun: request("supernet/deleteRun", runDirParams, z.object({ deleted: z.literal(true) })),
  /** Every valid event logged in the run's `events.jsonl`, in order. */
  readRunEvents: request(
    "supernet/readRunEvents",
    runDirParams,
    z.object({ events: z.array(runEventSchema), invalidLines: z.number().int().nonnegative() }),
  ),
  /** The `search` blocks of the saved file at `uri`, and the one around `position`, if any. */
  searchesAt: request(
    "supernet/searchesAt",
    z.object({ uri: z.string(), position }),
    z.object({ atCursor: z.string().nullable(), all: z.array(z.string()) }),
  ),
} as const;

/** Notifications from the server to the client. */
export const RunsNotifications = {
  /** One event of a running run, as the runner reported it. */
  runEvent: { method: "supernet/runEvent", params: z.object({ runDir: z.string(), event: runEventSchema }) },
  /** The runner process ended: `code` 0 finished, 130 stopped, anything else failed. */
  runEnded: {
    method: "supernet/runEnded",
    params: z.object({
      runDir: z.string(),
      code: z.number().int().nullable(),
      signal: z.string().nullable(),
      /** A stop was asked for. */
      stopped: z.boolean(),
    }),
  },
  /** Text the runner wrote to stderr, and the server's own notes about a run. */
  runLog: {
    method: "supernet/runLog",
    params: z.object({
      runDir: z.string().nullable(),
      search: z.string(),
      level: z.enum(["info", "warning", "error"]),
      text: z.string(),
    }),
  },
} as const;

export type RunsRequestName = keyof typeof RunsRequests;
export type RunsRequestParams<K extends RunsRequestName> = z.infer<(typeof RunsRequests)[K]["params"]>;
export type RunsRequestResult<K extends RunsRequestName> = z.infer<(typeof RunsRequests)[K]["result"]>;
export type RunsNotificationName = keyof typeof RunsNotifications;
export type RunsNotificationParams<K extends RunsNotificationName> = z.infer<
  (typeof RunsNotifications)[K]["params"]
>;

/** Validates a received message against its schema; the reason, readable, when it does not fit. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { data: z.infer<S> } | { error: string } {
  const r = schema.safeParse(value);
  return r.success ? { data: r.data } : { error: z.prettifyError(r.error) };
}
