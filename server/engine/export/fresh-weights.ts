import * as tf from "@tensorflow/tfjs-core";
import type { OpStep } from "../../language/plan";
import { kernelOf } from "../supernet/ops";
import { initialValues } from "../supernet/weights";
import type { NormStatistics, OpWeights, SubnetWeights } from "./op-weights";

/**
 * Newly initialised weights at each op's own sizes (the engine's initialisers) and neutral
 * BatchNorm statistics: for timing a subnet or a single op, where the values do not matter and
 * no supernet or calibration is needed. Made per step on first use.
 */
export function freshWeights(seed: number): SubnetWeights {
  const made = new Map<string, Map<string, tf.Tensor>>();
  const valuesOf = (step: OpStep): Map<string, tf.Tensor> => {
    const key = `${step.id}|${JSON.stringify(step.args)}|${JSON.stringify(step.input)}`;
    let values = made.get(key);
    if (!values) {
      const specs = kernelOf(step.spec.name).weights(step);
      // Kept: a model may be built inside tf.tidy, and these serve every later use of the step.
      values = new Map(
        [
          ...initialValues(
            specs.map((spec) => ({ key: spec.name, spec })),
            seed,
          ),
        ].map(([name, value]) => [name, tf.keep(value)]),
      );
      made.set(key, values);
    }
    return values;
  };
  return {
    forStep(step: OpStep): OpWeights {
      const values = valuesOf(step);
      const weight = (name: string): tf.Tensor => {
        const value = values.get(name);
        if (!value) throw new Error(`${step.id}: the ${step.spec.name} kernel declares no weight ${name}`);
        return value;
      };
      return {
        weight,
        normStatistics(name: string): NormStatistics {
          const width = weight(`${name}.gamma`).shape;
          const neutral = (suffix: string, make: () => tf.Tensor): tf.Tensor => {
            const key = `${name}#${suffix}`;
            if (!values.has(key)) values.set(key, tf.keep(make()));
            return values.get(key)!;
          };
          return {
            mean: neutral("mean", () => tf.zeros(width)),
            variance: neutral("variance", () => tf.ones(width)),
          };
        },
      };
    },
    dispose(): void {
      for (const values of made.values()) tf.dispose([...values.values()]);
      made.clear();
    },
  };
}
