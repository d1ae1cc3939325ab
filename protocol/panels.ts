/**
 * The panels' messages, declared once: the language-server requests the extension makes for
 * them (graph, subnet details, write-back), the messages between the extension and each webview,
 * and the state a webview keeps across reloads. zod schemas, from which the types follow; each
 * side validates what it receives, and a malformed message is logged and dropped.
 */
import { z } from "zod";
import type { EvaluationEvent } from "./runEvents";
import { runEventSchema } from "./runEvents";

// ── shared shapes ────────────────────────────────────────────────────────────────

const position = z.object({
  line: z.number().int().nonnegative(),
  character: z.number().int().nonnegative(),
});
export const rangeSchema = z.object({ start: position, end: position });
export type PanelRange = z.infer<typeof rangeSchema>;
export type PanelPosition = z.infer<typeof position>;

const numberRange = z.object({ min: z.number(), max: z.number() });

/** A subnet by its choices: gene path → value (`s2[0].kernel: 5`), as runs log them. */
export const choicesSchema = z.record(z.string(), z.number());
export type Choices = z.infer<typeof choicesSchema>;

const objectiveSchema = z.object({ metric: z.string(), sense: z.enum(["maximize", "minimize"]) });
export type Objective = z.infer<typeof objectiveSchema>;

const geneSchema = z.object({ path: z.string(), values: z.array(z.number()) });
export type GeneInfo = z.infer<typeof geneSchema>;

// ── the supernet graph ───────────────────────────────────────────────────────────

export const graphNodeSchema = z.object({
  /** Op instances carry the plan's step id (`s2[1]/0`); stages `stage:NAME`, blocks `NAME[b]`. */
  id: z.string(),
  kind: z.enum(["input", "op", "residual", "block", "stage"]),
  parent: z.string().optional(),
  label: z.string(),
  layer: z.string().optional(),
  args: z.array(
    z.object({
      name: z.string(),
      value: z.string().optional(),
      gene: z.string().optional(),
      values: z.array(z.number()).optional(),
    }),
  ),
  /** What a collapsed group stands for: `depth {2,3,4} × kernel {3,5,7} × expand {3,4,6}`. */
  badge: z.string(),
  shapes: z.array(z.string()),
  macs: numberRange.optional(),
  params: numberRange.optional(),
  range: rangeSchema,
  stage: z.string().optional(),
  block: z.number().int().optional(),
  /** A block only deeper subnets have. */
  optional: z.boolean(),
  depth: z.object({ gene: z.string().optional(), values: z.array(z.number()) }).optional(),
});
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const spaceGraphSchema = z.object({
  uri: z.string(),
  /** The document version the graph was built from. */
  version: z.number().int(),
  space: z.string(),
  /** Parents before children; siblings in source order, which is also the data flow. */
  nodes: z.array(graphNodeSchema),
  genes: z.array(geneSchema),
});
export type SpaceGraph = z.infer<typeof spaceGraphSchema>;

// ── language-server requests ─────────────────────────────────────────────────────

const errorResult = z.object({ error: z.string() });

/** What the client asks about a subnet: its choices, and the metrics a run saw (for the default name). */
const subnetDetailsSchema = z.object({
  space: z.string(),
  /** The subnet as the space is now: the value of each active gene. */
  choices: choicesSchema,
  /** MACs, params and size computed from the current source; null when its shapes do not work out. */
  analytic: z.object({ macs: z.number(), params: z.number(), model_size: z.number() }).nullable(),
  /** Differences between the given choices and the space as it is now. */
  notes: z.array(z.string()),
  largest: choicesSchema,
  smallest: choicesSchema,
  /** The file's `subnet` blocks of this space. */
  subnets: z.array(z.object({ name: z.string(), choices: choicesSchema })),
  suggestedName: z.string(),
  genes: z.array(geneSchema),
});
export type SubnetDetails = z.infer<typeof subnetDetailsSchema>;

const lspTextEdit = z.object({ range: rangeSchema, newText: z.string() });
/** An LSP WorkspaceEdit with one versioned document change. */
const workspaceEditSchema = z.object({
  documentChanges: z.array(
    z.object({
      textDocument: z.object({ uri: z.string(), version: z.number().int() }),
      edits: z.array(lspTextEdit),
    }),
  ),
});
export type PanelWorkspaceEdit = z.infer<typeof workspaceEditSchema>;

export interface RequestDef<P extends z.ZodType, R extends z.ZodType> {
  readonly method: string;
  readonly params: P;
  readonly result: R;
}

function request<P extends z.ZodType, R extends z.ZodType>(
  method: string,
  params: P,
  result: R,
): RequestDef<P, R> {
  return { method, params, result };
}

export const PanelRequests = {
  /** The spaces of a document, to pick one for the graph. */
  spaces: request(
    "supernet/spaces",
    z.object({ uri: z.string() }),
    z.object({ spaces: z.array(z.object({ name: z.string(), range: rangeSchema })) }),
  ),
  spaceGraph: request(
    "supernet/spaceGraph",
    z.object({ uri: z.string(), space: z.string() }),
    z.union([z.object({ graph: spaceGraphSchema }), errorResult]),
  ),
  /** A `subnet` block of the document, by name: its space and choices (`Show in Graph`). */
  subnetChoices: request(
    "supernet/subnetChoices",
    z.object({ uri: z.string(), subnet: z.string() }),
    z.union([
      z.object({ space: z.string(), choices: choicesSchema, macs: z.number(), params: z.number() }),
      errorResult,
    ]),
  ),
  subnetDetails: request(
    "supernet/subnetDetails",
    z.object({
      uri: z.string(),
      space: z.string(),
      choices: choicesSchema,
      metrics: z.object({ accuracy: z.number().optional(), macs: z.number().optional() }),
    }),
    z.union([z.object({ details: subnetDetailsSchema }), errorResult]),
  ),
  /** Write-back: the edit that puts the subnet into the document as it is now. */
  subnetEdit: request(
    "supernet/subnetEdit",
    z.object({
      uri: z.string(),
      space: z.string(),
      name: z.string(),
      choices: choicesSchema,
      measured: z.record(z.string(), z.union([z.number(), z.string()])),
    }),
    z.union([
      z.object({
        edit: workspaceEditSchema,
        block: z.string(),
        blockRange: rangeSchema,
        replaces: z.boolean(),
        notes: z.array(z.string()),
      }),
      errorResult,
    ]),
  ),
} as const;

export type ParamsOf<D> = D extends RequestDef<infer P, z.ZodType> ? z.infer<P> : never;
export type ResultOf<D> = D extends RequestDef<z.ZodType, infer R> ? z.infer<R> : never;

// ── the selected subnet ──────────────────────────────────────────────────────────

export const selectionSchema = z.object({
  /** `#42 of 2026-11-22T10-04-11-Quick`, or `subnet small_fast`. */
  label: z.string(),
  /** The `.nas` document it belongs to, when known. */
  uri: z.string().optional(),
  space: z.string(),
  choices: choicesSchema,
  /** What the run measured (accuracy in percent, latency in ms). */
  metrics: z.record(z.string(), z.number()),
  /** What LINAS's predictors expected of the measured metrics before measuring. */
  predicted: z.record(z.string(), z.number()).optional(),
  objectives: z.array(objectiveSchema).optional(),
  origin: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("evaluation"),
      runDir: z.string(),
      runId: z.string(),
      index: z.number().int().nonnegative(),
      key: z.string(),
      source: z.enum(["measured", "analytic"]),
      violation: z.number(),
    }),
    z.object({ kind: z.literal("subnet"), name: z.string() }),
  ]),
});
export type Selection = z.infer<typeof selectionSchema>;

// ── webviews ─────────────────────────────────────────────────────────────────────

export const PanelViews = {
  graph: "supernet.graph",
  curves: "supernet.curves",
  pareto: "supernet.pareto",
  inspector: "supernetInspector",
} as const;

export const PanelCommands = {
  showPareto: "supernet.showPareto",
  showCurves: "supernet.showCurves",
  exportSubnet: "supernet.exportSubnet",
  applySubnet: "supernet.applySubnet",
} as const;

const ready = z.object({ type: z.literal("ready") });
/** A webview's own error, for the extension's log. */
const webviewError = z.object({ type: z.literal("error"), message: z.string() });

/** The subnet drawn over the graph (null: none). */
const overlaySchema = z.object({ label: z.string(), choices: choicesSchema }).nullable();
export type GraphOverlay = z.infer<typeof overlaySchema>;

export const graphToWebview = z.discriminatedUnion("type", [
  z.object({ type: z.literal("graph"), graph: spaceGraphSchema }),
  z.object({ type: z.literal("graph-error"), message: z.string() }),
  z.object({ type: z.literal("overlay"), overlay: overlaySchema }),
  /** The editor's cursor in the graph's document (null: elsewhere). */
  z.object({ type: z.literal("cursor"), position: position.nullable() }),
]);
export const graphToHost = z.discriminatedUnion("type", [
  ready,
  webviewError,
  z.object({ type: z.literal("reveal"), range: rangeSchema }),
]);
export type GraphToWebview = z.infer<typeof graphToWebview>;
export type GraphToHost = z.infer<typeof graphToHost>;

/** One `evaluation` run event. */
const evaluationSchema = runEventSchema.transform((event, ctx): EvaluationEvent => {
  if (event.type === "evaluation") return event;
  ctx.addIssue({ code: "custom", message: `expected an evaluation event, got \`${event.type}\`` });
  return z.NEVER;
});

const runRef = z.object({ runDir: z.string(), title: z.string() });
export type RunRef = z.infer<typeof runRef>;

/**
 * A run's events: first everything logged (`replay: true`, which resets the run's state), then
 * each live event as it comes. Both go through the same reducer.
 */
const runEvents = z.object({
  type: z.literal("events"),
  runDir: z.string(),
  replay: z.boolean(),
  events: z.array(runEventSchema),
});

export const curvesToWebview = z.discriminatedUnion("type", [
  z.object({ type: z.literal("run"), run: runRef.nullable() }),
  runEvents,
]);
export const curvesToHost = z.discriminatedUnion("type", [
  ready,
  webviewError,
  z.object({ type: z.literal("pick-run") }),
]);
export type CurvesToWebview = z.infer<typeof curvesToWebview>;
export type CurvesToHost = z.infer<typeof curvesToHost>;

export const paretoToWebview = z.discriminatedUnion("type", [
  /** The runs shown, the first being the main one. */
  z.object({ type: z.literal("runs"), runs: z.array(runRef) }),
  runEvents,
  z.object({
    type: z.literal("selected"),
    selected: z.object({ runDir: z.string(), index: z.number().int() }).nullable(),
  }),
]);
export const paretoToHost = z.discriminatedUnion("type", [
  ready,
  webviewError,
  z.object({
    type: z.literal("select"),
    runDir: z.string(),
    evaluation: evaluationSchema,
    objectives: z.array(objectiveSchema),
  }),
  z.object({ type: z.literal("add-run") }),
  z.object({ type: z.literal("remove-run"), runDir: z.string() }),
]);
export type ParetoToWebview = z.infer<typeof paretoToWebview>;
export type ParetoToHost = z.infer<typeof paretoToHost>;

export const inspectorToWebview = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("selection"),
    selection: selectionSchema.nullable(),
    details: subnetDetailsSchema.nullable(),
    error: z.string().optional(),
  }),
]);
export const inspectorToHost = z.discriminatedUnion("type", [
  ready,
  webviewError,
  z.object({ type: z.literal("apply") }),
  z.object({ type: z.literal("export") }),
  z.object({ type: z.literal("copy") }),
  z.object({ type: z.literal("show-in-graph") }),
]);
export type InspectorToWebview = z.infer<typeof inspectorToWebview>;
export type InspectorToHost = z.infer<typeof inspectorToHost>;

// ── what a webview keeps across reloads (getState/setState; the panel serializer reads it) ──

export const graphStateSchema = z.object({
  uri: z.string(),
  space: z.string(),
  expanded: z.array(z.string()),
  view: z.object({ x: z.number(), y: z.number(), k: z.number() }).optional(),
});
export type GraphState = z.infer<typeof graphStateSchema>;

export const curvesStateSchema = z.object({
  runDir: z.string().optional(),
  logScale: z.boolean(),
  smoothing: z.number().min(0).max(0.99),
});
export type CurvesState = z.infer<typeof curvesStateSchema>;

export const paretoStateSchema = z.object({
  runDirs: z.array(z.string()),
  x: z.string().optional(),
  y: z.string().optional(),
  colorBy: z.enum(["order", "feasibility"]),
  showDominated: z.boolean(),
  showInfeasible: z.boolean(),
});
export type ParetoState = z.infer<typeof paretoStateSchema>;
