/**
 * The concrete layer sequence of one subnet: every op instance it runs, in order, with its
 * concrete arguments, input and output shapes, MACs and params. The engine builds and runs a
 * subnet from this plan, so what it trains and what the checker reports are the same thing.
 */
import type { Genome } from "./encoding";
import type { ArgBinding, ChainNode, SpaceModel } from "./model";
import type { ArgValues, OpSpec } from "./ops";
import type { Shape } from "./shapes";

export interface OpStep {
  readonly kind: "op";
  /**
   * A stable id of the op instance in the supernet: its owner and position, e.g. `s2[1]/0` or
   * `stem/0`; the same in every subnet, so weights are shared by id.
   */
  readonly id: string;
  readonly spec: OpSpec;
  readonly args: ArgValues;
  readonly input: Shape;
  readonly output: Shape;
  readonly macs: number;
  readonly params: number;
  /** mbconv: adds its input back. */
  readonly skip: boolean;
  /** The source offset of the op call (for editor navigation). */
  readonly source: number;
}

/** `residual { … }`: the steps inside are added to the residual's input. */
export interface ResidualStep {
  readonly kind: "residual";
  readonly id: string;
  readonly body: readonly PlanStep[];
  readonly input: Shape;
}

export type PlanStep = OpStep | ResidualStep;

export interface SubnetPlan {
  /** The input after the subnet's resolution is applied. */
  readonly input: Shape;
  readonly steps: readonly PlanStep[];
  readonly output: Shape;
  readonly macs: number;
  readonly params: number;
}

/** Thrown for a genome whose shapes do not work out (the checker reports these as errors). */
export class PlanError extends Error {}

export function planSubnet(model: SpaceModel, genome: Genome): SubnetPlan {
  if (!model.input) throw new PlanError(`space ${model.name} has no valid input`);
  const value = (b: ArgBinding): number | boolean | string =>
    b.kind === "fixed" ? b.value : model.genes[b.gene].values[genome[b.gene]];
  let shape: Shape = model.input;
  if (model.resolution && shape.kind === "image") {
    const side = value(model.resolution) as number;
    shape = { ...shape, h: side, w: side };
  }
  const input = shape;
  let macs = 0;
  let params = 0;
  const chain = (nodes: readonly ChainNode[], owner: string, counter: { i: number }): PlanStep[] => {
    const steps: PlanStep[] = [];
    for (const node of nodes) {
      if (node.kind === "residual") {
        const start = shape;
        const id = `${owner}/${counter.i++}`;
        const body = chain(node.body, owner, counter);
        if (JSON.stringify(shape) !== JSON.stringify(start))
          throw new PlanError(`residual ${id} changes the shape`);
        steps.push({ kind: "residual", id, body, input: start });
        continue;
      }
      const args: Record<string, number | boolean | string> = {};
      for (const [name, b] of node.args) args[name] = value(b);
      const r = node.spec.apply(shape, args);
      if (typeof r === "string") throw new PlanError(`${node.owner}: ${r}`);
      steps.push({
        kind: "op",
        id: `${owner}/${counter.i++}`,
        spec: node.spec,
        args,
        input: shape,
        output: r.out,
        macs: r.macs,
        params: r.params,
        skip: r.skip ?? false,
        source: node.call.start,
      });
      macs += r.macs;
      params += r.params;
      shape = r.out;
    }
    return steps;
  };
  const steps: PlanStep[] = [];
  let layer = 0;
  // The ops of one labelled line (`head: gap dense(10)`) are separate items: they share a counter so their ids differ.
  const counters = new Map<string, { i: number }>();
  for (const item of model.items) {
    if (item.kind === "stage") {
      const depth = value(item.depth) as number;
      for (let b = 0; b < depth; b++) steps.push(...chain(item.blocks[b], `${item.name}[${b}]`, { i: 0 }));
    } else {
      const owner = item.kind === "op" && item.label ? item.label : `#${++layer}`;
      const counter = counters.get(owner) ?? { i: 0 };
      counters.set(owner, counter);
      steps.push(...chain([item], owner, counter));
    }
  }
  return { input, steps, output: shape, macs, params };
}

/** Every op step of a plan, residual bodies included, in execution order. */
export function opSteps(steps: readonly PlanStep[]): OpStep[] {
  return steps.flatMap((s) => (s.kind === "op" ? [s] : opSteps(s.body)));
}
