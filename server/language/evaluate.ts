/** MACs and params of one subnet, from its concrete plan. */
import type { Genome } from "./encoding";
import type { SpaceModel } from "./model";
import type { SubnetPlan } from "./plan";
import { PlanError, planSubnet } from "./plan";

export interface SubnetCost {
  readonly macs: number;
  readonly params: number;
  readonly plan: SubnetPlan;
}

/** The subnet's cost, or undefined when its shapes do not work out (the checker reports why). */
export function evaluateSubnet(model: SpaceModel, genome: Genome): SubnetCost | undefined {
  try {
    const plan = planSubnet(model, genome);
    return { macs: plan.macs, params: plan.params, plan };
  } catch (e) {
    if (e instanceof PlanError) return undefined;
    throw e;
  }
}
