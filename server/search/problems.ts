// Standard continuous test problems with known Pareto fronts, to validate the strategies.
// ZDT (Zitzler, Deb, Thiele 2000) and DTLZ2 (Deb, Thiele, Laumanns, Zitzler 2002), all minimised.
// Their true fronts lie in [0,1] per objective (ZDT3's f2 dips below 0), so the reference point is
// (1,1) for ZDT and (1,1,1) for DTLZ2, where the true-front hypervolume is 2/3 (ZDT1), 1/3 (ZDT2),
// (1 − f1min³)/3 (ZDT6) and 1 − π/6 (DTLZ2); ZDT3's is integrated numerically.
import type { GeneSpec, Genome, Sense } from "./types";

export interface TestProblem {
  readonly name: string;
  readonly genes: readonly GeneSpec[];
  readonly senses: readonly Sense[];
  readonly objectives: (x: Genome) => number[];
  readonly reference: readonly number[];
  readonly trueHypervolume: number;
  /** A dense, evenly spread sample of the true front (for IGD). */
  readonly trueFront: () => number[][];
}

const unitGenes = (n: number): GeneSpec[] =>
  Array.from({ length: n }, () => ({ kind: "continuous", lo: 0, hi: 1 }) as const);

const FRONT_SAMPLES = 1000;

function zdtG(x: Genome): number {
  let sum = 0;
  for (let i = 1; i < x.length; i++) sum += x[i];
  return 1 + (9 * sum) / (x.length - 1);
}

/** A 2-objective problem whose true front is f2 = shape(f1) over [lo, 1] (shape decreasing there). */
function zdt(
  name: string,
  variables: number,
  f1: (x: Genome) => number,
  g: (x: Genome) => number,
  h: (f1: number, g: number) => number,
  frontStart: number,
  trueHypervolume: number,
): TestProblem {
  return {
    name,
    genes: unitGenes(variables),
    senses: ["min", "min"],
    objectives: (x) => {
      const a = f1(x);
      const gx = g(x);
      return [a, gx * h(a, gx)];
    },
    reference: [1, 1],
    trueHypervolume,
    trueFront: () =>
      Array.from({ length: FRONT_SAMPLES }, (_, i) => {
        const a = frontStart + ((1 - frontStart) * i) / (FRONT_SAMPLES - 1);
        return [a, h(a, 1)];
      }),
  };
}

const zdt3Shape = (f1: number, g: number): number =>
  1 - Math.sqrt(f1 / g) - (f1 / g) * Math.sin(10 * Math.PI * f1);

/**
 * Hypervolume at reference (1,1) of the front of a curve f2 = shape(f1), f1 ∈ [lo, 1]: the point
 * at f1 = a is dominated down to the running minimum of the curve over [lo, a]. Midpoint rule.
 */
export function curveFrontHypervolume(shape: (f1: number) => number, lo: number, steps = 1_000_000): number {
  const width = (1 - lo) / steps;
  let runningMin = Infinity;
  let area = 0;
  for (let k = 0; k < steps; k++) {
    runningMin = Math.min(runningMin, shape(lo + (k + 0.5) * width));
    area += (1 - Math.min(1, runningMin)) * width;
  }
  return area;
}

/** The non-dominated points of ZDT3's curve: where it reaches a new running minimum. */
function zdt3Front(): number[][] {
  const dense = 100 * FRONT_SAMPLES;
  const front: number[][] = [];
  let runningMin = Infinity;
  for (let i = 0; i < dense; i++) {
    const a = i / (dense - 1);
    const b = zdt3Shape(a, 1);
    if (b < runningMin) {
      runningMin = b;
      front.push([a, b]);
    }
  }
  // Thin out to about FRONT_SAMPLES points, keeping each region's ends.
  const stride = Math.max(1, Math.floor(front.length / FRONT_SAMPLES));
  return front.filter((_, i) => i % stride === 0 || i === front.length - 1);
}

/** ZDT6's smallest f1 on the front: the minimum of 1 − e^(−4x)·sin⁶(6πx), by golden section. */
function zdt6Start(): number {
  const f = (x: number): number => 1 - Math.exp(-4 * x) * Math.sin(6 * Math.PI * x) ** 6;
  let a = 0;
  let b = 1 / 6; // the first period of sin⁶(6πx) holds the minimum
  const ratio = (Math.sqrt(5) - 1) / 2;
  while (b - a > 1e-12) {
    const c = b - ratio * (b - a);
    const d = a + ratio * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  return f((a + b) / 2);
}

function dtlz2(objectives: number, k: number): TestProblem {
  const variables = objectives + k - 1;
  return {
    name: "dtlz2",
    genes: unitGenes(variables),
    senses: Array.from({ length: objectives }, () => "min" as const),
    objectives: (x) => {
      let g = 0;
      for (let i = objectives - 1; i < variables; i++) g += (x[i] - 0.5) ** 2;
      return Array.from({ length: objectives }, (_, m) => {
        let f = 1 + g;
        for (let i = 0; i < objectives - 1 - m; i++) f *= Math.cos((x[i] * Math.PI) / 2);
        if (m > 0) f *= Math.sin((x[objectives - 1 - m] * Math.PI) / 2);
        return f;
      });
    },
    reference: Array.from({ length: objectives }, () => 1),
    // The front is the unit sphere's positive orthant; the dominated part of the unit cube is the
    // cube minus the eighth-ball: 1 − π/6 for 3 objectives.
    trueHypervolume: objectives === 3 ? 1 - Math.PI / 6 : NaN,
    trueFront: () => sphereFront(objectives, 40),
  };
}

/** Das–Dennis simplex-lattice directions (H divisions), projected onto the unit sphere. */
function sphereFront(objectives: number, divisions: number): number[][] {
  const out: number[][] = [];
  const walk = (prefix: number[], left: number): void => {
    if (prefix.length === objectives - 1) {
      const w = [...prefix, left].map((v) => v / divisions);
      const norm = Math.hypot(...w);
      out.push(w.map((v) => v / norm));
      return;
    }
    for (let v = 0; v <= left; v++) walk([...prefix, v], left - v);
  };
  walk([], divisions);
  return out;
}

const first = (x: Genome): number => x[0];
const zdt6F1 = (x: Genome): number => 1 - Math.exp(-4 * x[0]) * Math.sin(6 * Math.PI * x[0]) ** 6;
const zdt6G = (x: Genome): number => {
  let sum = 0;
  for (let i = 1; i < x.length; i++) sum += x[i];
  return 1 + 9 * (sum / (x.length - 1)) ** 0.25;
};
const convex = (f1: number, g: number): number => 1 - Math.sqrt(f1 / g);
const concave = (f1: number, g: number): number => 1 - (f1 / g) ** 2;

const builders: Record<string, () => TestProblem> = {
  zdt1: () => zdt("zdt1", 30, first, zdtG, convex, 0, 2 / 3),
  zdt2: () => zdt("zdt2", 30, first, zdtG, concave, 0, 1 / 3),
  zdt3: () => ({
    ...zdt(
      "zdt3",
      30,
      first,
      zdtG,
      zdt3Shape,
      0,
      curveFrontHypervolume((a) => zdt3Shape(a, 1), 0),
    ),
    trueFront: zdt3Front,
  }),
  zdt6: () => {
    const start = zdt6Start();
    return zdt("zdt6", 10, zdt6F1, zdt6G, concave, start, (1 - start ** 3) / 3);
  },
  dtlz2: () => dtlz2(3, 10),
};

export const testProblemNames = Object.keys(builders);

export function testProblem(name: string): TestProblem {
  const build = builders[name];
  if (!build) throw new RangeError(`unknown problem "${name}" (known: ${testProblemNames.join(", ")})`);
  return build();
}
