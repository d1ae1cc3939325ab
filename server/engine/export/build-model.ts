import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import type { PlanStep, SubnetPlan } from "../../language/plan";
import { shapeDims } from "../supernet/supernet";
import { opLayersOf } from "./layers";
import { on } from "./layers/scope";
import type { SubnetWeights } from "./op-weights";

/**
 * A subnet as a standalone tfjs-layers model of standard layers: its plan's ops in order, each
 * as its exported form with the given weights, residual blocks and mbconv skips as Add layers.
 * The input is the subnet's own (after its resolution), with a batch axis; the output its logits.
 */
export function buildSubnetModel(plan: SubnetPlan, weights: SubnetWeights, name = "subnet"): tfl.LayersModel {
  const names = new UniqueNames();
  let model: tfl.LayersModel | undefined;
  // Weight transforms (head slices, block-diagonal kernels) are copied into the layers' variables.
  tf.tidy(() => {
    const input = tfl.input({
      shape: shapeDims(plan.input),
      dtype: plan.input.kind === "tokens" ? "int32" : "float32",
      name: "input",
    });
    model = tfl.model({ inputs: input, outputs: chain(plan.steps, input, weights, names), name });
  });
  return model!;
}

function chain(
  steps: readonly PlanStep[],
  x: tfl.SymbolicTensor,
  weights: SubnetWeights,
  names: UniqueNames,
): tfl.SymbolicTensor {
  let h = x;
  for (const step of steps) {
    if (step.kind === "residual") {
      h = on(tfl.layers.add({ name: names.make(`${step.id}_residual`) }), [
        h,
        chain(step.body, h, weights, names),
      ]);
      continue;
    }
    const scope = {
      step,
      weights: weights.forStep(step),
      name: (part: string) => names.make(`${step.id}_${part}`),
    };
    const y = opLayersOf(step.spec.name)(scope, h);
    h = step.skip ? on(tfl.layers.add({ name: names.make(`${step.id}_skip`) }), [h, y]) : y;
  }
  return h;
}

/** Layer names from op ids (`s1[0]/0` → `s1_0__0`), valid tfjs names (a letter or digit first), unique as tfjs-layers requires. */
class UniqueNames {
  private readonly used = new Set<string>();

  make(wanted: string): string {
    const base = wanted.replace(/[^A-Za-z0-9_]/g, "_").replace(/^_/, "op_");
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }
}
