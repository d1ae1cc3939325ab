/**
 * The events a run writes to `events.jsonl` and streams to the extension and its panels: one
 * definition (zod schemas, from which the types follow), validated wherever events cross a
 * process or webview boundary. A line that does not validate is reported and dropped.
 */
import { z } from "zod";

const metricsSchema = z.object({
  accuracy: z.number().optional(),
  loss: z.number().optional(),
  macs: z.number(),
  params: z.number(),
  latency: z.number().optional(),
  model_size: z.number(),
});

const kindMetrics = z.object({ loss: z.number(), accuracy: z.number() });
const stepMetrics = z.object({
  largest: kindMetrics.optional(),
  smallest: kindMetrics.optional(),
  random: kindMetrics.optional(),
});
const regression = z.object({
  points: z.number(),
  mape: z.number().nullable(),
  rmse: z.number(),
  kendallTau: z.number().nullable(),
});

export const runEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("run-started"),
    time: z.string(),
    runId: z.string(),
    search: z.string(),
    space: z.string(),
    backend: z.string(),
    /** Evaluations already in the log when this process started (a resume). */
    resumedFrom: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal("phase"),
    time: z.string(),
    phase: z.enum(["data", "train", "latency", "search", "done"]),
    detail: z.string().optional(),
  }),
  z.object({
    type: z.literal("train-start"),
    epochs: z.number().int(),
    stepsPerEpoch: z.number().int(),
    resumedAt: z.number().int(),
    weights: z.number().int(),
  }),
  z.object({
    type: z.literal("train-step"),
    epoch: z.number().int(),
    step: z.number().int(),
    stepInEpoch: z.number().int(),
    learningRate: z.number(),
    imagesPerSecond: z.number(),
    metrics: stepMetrics,
  }),
  z.object({
    type: z.literal("epoch"),
    epoch: z.number().int(),
    epochs: z.number().int(),
    learningRate: z.number(),
    imagesPerSecond: z.number(),
    seconds: z.number(),
    metrics: stepMetrics,
  }),
  z.object({
    type: z.literal("search-start"),
    strategy: z.string(),
    budget: z.number().int(),
    objectives: z.array(z.object({ metric: z.string(), sense: z.enum(["maximize", "minimize"]) })),
    /** The hypervolume reference point, in the objectives' units; fixed for the whole run. */
    reference: z.array(z.number()),
  }),
  z.object({
    type: z.literal("evaluation"),
    /** 0-based, in evaluation order; the same index after a resume. */
    index: z.number().int().nonnegative(),
    key: z.string(),
    genome: z.array(z.number().int()),
    /** Gene path → value, e.g. `s2[0].kernel: 5`. */
    choices: z.record(z.string(), z.number()),
    metrics: metricsSchema,
    /** The search block's objectives, in its order and units. */
    objectives: z.array(z.number()),
    violation: z.number(),
    /** `analytic` when a constraint on MACs/params/size already rules it out (not trained-evaluated). */
    source: z.enum(["measured", "analytic"]),
    /** What LINAS's predictors expected of the measured metrics (accuracy, loss, latency) before measuring. */
    predicted: z.record(z.string(), z.number()).optional(),
    seconds: z.number(),
  }),
  z.object({
    type: z.literal("generation"),
    generation: z.number().int(),
    evaluations: z.number().int(),
    /** Evaluation indices on the current front. */
    front: z.array(z.number().int()),
    hypervolume: z.number().nullable(),
  }),
  z.object({
    type: z.literal("predictor"),
    iteration: z.number().int(),
    metric: z.string(),
    model: z.string(),
    points: z.number().int(),
    heldOut: regression.nullable(),
  }),
  z.object({
    type: z.literal("prediction-check"),
    iteration: z.number().int(),
    metric: z.string(),
    check: regression,
  }),
  z.object({ type: z.literal("log"), level: z.enum(["info", "warning", "error"]), message: z.string() }),
  z.object({
    type: z.literal("run-finished"),
    time: z.string(),
    evaluations: z.number().int(),
    front: z.array(z.number().int()),
    seconds: z.number(),
  }),
  z.object({ type: z.literal("run-failed"), time: z.string(), message: z.string() }),
]);

export type RunEvent = z.infer<typeof runEventSchema>;
export type EvaluationEvent = Extract<RunEvent, { type: "evaluation" }>;
export type SubnetMetrics = z.infer<typeof metricsSchema>;

/** Parses one line of `events.jsonl`; undefined (with the reason) for a line that is not a valid event. */
export function parseRunEvent(line: string): { event: RunEvent } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  const r = runEventSchema.safeParse(json);
  return r.success
    ? { event: r.data }
    : { error: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
}
