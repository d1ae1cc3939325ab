/**
 * Sample efficiency of random search, NSGA-II and LINAS on examples/quick.nas's supernet, trained
 * on the embedded Fashion-MNIST subset (issue 3): objectives accuracy (max) and MACs (min), the same
 * budget and population for every strategy, several seeds. The reference hypervolume is that of the
 * union of all fronts found; the result is how many evaluations each strategy needs to reach 98%
 * (and 95%) of it, and the quality of LINAS's accuracy predictor per iteration.
 * All runs share one memoised evaluator: a subnet's accuracy (same weights, same calibration sample)
 * is the same number whichever run asks, so it is measured once.
 * Run: npx tsx bench/searchEfficiency.ts [--checkpoint DIR] [--seeds 5] [--budget 120] [--population 20]
 * (SUPERNET_BACKEND / SUPERNET_THREADS pick the backend)
 */
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { selectBackend } from "../server/engine/backend/select";
import type { BackendSelection } from "../server/engine/backend/select";
import { evaluateSubnetAccuracy, evaluationData } from "../server/engine/train/evaluate";
import { genomeKey, largestGenome } from "../server/language/encoding";
import type { Genome } from "../server/language/encoding";
import { planSubnet } from "../server/language/plan";
import type { SearchConfig } from "../server/language/searchConfig";
import { objectiveValues, searchProblem } from "../server/runs/problem";
import { hypervolume } from "../server/search/hypervolume";
import { linas } from "../server/search/linas";
import { nsga2 } from "../server/search/nsga2";
import { minimised, nonDominatedSubset } from "../server/search/pareto";
import type { RegressionMetrics } from "../server/search/predictors/report";
import { randomSearch } from "../server/search/random";
import type {
  Evaluation,
  Measurement,
  SearchEvent,
  SearchResult,
  StrategyOptions,
} from "../server/search/types";
import { evaluationsToReach, hypervolumeCurve, medianReached } from "./frontProgress";
import { invocation, markdownTable, writeFragment } from "./markdown";
import { loadEmbeddedDataset, loadQuickSpace, quickSupernet } from "./quickSupernet";
import { quantile, writeResults } from "./stats";

const STRATEGIES = ["random", "nsga2", "linas"] as const;
type Strategy = (typeof STRATEGIES)[number];
const TARGETS = [0.98, 0.95] as const;
/** Objective indices: LINAS predicts accuracy; MACs are computed exactly from the space. */
const ACCURACY = 0;
const MACS = 1;

interface RunRecord {
  readonly strategy: Strategy;
  readonly seed: number;
  readonly evaluations: readonly Evaluation[];
  readonly front: readonly Evaluation[];
  readonly predictor: PredictorQuality[];
}

/** LINAS's accuracy predictor at one iteration: cross-validated on what it was trained on, then checked on the population it chose. */
interface PredictorQuality {
  readonly iteration: number;
  readonly model?: string;
  readonly points?: number;
  readonly heldOut?: RegressionMetrics | null;
  readonly check?: RegressionMetrics;
}

/** What bench/results/search-efficiency.json holds (besides its date). */
interface Results {
  readonly command: string;
  readonly settings: {
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
  readonly data: { readonly validationImages: number; readonly calibrationImages: number };
  readonly reference: {
    readonly point: readonly number[];
    readonly hypervolume: number;
    /** The distinct subnets of the union's front: encoding key and objectives. */
    readonly front: readonly { readonly key: string; readonly objectives: readonly number[] }[];
    /** The largest share of the reference hypervolume that one front point gives alone. */
    readonly bestSinglePointShare: number;
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

interface StrategySummary {
  readonly strategy: Strategy;
  /** Per target (e.g. "0.98"): evaluations to reach it, median and per seed (null: not reached). */
  readonly reached: Readonly<
    Record<string, { readonly median: number | null; readonly perSeed: readonly (number | null)[] }>
  >;
  readonly finalShareMedian: number;
}

interface IterationQuality {
  readonly iteration: number;
  readonly runs: number;
  readonly points: number | null;
  readonly models: Readonly<Record<string, number>>;
  readonly heldOutMape: number | null;
  readonly heldOutKendallTau: number | null;
  readonly checkMape: number | null;
  readonly checkKendallTau: number | null;
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));
const started = performance.now();
const log = (line: string): void =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      checkpoint: { type: "string" },
      seeds: { type: "string", default: "5" },
      budget: { type: "string", default: "120" },
      population: { type: "string", default: "20" },
    },
  });
  const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
  const budget = Number(values.budget);
  const population = Number(values.population);
  const loadAverageStart = loadavg().map((l) => round(l, 2));

  const space = loadQuickSpace();
  const { model } = space;
  const fileStrategy = space.config.strategy;
  if (fileStrategy.kind !== "linas")
    throw new Error(
      "examples/quick.nas no longer searches with linas: its LINAS settings are the ones benchmarked",
    );
  const config: SearchConfig = {
    ...space.config,
    objectives: [
      { metric: "accuracy", sense: "maximize" },
      { metric: "macs", sense: "minimize" },
    ],
    constraints: [],
  };
  const backend = await selectBackend();
  log(
    `backend ${backend.kind} (${backend.threads} thread(s)); ${cpus().length} cores, load average ${loadAverageStart.join(", ")}`,
  );
  const dataset = await loadEmbeddedDataset(model);
  const trained = await quickSupernet(space, dataset, values.checkpoint, log);
  log(
    `supernet: ${trained.epochs} epochs ${trained.loaded ? `loaded from ${values.checkpoint}` : `trained in ${trained.seconds.toFixed(0)} s`}`,
  );
  const data = evaluationData(dataset, { seed: config.seed });

  // The shared, memoised evaluator: the engine is asked once per distinct subnet.
  const cache = new Map<string, Measurement>();
  let engineSeconds = 0;
  let requests = 0;
  const measure = (genome: Genome): Measurement => {
    requests++;
    const key = genomeKey(genome);
    const known = cache.get(key);
    if (known) return known;
    const t = performance.now();
    const r = evaluateSubnetAccuracy(trained.supernet, genome, data);
    engineSeconds += (performance.now() - t) / 1000;
    const metrics = { accuracy: r.accuracy * 100, macs: planSubnet(model, genome).macs };
    const m = { objectives: objectiveValues(config, metrics, {}), violation: 0 };
    cache.set(key, m);
    return m;
  };

  const largestMacs = planSubnet(model, largestGenome(model)).macs;
  const reference = [0, 1.1 * largestMacs];
  const problem = searchProblem(model, config, reference);
  const senses = problem.senses;
  const predictorModels =
    fileStrategy.predictor === "auto"
      ? undefined
      : [fileStrategy.predictor === "ridge" ? ("ridge" as const) : ("svr" as const)];

  const run = (strategy: Strategy, options: StrategyOptions): Promise<SearchResult> => {
    switch (strategy) {
      case "random":
        return randomSearch(problem, { ...options, batchSize: population });
      case "nsga2":
        return nsga2(problem, { ...options, populationSize: population });
      case "linas":
        return linas(problem, {
          ...options,
          populationSize: population,
          predictedEvaluations: fileStrategy.inner,
          cheap: { indices: [MACS], compute: (g) => [planSubnet(model, g).macs] },
          ...(predictorModels ? { predictor: { models: predictorModels } } : {}),
        });
    }
  };

  const records: RunRecord[] = [];
  for (const seed of seeds) {
    for (const strategy of STRATEGIES) {
      const predictor = new Map<number, PredictorQuality>();
      const onEvent = (e: SearchEvent): void => {
        if (e.type === "generation" || e.target !== ACCURACY) return;
        const q = predictor.get(e.iteration) ?? { iteration: e.iteration };
        predictor.set(
          e.iteration,
          e.type === "predictor"
            ? { ...q, model: e.report.chosen.model, points: e.report.points, heldOut: e.report.heldOut }
            : { ...q, check: e.check },
        );
      };
      const result = await run(strategy, {
        evaluate: async (batch) => batch.map(measure),
        budget,
        seed,
        onEvent,
      });
      records.push({
        strategy,
        seed,
        evaluations: result.evaluations,
        front: result.front,
        predictor: [...predictor.values()],
      });
      log(
        `${strategy} seed ${seed}: ${result.evaluations.length} evaluations, front of ${result.front.length}; engine evaluations so far ${cache.size}`,
      );
    }
  }

  // Reference: the hypervolume of the union of every front found.
  const found = new Map(records.flatMap((r) => r.front).map((e) => [genomeKey(e.genome), e]));
  const union = nonDominatedSubset(
    [...found].map(([key, e]) => ({
      key,
      objectives: e.objectives,
      violation: e.violation,
      minimised: minimised(e.objectives, senses),
    })),
  );
  const corner = minimised(reference, senses);
  const referenceHypervolume = hypervolume(
    union.map((e) => e.minimised),
    corner,
  );
  const bestSinglePointShare =
    Math.max(...union.map((e) => hypervolume([e.minimised], corner))) / referenceHypervolume;
  const runs = records.map((r) => {
    const curve = hypervolumeCurve(r.evaluations, senses, reference);
    const reached = Object.fromEntries(
      TARGETS.map((t) => [String(t), evaluationsToReach(curve, t * referenceHypervolume)]),
    );
    return { ...r, curve, reached, finalShare: curve[curve.length - 1] / referenceHypervolume };
  });
  const summary = STRATEGIES.map((strategy): StrategySummary => {
    const mine = runs.filter((r) => r.strategy === strategy);
    return {
      strategy,
      reached: Object.fromEntries(
        TARGETS.map((t) => {
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
    TARGETS.map((t) => [String(t), ratio(medianOf("linas", t), medianOf("nsga2", t), budget)]),
  );
  const predictorTable = predictorByIteration(runs.filter((r) => r.strategy === "linas"));
  const loadAverageEnd = loadavg().map((l) => round(l, 2));

  const results: Results = {
    command: invocation(),
    settings: {
      seeds,
      budget,
      population,
      linas: { inner: fileStrategy.inner, predictor: fileStrategy.predictor },
      objectives: config.objectives,
    },
    machine: { cpus: cpus().length, loadAverageStart, loadAverageEnd },
    backend,
    supernet: {
      epochs: trained.epochs,
      loaded: trained.loaded,
      checkpoint: values.checkpoint ?? null,
      trainSeconds: round(trained.seconds, 1),
    },
    data: { validationImages: data.validation.shape[0], calibrationImages: data.calibration.shape[0] },
    reference: {
      point: reference,
      hypervolume: referenceHypervolume,
      front: union.map((e) => ({ key: e.key, objectives: e.objectives })),
      bestSinglePointShare: round(bestSinglePointShare, 4),
    },
    measured: [...cache].map(([key, m]) => [key, m.objectives[ACCURACY], m.objectives[MACS]] as const),
    engine: { distinctSubnets: cache.size, requests, seconds: round(engineSeconds, 1) },
    summary,
    ratioLinasToNsga2: ratios,
    linasPredictor: predictorTable,
    runs: runs.map((r) => ({
      strategy: r.strategy,
      seed: r.seed,
      evaluations: r.evaluations.length,
      reached: r.reached,
      finalShare: round(r.finalShare, 4),
      curve: r.curve.map((v) => round(v / referenceHypervolume, 4)),
      predictor: r.predictor,
    })),
    seconds: round((performance.now() - started) / 1000, 1),
  };
  writeResults("search-efficiency", results);
  const markdown = fragment(results);
  writeFragment("search-efficiency", markdown);
  console.log(`\n${markdown}`);
}

function median(xs: readonly number[]): number {
  return quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
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

function fragment(r: Results): string {
  const accuracies = r.measured.map((m) => m[1]).sort((a, b) => a - b);
  const shown = (x: number | null): string => (x === null ? "not reached" : String(x));
  const pct = (t: string): string => `${Math.round(Number(t) * 100)}%`;
  const shownRatio = (x: number | string | null): string =>
    x === null ? "n/a (LINAS did not reach it)" : String(x);
  const rows = r.summary.map((s) => [
    NAMES[s.strategy],
    ...TARGETS.flatMap((t) => [
      shown(s.reached[String(t)].median),
      s.reached[String(t)].perSeed.map(shown).join(", "),
    ]),
    `${(s.finalShareMedian * 100).toFixed(1)}%`,
  ]);
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
    "### Search efficiency: random, NSGA-II and LINAS on examples/quick.nas",
    "",
    `\`${r.command}\` (${r.seconds.toFixed(0)} s in all; backend ${r.backend.kind}, ${r.backend.threads} thread(s); ${r.machine.cpus} cores, shared, load average ${r.machine.loadAverageStart.join(" / ")} at the start and ${r.machine.loadAverageEnd.join(" / ")} at the end).`,
    "",
    `Supernet: ${r.supernet.epochs} epochs of the file's \`train\` block on the embedded subset, ${r.supernet.loaded ? `loaded from \`${r.supernet.checkpoint}\`` : `trained in this run (${r.supernet.trainSeconds.toFixed(0)} s)`}. ` +
      `Objectives: accuracy (max; % of ${r.data.validationImages} validation images after BatchNorm recalibration on ${r.data.calibrationImages} training images) and MACs (min). ` +
      `Budget ${r.settings.budget} evaluations, population ${r.settings.population}, seeds ${r.settings.seeds.join(", ")}; LINAS as in the file: ${r.settings.linas.predictor} predictor, ${r.settings.linas.inner} predicted evaluations per iteration. ` +
      `One memoised evaluator served all runs: ${r.engine.requests} evaluations asked for, ${r.engine.distinctSubnets} distinct subnets measured (${r.engine.seconds.toFixed(0)} s of engine time).`,
    "",
    `Reference hypervolume: the union of all ${r.summary.length * r.settings.seeds.length} runs' fronts, reference point (0% accuracy, 1.1 × the largest subnet's MACs = ${Math.round(r.reference.point[1])}). ` +
      `Its front: ${r.reference.front.map((p) => `${p.objectives[0]}% at ${p.objectives[1]} MACs`).join("; ")}; the best of these alone gives ${(r.reference.bestSinglePointShare * 100).toFixed(1)}% of the reference hypervolume. ` +
      `Accuracy over all ${accuracies.length} subnets measured: min ${accuracies[0]}%, median ${median(accuracies)}%, max ${accuracies[accuracies.length - 1]}%.`,
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

void main();
