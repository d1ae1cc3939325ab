import * as tf from "@tensorflow/tfjs-core";
import type { OpStep, SubnetPlan } from "../../language/plan";
import { opSteps } from "../../language/plan";
import type { BnStatistics } from "../supernet/context";
import { OpContext } from "../supernet/context";
import { kernelOf } from "../supernet/ops";
import type { Supernet } from "../supernet/supernet";
import { shapeDims } from "../supernet/supernet";
import { weightKey } from "../supernet/weights";
import type { NormStatistics, OpWeights, SubnetWeights } from "./op-weights";

/**
 * A subnet's weights as it inherits them from the supernet, with its recalibrated BatchNorm
 * statistics. The slicing is the supernet's own: each op's engine kernel runs once on a zero
 * input while a recording context keeps a copy of every weight slice it reads, so the export
 * takes exactly what the supernet's forward pass uses (first channels, centre kernel, …).
 */
export function inheritedWeights(supernet: Supernet, plan: SubnetPlan, stats: BnStatistics): SubnetWeights {
  const byKey = new Map(supernet.weights.map((w) => [w.key, w]));
  const slices = new Map<string, ReadonlyMap<string, tf.Tensor>>();
  for (const step of opSteps(plan.steps)) {
    const context = new RecordingContext(step.id, (key) => byKey.get(key), { kind: "infer", stats });
    tf.tidy(() => {
      kernelOf(step.spec.name).forward(context, step, tf.zeros([1, ...shapeDims(step.input)]));
    });
    slices.set(step.id, context.slices);
  }
  return {
    forStep(step: OpStep): OpWeights {
      const own = slices.get(step.id);
      if (!own) throw new Error(`${step.id} is not an op of this subnet`);
      return {
        weight(name: string): tf.Tensor {
          const slice = own.get(name);
          if (!slice) throw new Error(`${step.id}: its kernel reads no weight ${name}`);
          return slice;
        },
        normStatistics(name: string): NormStatistics {
          const found = stats.get(weightKey(step.id, name));
          if (!found)
            throw new Error(`${step.id}: no BatchNorm statistics for ${name}; recalibrate this subnet`);
          return found;
        },
      };
    },
    dispose(): void {
      for (const own of slices.values()) tf.dispose([...own.values()]);
      slices.clear();
    },
  };
}

/** Keeps a copy of each weight slice the kernel reads, by its local name. */
class RecordingContext extends OpContext {
  readonly slices = new Map<string, tf.Tensor>();

  override weight(name: string, size: readonly number[]): tf.Tensor {
    return this.record(name, super.weight(name, size));
  }

  override kernel(name: string, k: number, size: readonly number[]): tf.Tensor {
    return this.record(name, super.kernel(name, k, size));
  }

  private record(name: string, slice: tf.Tensor): tf.Tensor {
    if (!this.slices.has(name)) this.slices.set(name, tf.keep(tf.clone(slice)));
    return slice;
  }
}
