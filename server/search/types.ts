// The vocabulary shared by every strategy. search/ is generic: the caller adapts its own space
// (a `.nas` supernet, a test problem) to genes, senses and an async batch evaluator.
import type { Prng } from "./prng";
import type { PredictorReport, PredictionCheck } from "./predictors/report";

/** A choice index per categorical gene, a real value per continuous gene. */
export type Genome = readonly number[];

export type GeneSpec =
  | { readonly kind: "categorical"; readonly cardinality: number }
  | { readonly kind: "continuous"; readonly lo: number; readonly hi: number };

export type Sense = "min" | "max";

export interface SearchProblem {
  readonly genes: readonly GeneSpec[];
  /** One per objective; objectives are handed back in the caller's units and senses. */
  readonly senses: readonly Sense[];
  /** Maps equal subnets to one encoding (e.g. genes of blocks beyond a stage's depth reset to 0). */
  readonly canonicalize?: (genome: Genome) => Genome;
  /** Identity of a canonical genome; defaults to its genes joined by commas. */
  readonly key?: (genome: Genome) => string;
  /** Draws one genome; defaults to an independent uniform choice per gene. */
  readonly sample?: (rng: Prng) => Genome;
  /** Hypervolume reference point in objective units; without it events carry no hypervolume. */
  readonly reference?: readonly number[];
  /**
   * Genomes every strategy evaluates in its first batch, before anything it proposes itself:
   * for a supernet, the largest and smallest subnets, so the front reaches both ends of the space.
   */
  readonly anchors?: readonly Genome[];
}

/** What the caller's evaluator measures for one genome. violation: 0 when feasible, else > 0. */
export interface Measurement {
  readonly objectives: readonly number[];
  readonly violation?: number;
}

export interface Evaluation {
  readonly genome: Genome;
  readonly objectives: readonly number[];
  readonly violation: number;
}

/**
 * Measures a batch. `predicted`, when the strategy has predictions (LINAS), holds per genome the
 * objectives it expected (predicted where expensive, exact where cheap), so they can be logged
 * beside the measurement.
 */
export type Evaluator = (
  batch: readonly Genome[],
  predicted?: readonly (readonly number[])[],
) => Promise<readonly Measurement[]>;

export type SearchEvent =
  | {
      readonly type: "generation";
      readonly generation: number;
      readonly evaluations: number;
      /** Non-dominated evaluations so far (feasible ones when any is feasible). */
      readonly front: readonly Evaluation[];
      readonly hypervolume: number | null;
    }
  | {
      readonly type: "predictor";
      readonly iteration: number;
      /** The objective predicted. */
      readonly target: number;
      readonly report: PredictorReport;
    }
  | {
      readonly type: "predictionCheck";
      readonly iteration: number;
      readonly target: number;
      /** The population just evaluated: predicted before, measured after. */
      readonly check: PredictionCheck;
    };

/**
 * Every strategy is a pure function of (problem, seed, the measurements its evaluator returns):
 * it reads no clock and no global randomness. Re-running it with the same seed and with
 * measurements served from a log therefore asks for the same genomes in the same order, which is
 * how an interrupted run is resumed (see replay.ts).
 */
export interface StrategyOptions {
  readonly evaluate: Evaluator;
  /** Maximum number of genomes handed to `evaluate` over the whole run. */
  readonly budget: number;
  readonly seed: number;
  readonly onEvent?: (event: SearchEvent) => void;
  /** Earlier evaluations (e.g. from another run); they are not re-evaluated nor counted. */
  readonly warmStart?: readonly Evaluation[];
  /** Stops before the next batch once aborted (e.g. a time budget); the result so far is returned. */
  readonly signal?: AbortSignal;
}

export interface SearchResult {
  /** Every evaluation this run paid for, in order. */
  readonly evaluations: readonly Evaluation[];
  /** Non-dominated set of all evaluations (and warm-start points). */
  readonly front: readonly Evaluation[];
  /** The final population (random search: everything it sampled). */
  readonly population: readonly Evaluation[];
}
