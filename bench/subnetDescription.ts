/**
 * Subnets and the supernet's weights as plain JSON, for a reference implementation in another
 * framework (bench/supernet-torch.py): what the language's plan says each op instance does, with
 * the widths the engine derives (an inverted residual block's hidden and SE widths) spelled out,
 * so the other side rebuilds the same subnets without restating the language's rules.
 */
import type { SpaceModel } from "../server/language/model";
import { expandedWidth, seWidth } from "../server/language/ops";
import type { PlanStep, SubnetPlan } from "../server/language/plan";
import { opSteps } from "../server/language/plan";
import type { Shape } from "../server/language/shapes";
import { supernetLayout } from "../server/engine/supernet/supernet";
import type { WeightInit } from "../server/engine/supernet/weights";

export type StepDescription =
  | {
      kind: "op";
      id: string;
      op: string;
      args: Readonly<Record<string, number | boolean | string>>;
      /** Widths the engine computes from the arguments and the input (mbconv: `mid`, `se`). */
      derived: Record<string, number>;
      input: Shape;
      output: Shape;
      skip: boolean;
      macs: number;
    }
  | { kind: "residual"; id: string; body: StepDescription[] };

export interface SubnetDescription {
  genome: readonly number[];
  input: Shape;
  output: Shape;
  /** The language's analytic figures, per image. */
  macs: number;
  params: number;
  steps: StepDescription[];
}

export interface WeightDescription {
  key: string;
  /** The op instance that owns it and that op's name, which fixes the weight's layout. */
  opId: string;
  op: string;
  name: string;
  /** The engine's layout (tfjs: [kH, kW, in, out] for convolutions, [in, out] for matrices). */
  shape: readonly number[];
  init: WeightInit;
  decay: boolean;
}

export function describeSubnet(genome: readonly number[], plan: SubnetPlan): SubnetDescription {
  return {
    genome,
    input: plan.input,
    output: plan.output,
    macs: plan.macs,
    params: plan.params,
    steps: plan.steps.map(describeStep),
  };
}

/** The supernet's weights at their largest sizes, in the engine's order and layout. */
export function describeWeights(model: SpaceModel): WeightDescription[] {
  const { largest, weights } = supernetLayout(model);
  const opOf = new Map(opSteps(largest.steps).map((s) => [s.id, s.spec.name]));
  return weights.map(({ key, spec }) => {
    // Keys are `${opId}:${name}` (weightKey).
    const opId = key.slice(0, key.length - spec.name.length - 1);
    return {
      key,
      opId,
      op: opOf.get(opId)!,
      name: spec.name,
      shape: spec.shape,
      init: spec.init,
      decay: spec.decay,
    };
  });
}

function describeStep(step: PlanStep): StepDescription {
  if (step.kind === "residual") return { kind: "residual", id: step.id, body: step.body.map(describeStep) };
  return {
    kind: "op",
    id: step.id,
    op: step.spec.name,
    args: step.args,
    derived: derivedWidths(step.spec.name, step.args, step.input),
    input: step.input,
    output: step.output,
    skip: step.skip,
    macs: step.macs,
  };
}

function derivedWidths(
  op: string,
  args: Readonly<Record<string, number | boolean | string>>,
  input: Shape,
): Record<string, number> {
  if (op !== "mbconv" || input.kind !== "image") return {};
  const mid = expandedWidth(input.c, args.expand as number);
  return { mid, se: args.se ? seWidth(mid) : 0 };
}
