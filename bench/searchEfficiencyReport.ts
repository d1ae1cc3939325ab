/**
 * The analysis and the markdown fragment of bench/searchEfficiency.ts: hypervolume progress of each
 * run against the reference (the union of all fronts), evaluations to reach a share of it, and
 * LINAS's predictor quality per iteration.
 */
import type { BackendSelection } from "../server/engine/backend/select";
import { genomeKey } from "../server/language/encoding";
import type { SearchConfig } from "../server/language/searchConfig";
import { hypervolume } from "../server/search/hypervolume";
import { minimised, nonDominatedSubset } from "../server/search/pareto";
import type { RegressionMetrics } from "../server/search/predictors/report";
import type { Evaluation, Sense } from "../server/search/types";
import { evaluationsToReach, hypervolumeCurve, medianReached } from "./frontProgress";
import { markdownTable } from "./markdown";
import { median, round } from "./stats";

export const STRATEGIES = ["random", "nsga2", "linas"] as const;
export type Strategy = (typeof STRATEGIES)[number];
export const TARGETS = [0.98, 0.95] as const;
/** Shares of the nadir-referenced hypervolume: a search rarely finds all of a front's trade-off. */
export const NADIR_TARGETS = [0.9, 0.75, 0.5] as const;
/** Objective indices: LINAS predicts accuracy; MACs are computed exactly from the space. */
export const ACCURACY = 0;
export const MACS = 1;

export interface RunRecord {
  readonly strategy: Strategy;
  readonly seed: number;
  readonly evaluations: readonly Evaluation[];
  readonly front: readonly Evaluation[];
  readonly predictor: PredictorQuality[];
}

/** LINAS's accuracy predictor at one iteration: cross-validated on what it was trained on, then checked on the population it chose. */
export interface PredictorQuality {
  readonly iteration: number;
  readonly model?: string;
  readonly points?: number;
  readonly heldOut?: RegressionMetrics | null;
  readonly check?: RegressionMetrics;
}

/** What bench/results/search-efficiency[-SPACE].json holds (besides its date). */
export interface Results {
  readonly command: string;
  readonly settings: {
    /** The space file, relative to the repository root. */
    readonly space: string;
    readonly seeds: readonly number[];
    readonly budget: number;
    readonly population: number;
    readonly linas: { readonly inner: number; readonly predictor: string };
    readonly objectives: SearchConfig["objectives"];
  };
  readonly machine: {
    readonly cpus: number;
    readonly loadAverageStart: readonly number[];
    readonly loadAverageEnd: readonly number[];
  };
  readonly backend: BackendSelection;
  readonly supernet: {
    readonly epochs: number;
    readonly loaded: boolean;
    readonly checkpoint: string | null;
    readonly trainSeconds: number;
  };
  readonly data: {
    /** Which copy of the space's dataset: the embedded subset or the full dataset. */
    readonly choice: string;
    readonly source: string;
    readonly trainImages: number;
    readonly validationImages: number;
    readonly calibrationImages: number;
  };
  readonly reference: {
    readonly point: readonly number[];
    readonly hypervolume: number;
    /** The distinct subnets of the union's front: encoding key and objectives. */
    readonly front: readonly { readonly key: string; readonly objectives: readonly number[] }[];
    /** The largest share of the reference hypervolume that one front point gives alone. */
    readonly bestSinglePointShare: number;
    /** The share that the front's cheapest point (fewest MACs) gives alone. */
    readonly cheapestPointShare: number;
  };
  /**
   * The same progress against a reference point just beyond the union front's nadir (its worst
   * accuracy and MACs, moved out by a tenth of each range), so the hypervolume measures the
   * trade-off the front spans rather than the distance from 0% accuracy.
   */
  readonly nadir: {
    readonly point: readonly number[];
    readonly cheapestPointShare: number;
    readonly summary: readonly StrategySummary[];
    readonly ratioLinasToNsga2: Readonly<Record<string, number | string | null>>;
  };
  /** Every distinct subnet measured: encoding key, accuracy %, MACs. */
  readonly measured: readonly (readonly [string, number, number])[];
  readonly engine: { readonly distinctSubnets: number; readonly requests: number; readonly seconds: number };
  readonly summary: readonly StrategySummary[];
  /** LINAS's median evaluations over NSGA-II's, per target. */
  readonly ratioLinasToNsga2: Readonly<Record<string, number | string | null>>;
  readonly linasPredictor: readonly IterationQuality[];
  readonly runs: readonly {
    readonly strategy: Strategy;
    readonly seed: number;
    readonly evaluations: number;
    readonly reached: Readonly<Record<string, number | null>>;
    readonly finalShare: number;
    /** Hypervolume after each evaluation, as a share of the reference. */
    readonly curve: readonly number[];
    readonly predictor: readonly PredictorQuality[];
  }[];
  readonly seconds: number;
}

export interface StrategySummary {
  readonly strategy: Strategy;
  /** Per target (e.g. "0.98"): evaluations to reach it, median and per seed (null: not reached). */
  readonly reached: Readonly<
    Record<string, { readonly median: number | null; readonly perSeed: readonly (number | null)[] }>
  >;
  readonly finalShareMedian: number;
}

export interface IterationQuality {
  readonly iteration: number;
  readonly runs: number;
  readonly points: number | null;
  readonly models: Readonly<Record<string, number>>;
  readonly heldOutMape: number | null;
  readonly heldOutKendallTau: number | null;
  readonly checkMape: number | null;
  readonly checkKendallTau: number | null;
}

/**
 * The reference hypervolume (of the union of every run's front), when each run reached each
 * target share of it, the per-strategy medians, LINAS's ratio to NSGA-II and its predictor quality.
 */
export function analyse(
  records: readonly RunRecord[],
  senses: readonly Sense[],
  reference: readonly number[],
  budget: number,
): Pick<Results, "reference" | "nadir" | "summary" | "ratioLinasToNsga2" | "linasPredictor" | "runs"> {
  const found = new Map(records.flatMap((r) => r.front).map((e) => [genomeKey(e.genome), e]));
  const union = nonDominatedSubset(
    [...found].map(([key, e]) => ({
      key,
      objectives: e.objectives,
      violation: e.violation,
      minimised: minimised(e.objectives, senses),
    })),
  );
  const main = againstReference(records, union, senses, reference, budget, TARGETS);
  const nadirPoint = beyondNadir(
    union.map((e) => e.objectives),
    senses,
  );
  const nadir = againstReference(records, union, senses, nadirPoint, budget, NADIR_TARGETS);
  const predictorTable = predictorByIteration(main.runs.filter((r) => r.strategy === "linas"));
  return {
    reference: {
      point: reference,
      hypervolume: main.hypervolume,
      front: union.map((e) => ({ key: e.key, objectives: e.objectives })),
      bestSinglePointShare: round(Math.max(...main.shares), 4),
      cheapestPointShare: round(main.cheapestShare, 4),
    },
    nadir: {
      point: nadirPoint,
      cheapestPointShare: round(nadir.cheapestShare, 4),
      summary: nadir.summary,
      ratioLinasToNsga2: nadir.ratios,
    },
    summary: main.summary,
    ratioLinasToNsga2: main.ratios,
    linasPredictor: predictorTable,
    runs: main.runs.map((r) => ({
      strategy: r.strategy,
      seed: r.seed,
      evaluations: r.evaluations.length,
      reached: r.reached,
      finalShare: round(r.finalShare, 4),
      curve: r.curve.map((v) => round(v / main.hypervolume, 4)),
      predictor: r.predictor,
    })),
  };
}

/** A point worse than every front point by a tenth of the front's range in each objective. */
function beyondNadir(objectives: readonly (readonly number[])[], senses: readonly Sense[]): number[] {
  return senses.map((sense, i) => {
    const values = objectives.map((o) => o[i]);
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const margin = (hi - lo) / 10 || Math.abs(hi) / 10 || 1;
    return sense === "max" ? lo - margin : hi + margin;
  });
}

/** Each run's hypervolume progress against one reference point, and what the strategies reached. */
function againstReference(
  records: readonly RunRecord[],
  union: readonly { readonly minimised: readonly number[] }[],
  senses: readonly Sense[],
  reference: readonly number[],
  budget: number,
  targets: readonly number[],
) {
  const corner = minimised(reference, senses);
  const total = hypervolume(
    union.map((e) => e.minimised),
    corner,
  );
  const shares = union.map((e) => hypervolume([e.minimised], corner) / total);
  const cheapest = union.reduce(
    (best, e, i) => (e.minimised[MACS] < union[best].minimised[MACS] ? i : best),
    0,
  );
  const runs = records.map((r) => {
    const curve = hypervolumeCurve(r.evaluations, senses, reference);
    const reached = Object.fromEntries(targets.map((t) => [String(t), evaluationsToReach(curve, t * total)]));
    return { ...r, curve, reached, finalShare: curve[curve.length - 1] / total };
  });
  const summary = STRATEGIES.map((strategy): StrategySummary => {
    const mine = runs.filter((r) => r.strategy === strategy);
    return {
      strategy,
      reached: Object.fromEntries(
        targets.map((t) => {
          const perSeed = mine.map((r) => r.reached[String(t)]);
          return [String(t), { median: medianReached(perSeed), perSeed }];
        }),
      ),
      finalShareMedian: round(median(mine.map((r) => r.finalShare)), 4),
    };
  });
  const medianOf = (strategy: Strategy, t: number): number | null =>
    summary.find((s) => s.strategy === strategy)!.reached[String(t)].median;
  const ratios = Object.fromEntries(
    targets.map((t) => [String(t), ratio(medianOf("linas", t), medianOf("nsga2", t), budget)]),
  );
  return { hypervolume: total, shares, cheapestShare: shares[cheapest], runs, summary, ratios };
}

/** LINAS's evaluations over NSGA-II's; a bound when only LINAS got there within the budget. */
function ratio(
  linasEvaluations: number | null,
  nsga2Evaluations: number | null,
  budget: number,
): number | string | null {
  if (linasEvaluations === null) return null;
  if (nsga2Evaluations === null) return `< ${round(linasEvaluations / budget, 2)}`;
  return round(linasEvaluations / nsga2Evaluations, 2);
}

/** Per iteration, the median over seeds of the accuracy predictor's error and rank agreement. */
function predictorByIteration(
  linasRuns: readonly { readonly predictor: readonly PredictorQuality[] }[],
): IterationQuality[] {
  const iterations = [...new Set(linasRuns.flatMap((r) => r.predictor.map((q) => q.iteration)))].sort(
    (a, b) => a - b,
  );
  return iterations.map((iteration) => {
    const at = linasRuns.flatMap((r) => r.predictor.filter((q) => q.iteration === iteration));
    const med = (pick: (q: PredictorQuality) => number | null | undefined): number | null => {
      const xs = at.map(pick).filter((x): x is number => typeof x === "number" && Number.isFinite(x));
      return xs.length ? round(median(xs), 3) : null;
    };
    const models = new Map<string, number>();
    for (const q of at) if (q.model) models.set(q.model, (models.get(q.model) ?? 0) + 1);
    return {
      iteration,
      runs: at.length,
      points: med((q) => q.points),
      models: Object.fromEntries(models),
      heldOutMape: med((q) => q.heldOut?.mape),
      heldOutKendallTau: med((q) => q.heldOut?.kendallTau),
      checkMape: med((q) => q.check?.mape),
      checkKendallTau: med((q) => q.check?.kendallTau),
    };
  });
}

const NAMES: Record<string, string> = { random: "random", nsga2: "NSGA-II", linas: "LINAS" };

export function fragment(r: Results): string {
  const accuracies = r.measured.map((m) => m[1]).sort((a, b) => a - b);
  const shown = (x: number | null): string => (x === null ? "not reached" : String(x));
  const pct = (t: string): string => `${Math.round(Number(t) * 100)}%`;
  const shownRatio = (x: number | string | null): string =>
    x === null ? "n/a (LINAS did not reach it)" : String(x);
  const summaryRows = (summary: readonly StrategySummary[], targets: readonly number[]): string[][] =>
    summary.map((s) => [
      NAMES[s.strategy],
      ...targets.flatMap((t) => [
        shown(s.reached[String(t)].median),
        s.reached[String(t)].perSeed.map(shown).join(", "),
      ]),
      `${(s.finalShareMedian * 100).toFixed(1)}%`,
    ]);
  const rows = summaryRows(r.summary, TARGETS);
  const predictorRows = r.linasPredictor.map((p) => [
    p.iteration,
    p.points ?? "",
    Object.entries(p.models)
      .map(([m, n]) => `${m} ×${n}`)
      .join(", "),
    p.heldOutMape ?? "",
    p.heldOutKendallTau ?? "",
    p.checkMape ?? "",
    p.checkKendallTau ?? "",
  ]);
  return [
    `### Search efficiency: random, NSGA-II and LINAS on ${r.settings.space}`,
    "",
    `\`${r.command}\` (${r.seconds.toFixed(0)} s in all; backend ${r.backend.kind}, ${r.backend.threads} thread(s); ${r.machine.cpus} cores, shared, load average ${r.machine.loadAverageStart.join(" / ")} at the start and ${r.machine.loadAverageEnd.join(" / ")} at the end).`,
    "",
    `Supernet: ${r.supernet.epochs} epochs of the file's \`train\` block on the ${r.data.choice === "full" ? "full dataset" : "embedded subset"} (${r.data.trainImages} training images), ${r.supernet.loaded ? `loaded from \`${r.supernet.checkpoint}\`` : `trained in this run (${r.supernet.trainSeconds.toFixed(0)} s)`}. ` +
      `Objectives: accuracy (max; % of ${r.data.validationImages} validation images after BatchNorm recalibration on ${r.data.calibrationImages} training images) and MACs (min). ` +
      `Budget ${r.settings.budget} evaluations, population ${r.settings.population}, seeds ${r.settings.seeds.join(", ")}; LINAS as in the file: ${r.settings.linas.predictor} predictor, ${r.settings.linas.inner} predicted evaluations per iteration. ` +
      `One memoised evaluator served all runs: ${r.engine.requests} evaluations asked for, ${r.engine.distinctSubnets} distinct subnets measured (${r.engine.seconds.toFixed(0)} s of engine time).`,
    "",
    `Reference hypervolume: the union of all ${r.summary.length * r.settings.seeds.length} runs' fronts, reference point (0% accuracy, 1.1 × the largest subnet's MACs = ${Math.round(r.reference.point[1])}). ` +
      `Its front (${r.reference.front.length} points): ${r.reference.front.map((p) => `${p.objectives[ACCURACY].toFixed(1)}% at ${p.objectives[MACS]} MACs`).join("; ")}; the best of these alone gives ${(r.reference.bestSinglePointShare * 100).toFixed(1)}% of the reference hypervolume, the cheapest ${(r.reference.cheapestPointShare * 100).toFixed(1)}%. ` +
      `Accuracy over all ${accuracies.length} subnets measured: min ${accuracies[0].toFixed(1)}%, median ${median(accuracies).toFixed(1)}%, max ${accuracies[accuracies.length - 1].toFixed(1)}%.`,
    "",
    markdownTable(
      [
        "strategy",
        ...TARGETS.flatMap((t) => [`evaluations to ${pct(String(t))} (median)`, "per seed"]),
        "final hypervolume (median, % of reference)",
      ],
      rows,
    ),
    "",
    `LINAS / NSGA-II evaluations (ratio of medians): ${TARGETS.map((t) => `${pct(String(t))}: ${shownRatio(r.ratioLinasToNsga2[String(t)])}`).join("; ")} (issue 3's target: ≤ 0.4 at 98%).`,
    "",
    `Against a reference point just beyond the union front's nadir (${r.nadir.point[ACCURACY].toFixed(2)}% accuracy, ${Math.round(r.nadir.point[MACS])} MACs: its worst values moved out by a tenth of each range), where the cheapest front point alone holds ${(r.nadir.cheapestPointShare * 100).toFixed(1)}%:`,
    "",
    markdownTable(
      [
        "strategy",
        ...NADIR_TARGETS.flatMap((t) => [`evaluations to ${pct(String(t))} (median)`, "per seed"]),
        "final hypervolume (median, % of reference)",
      ],
      summaryRows(r.nadir.summary, NADIR_TARGETS),
    ),
    "",
    `LINAS / NSGA-II against the nadir reference: ${NADIR_TARGETS.map((t) => `${pct(String(t))}: ${shownRatio(r.nadir.ratioLinasToNsga2[String(t)])}`).join("; ")}.`,
    "",
    "LINAS's accuracy predictor per iteration, median over seeds: cross-validated on the evaluations it was trained on (held out), and checked on the population it then chose (check).",
    "",
    markdownTable(
      [
        "iteration",
        "training points",
        "model",
        "held-out MAPE %",
        "held-out Kendall τ",
        "check MAPE %",
        "check Kendall τ",
      ],
      predictorRows,
    ),
    "",
  ].join("\n");
}
