/** The selected subnet, made from a run's evaluation or a `subnet` block, and what the panels need of it. Pure. */
import type { Choices, GraphOverlay, Objective, Selection } from "../../protocol/panels";
import type { EvaluationEvent } from "../../protocol/runEvents";

/** What the Pareto panel knows of a run besides its events. */
export interface RunInfo {
  readonly runDir: string;
  readonly id: string;
  /** The `.nas` document the run was started from (a URI), when known. */
  readonly uri: string | undefined;
  readonly space: string | undefined;
}

export function selectionFromEvaluation(
  run: RunInfo,
  evaluation: EvaluationEvent,
  objectives: readonly Objective[],
  space: string,
): Selection {
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(evaluation.metrics)) if (typeof v === "number") metrics[k] = v;
  return {
    label: `#${evaluation.index} of ${run.id}`,
    ...(run.uri ? { uri: run.uri } : {}),
    space,
    choices: { ...evaluation.choices },
    metrics,
    ...(evaluation.predicted ? { predicted: { ...evaluation.predicted } } : {}),
    objectives: [...objectives],
    origin: {
      kind: "evaluation",
      runDir: run.runDir,
      runId: run.id,
      index: evaluation.index,
      key: evaluation.key,
      source: evaluation.source,
      violation: evaluation.violation,
    },
  };
}

export function selectionFromSubnet(
  uri: string,
  space: string,
  name: string,
  choices: Choices,
  cost: { macs: number; params: number },
): Selection {
  return {
    label: `subnet ${name}`,
    uri,
    space,
    choices: { ...choices },
    metrics: { macs: cost.macs, params: cost.params, model_size: cost.params * 4 },
    origin: { kind: "subnet", name },
  };
}

/** The overlay a graph of `space` in `uri` draws for a selection: only its own space's subnets. */
export function overlayFor(selection: Selection | undefined, uri: string, space: string): GraphOverlay {
  if (!selection || selection.space !== space || (selection.uri !== undefined && selection.uri !== uri))
    return null;
  return { label: selection.label, choices: selection.choices };
}

/** What `Apply` writes in `measured { … }`: the run's metrics and the run it came from. */
export function measuredOf(selection: Selection): Record<string, number | string> {
  return {
    ...selection.metrics,
    ...(selection.origin.kind === "evaluation" ? { run: selection.origin.runId } : {}),
  };
}

/** `Copy as JSON`: the subnet as a person or a script would want it. */
export function selectionJson(selection: Selection): string {
  const { label, space, choices, metrics, origin, objectives } = selection;
  return JSON.stringify(
    { label, space, choices, metrics, ...(objectives ? { objectives } : {}), origin },
    null,
    2,
  );
}
