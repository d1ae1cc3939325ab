import type { Genome } from "../../language/encoding";
import { canonicalize, largestGenome, smallestGenome } from "../../language/encoding";
import type { SpaceModel } from "../../language/model";
import type { SubnetPlan } from "../../language/plan";
import { PlanError, planSubnet } from "../../language/plan";
import type { TrainConfig } from "../../language/searchConfig";
import type { Rng } from "../data/rng";

export type SubnetKind = "largest" | "smallest" | "random";

export interface SampledSubnet {
  readonly kind: SubnetKind;
  readonly genome: Genome;
  readonly plan: SubnetPlan;
}

/** How often a random draw may hit a genome whose shapes do not work out before giving up. */
const MAX_DRAWS = 1000;

/**
 * The subnets of each training step: sandwich sampling (the largest, the smallest and N random
 * subnets, largest first so its predictions can teach the others) or uniform (one random).
 */
export class SubnetSampler {
  private readonly largest: SampledSubnet;
  private readonly smallest: SampledSubnet;

  constructor(
    private readonly model: SpaceModel,
    private readonly sampling: TrainConfig["sampling"],
  ) {
    this.largest = fixed(model, "largest", largestGenome(model));
    this.smallest = fixed(model, "smallest", smallestGenome(model));
  }

  next(rng: Rng): SampledSubnet[] {
    if (this.sampling.kind === "uniform") return [this.random(rng)];
    return [
      this.largest,
      this.smallest,
      ...Array.from({ length: this.sampling.random }, () => this.random(rng)),
    ];
  }

  /** A uniformly random valid subnet: each gene's choice uniform, canonicalised. */
  random(rng: Rng): SampledSubnet {
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const genome = canonicalize(
        this.model,
        this.model.genes.map((g) => rng.nextInt(g.values.length)),
      );
      try {
        return { kind: "random", genome, plan: planSubnet(this.model, genome) };
      } catch (e) {
        if (!(e instanceof PlanError)) throw e;
      }
    }
    throw new Error(`no valid subnet of ${this.model.name} in ${MAX_DRAWS} random draws`);
  }
}

function fixed(model: SpaceModel, kind: SubnetKind, genome: Genome): SampledSubnet {
  return { kind, genome, plan: planSubnet(model, genome) };
}
