// Variation operators by gene kind. Categorical genes are choice indices with no order, so they
// are recombined by exchanging whole genes (uniform or one-point crossover) and mutated by
// resampling a different index; arithmetic operators (SBX with rounding) would invent an order.
// Continuous genes (test problems) use SBX and polynomial mutation (Deb & Agrawal).
import type { Prng } from "./prng";
import type { GeneSpec, Genome } from "./types";

export interface VariationOptions {
  /** How categorical genes are recombined. */
  readonly crossover: "uniform" | "onePoint";
  readonly crossoverProbability: number;
  /** Per-gene mutation probability; undefined means 1 / number of genes. */
  readonly mutationRate: number | undefined;
  /** SBX distribution index (continuous genes). */
  readonly sbxEta: number;
  /** Polynomial mutation distribution index (continuous genes). */
  readonly mutationEta: number;
}

/** The settings of the NSGA-II paper (Deb et al. 2002): p_c 0.9, p_m 1/n, η_c = η_m = 20. */
export const defaultVariation: VariationOptions = {
  crossover: "uniform",
  crossoverProbability: 0.9,
  mutationRate: undefined,
  sbxEta: 20,
  mutationEta: 20,
};

export function crossover(
  a: Genome,
  b: Genome,
  genes: readonly GeneSpec[],
  rng: Prng,
  options: VariationOptions,
): [number[], number[]] {
  const first = [...a];
  const second = [...b];
  if (!rng.chance(options.crossoverProbability)) return [first, second];
  const cut = options.crossover === "onePoint" ? rng.int(1, Math.max(2, genes.length)) : 0;
  genes.forEach((gene, i) => {
    if (gene.kind === "continuous") {
      [first[i], second[i]] = sbx(a[i], b[i], gene.lo, gene.hi, options.sbxEta, rng);
      return;
    }
    const swap = options.crossover === "onePoint" ? i >= cut : rng.chance(0.5);
    if (swap) [first[i], second[i]] = [b[i], a[i]];
  });
  return [first, second];
}

export function mutate(
  genome: Genome,
  genes: readonly GeneSpec[],
  rng: Prng,
  options: VariationOptions,
): number[] {
  const rate = options.mutationRate ?? 1 / genes.length;
  return genome.map((value, i) => {
    const gene = genes[i];
    if (!rng.chance(rate)) return value;
    if (gene.kind === "continuous")
      return polynomialMutation(value, gene.lo, gene.hi, options.mutationEta, rng);
    if (gene.cardinality < 2) return value;
    const other = rng.int(0, gene.cardinality - 1);
    return other >= value ? other + 1 : other;
  });
}

/** Bounded simulated binary crossover of one variable; each variable crosses with probability 1/2. */
function sbx(x1: number, x2: number, lo: number, hi: number, eta: number, rng: Prng): [number, number] {
  if (!rng.chance(0.5) || Math.abs(x1 - x2) <= 1e-14) return [x1, x2];
  const y1 = Math.min(x1, x2);
  const y2 = Math.max(x1, x2);
  const u = rng.next();
  const spread = (distanceToBound: number): number => {
    const beta = 1 + (2 * distanceToBound) / (y2 - y1);
    const alpha = 2 - beta ** -(eta + 1);
    return u <= 1 / alpha ? (u * alpha) ** (1 / (eta + 1)) : (1 / (2 - u * alpha)) ** (1 / (eta + 1));
  };
  const clamp = (v: number): number => Math.min(hi, Math.max(lo, v));
  const c1 = clamp(0.5 * (y1 + y2 - spread(y1 - lo) * (y2 - y1)));
  const c2 = clamp(0.5 * (y1 + y2 + spread(hi - y2) * (y2 - y1)));
  return rng.chance(0.5) ? [c2, c1] : [c1, c2];
}

function polynomialMutation(y: number, lo: number, hi: number, eta: number, rng: Prng): number {
  if (hi <= lo) return y;
  const delta1 = (y - lo) / (hi - lo);
  const delta2 = (hi - y) / (hi - lo);
  const r = rng.next();
  const power = 1 / (eta + 1);
  let deltaq: number;
  if (r < 0.5) {
    const value = 2 * r + (1 - 2 * r) * (1 - delta1) ** (eta + 1);
    deltaq = value ** power - 1;
  } else {
    const value = 2 * (1 - r) + 2 * (r - 0.5) * (1 - delta2) ** (eta + 1);
    deltaq = 1 - value ** power;
  }
  return Math.min(hi, Math.max(lo, y + deltaq * (hi - lo)));
}
