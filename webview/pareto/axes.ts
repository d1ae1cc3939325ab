/** The Pareto chart's axes: chosen among the search's objectives, with a sensible default. */
import type { Objective } from "../../protocol/panels";
import type { EvaluationEvent } from "../../protocol/runEvents";

/** The evaluation order, an axis for searches with a single objective. */
export const ORDER_AXIS = "evaluation";

export interface Axis {
  readonly key: string;
  readonly sense: Objective["sense"];
}

/** The axes a person may pick: the objectives, and the evaluation order. */
export function axisChoices(objectives: readonly Objective[]): Axis[] {
  return [
    ...objectives.map((o) => ({ key: o.metric, sense: o.sense })),
    { key: ORDER_AXIS, sense: "minimize" as const },
  ];
}

/**
 * Accuracy-like objectives (maximised) go up, costs (minimised) go across: y is the first
 * maximised objective, x the first other one that is minimised (else any other, else the
 * evaluation order). A saved choice is kept while the search still has that axis.
 */
export function chooseAxes(
  objectives: readonly Objective[],
  saved: { x?: string; y?: string } = {},
): { x: Axis; y: Axis } {
  const choices = axisChoices(objectives);
  const find = (key: string | undefined): Axis | undefined => choices.find((c) => c.key === key);
  const y =
    find(saved.y) ?? choices.find((c) => c.sense === "maximize" && c.key !== ORDER_AXIS) ?? choices[0];
  const x =
    (saved.x !== y.key ? find(saved.x) : undefined) ??
    choices.find((c) => c.key !== y.key && c.sense === "minimize" && c.key !== ORDER_AXIS) ??
    choices.find((c) => c.key !== y.key) ??
    y;
  return { x, y };
}

/** A subnet's value on an axis: an objective in the search's units, or its evaluation index. */
export function axisValue(
  evaluation: EvaluationEvent,
  key: string,
  objectives: readonly Objective[],
): number {
  if (key === ORDER_AXIS) return evaluation.index;
  const i = objectives.findIndex((o) => o.metric === key);
  if (i >= 0 && i < evaluation.objectives.length) return evaluation.objectives[i];
  const m = (evaluation.metrics as Record<string, number | undefined>)[key];
  return m ?? NaN;
}
