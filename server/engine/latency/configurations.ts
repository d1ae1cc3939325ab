import type { ArgBinding, ChainNode, OpNode, SeqNode, SpaceModel, StageNode } from "../../language/model";
import type { ArgValues } from "../../language/ops";
import type { OpStep } from "../../language/plan";
import type { Shape } from "../../language/shapes";
import { shapeKey } from "../../language/shapes";

/** What one op costs to run depends on: the op, its concrete arguments and its input shape. */
export function opKey(step: Pick<OpStep, "spec" | "args" | "input">): string {
  const args = Object.keys(step.args)
    .sort()
    .map((name) => `${name}=${step.args[name]}`)
    .join(",");
  return `${step.spec.name}(${args})@${shapeKey(step.input)}`;
}

/** The add of a `residual { … }` block on its input shape. */
export function residualKey(input: Shape): string {
  return `residual@${shapeKey(input)}`;
}

export interface SpaceConfigurations {
  /** One step per distinct op configuration (by opKey) that some subnet of the space runs. */
  readonly ops: ReadonlyMap<string, OpStep>;
  /** The input shapes of residual adds, by residualKey. */
  readonly residuals: ReadonlyMap<string, Shape>;
}

type Shapes = Map<string, Shape>;

/**
 * Every op configuration the subnets of a space can run, without enumerating the subnets: the
 * shapes that can reach each op instance (over resolutions, depths and earlier choices), times
 * the combinations of that instance's own choices. Choices shared between instances are taken
 * as independent, so this may include a few configurations no subnet runs, never miss one.
 */
export function spaceConfigurations(model: SpaceModel): SpaceConfigurations {
  if (!model.input) throw new Error(`space ${model.name} has no valid input`);
  const ops = new Map<string, OpStep>();
  const residuals = new Map<string, Shape>();
  const valuesOf = (b: ArgBinding): readonly (number | boolean | string)[] =>
    b.kind === "fixed" ? [b.value] : model.genes[b.gene].values;

  const op = (node: OpNode, inputs: Shapes): Shapes => {
    const out: Shapes = new Map();
    const names = [...node.args.keys()];
    for (const input of inputs.values()) {
      for (const args of combinations(
        names,
        names.map((n) => valuesOf(node.args.get(n)!)),
      )) {
        const r = node.spec.apply(input, args);
        if (typeof r === "string") continue;
        const step: OpStep = {
          kind: "op",
          id: node.owner,
          spec: node.spec,
          args,
          input,
          output: r.out,
          macs: r.macs,
          params: r.params,
          skip: r.skip ?? false,
          source: node.call.start,
        };
        ops.set(opKey(step), step);
        out.set(shapeKey(r.out), r.out);
      }
    }
    return out;
  };
  const chain = (nodes: readonly ChainNode[], inputs: Shapes): Shapes => {
    let shapes = inputs;
    for (const node of nodes) {
      if (node.kind === "residual") {
        chain(node.body, shapes);
        for (const s of shapes.values()) residuals.set(residualKey(s), s);
      } else {
        shapes = op(node, shapes);
      }
    }
    return shapes;
  };
  const stage = (node: StageNode, inputs: Shapes): Shapes => {
    const depths = valuesOf(node.depth) as readonly number[];
    const out: Shapes = new Map();
    let shapes = inputs;
    for (let done = 0; done <= Math.max(...depths); done++) {
      if (depths.includes(done)) for (const [k, s] of shapes) out.set(k, s);
      if (done < node.blocks.length) shapes = chain(node.blocks[done], shapes);
    }
    return out;
  };

  const input = model.input;
  let shapes: Shapes = new Map();
  const sides =
    model.resolution && input.kind === "image"
      ? (valuesOf(model.resolution) as readonly number[])
      : [undefined];
  for (const side of sides) {
    const s: Shape = side !== undefined && input.kind === "image" ? { ...input, h: side, w: side } : input;
    shapes.set(shapeKey(s), s);
  }
  for (const item of model.items as readonly SeqNode[])
    shapes = item.kind === "stage" ? stage(item, shapes) : chain([item], shapes);
  return { ops, residuals };
}

/** Every assignment of one value to each name (the cartesian product), as argument records. */
function* combinations(
  names: readonly string[],
  values: readonly (readonly (number | boolean | string)[])[],
): Generator<ArgValues> {
  const pick = new Array<number>(names.length).fill(0);
  while (true) {
    yield Object.fromEntries(names.map((n, i) => [n, values[i][pick[i]]]));
    let i = names.length - 1;
    while (i >= 0 && ++pick[i] === values[i].length) pick[i--] = 0;
    if (i < 0) return;
  }
}
