import type { SubnetPlan } from "../../language/plan";
import { opSteps } from "../../language/plan";
import { kernelOf } from "../supernet/ops";

/**
 * Per-tensor int8 quantisation stores, besides one byte per weight, a float32 scale and an int32
 * zero point for each tensor.
 */
export const INT8_TENSOR_OVERHEAD_BYTES = 4 + 4;

export interface ModelSize {
  readonly params: number;
  /** Weight tensors (each one quantisation scale). */
  readonly tensors: number;
  readonly float32Bytes: number;
  readonly int8Bytes: number;
}

export function float32Bytes(params: number): number {
  return params * 4;
}

export function int8Bytes(params: number, tensors: number): number {
  return params + tensors * INT8_TENSOR_OVERHEAD_BYTES;
}

/** A subnet's weights in bytes: its params (the plan's) as float32, and an int8 estimate. */
export function subnetSize(plan: SubnetPlan): ModelSize {
  const tensors = opSteps(plan.steps).reduce(
    (n, step) => n + kernelOf(step.spec.name).weights(step).length,
    0,
  );
  return {
    params: plan.params,
    tensors,
    float32Bytes: float32Bytes(plan.params),
    int8Bytes: int8Bytes(plan.params, tensors),
  };
}
