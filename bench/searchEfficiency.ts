/**
 * Sample efficiency of random search, NSGA-II and LINAS on a space file's supernet (issue 3; by
 * default examples/quick.nas, trained on the embedded Fashion-MNIST subset; bench/spaces/ holds
 * spaces made for this benchmark): objectives accuracy (max) and MACs (min), the same
 * budget and population for every strategy, several seeds. The reference hypervolume is that of the
 * union of all fronts found; the result is how many evaluations each strategy needs to reach 98%
 * (and 95%) of it, and the quality of LINAS's accuracy predictor per iteration.
 * All runs share one memoised evaluator: a subnet's accuracy (same weights, same calibration sample)
 * is the same number whichever run asks, so it is measured once.
 * Run: npx tsx bench/searchEfficiency.ts [--space FILE] [--data embedded|full] [--checkpoint DIR]
 *   [--seeds 5] [--budget 120] [--population 20]
 * (SUPERNET_BACKEND / SUPERNET_THREADS pick the backend). A checkpoint folder under bench/results/
 * (git-ignored) keeps the trained supernet, so a rerun skips training; results go to
 * bench/results/search-efficiency[-SPACE].{json,md}.
 */
import { cpus, loadavg } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { selectBackend } from "../server/engine/backend/select";
import { evaluateSubnetAccuracy, evaluationData } from "../server/engine/train/evaluate";
import { genomeKey, largestGenome, smallestGenome } from "../server/language/encoding";
import type { Genome } from "../server/language/encoding";
import { planSubnet } from "../server/language/plan";
import type { SearchConfig } from "../server/language/searchConfig";
import { neededMetrics, objectiveValues, searchProblem } from "../server/runs/problem";
import { runStrategy } from "../server/runs/runner";
import type { Measurement, SearchEvent, SearchResult, StrategyOptions } from "../server/search/types";
import { invocation, writeFragment } from "./markdown";
import { loadSpaceDataset, loadSpaceFile, QUICK_FILE, quickSupernet } from "./quickSupernet";
import { ACCURACY, analyse, fragment, MACS, STRATEGIES } from "./searchEfficiencyReport";
import type { PredictorQuality, Results, RunRecord, Strategy } from "./searchEfficiencyReport";
import { round, writeResults } from "./stats";

const started = performance.now();
const log = (line: string): void =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);
const REPOSITORY = join(__dirname, "..");
const DATA_CHOICES = ["embedded", "full"] as const;

/** quick.nas keeps the historical file names; another space's results are named after its file. */
function resultsName(spaceFile: string): string {
  return spaceFile === QUICK_FILE ? "search-efficiency" : `search-efficiency-${basename(spaceFile, ".nas")}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      space: { type: "string", default: QUICK_FILE },
      data: { type: "string", default: "embedded" },
      checkpoint: { type: "string" },
      seeds: { type: "string", default: "5" },
      budget: { type: "string", default: "120" },
      population: { type: "string", default: "20" },
    },
  });
  const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
  const budget = Number(values.budget);
  const population = Number(values.population);
  const dataChoice = DATA_CHOICES.find((c) => c === values.data);
  if (!dataChoice) throw new Error(`--data must be one of ${DATA_CHOICES.join(", ")}`);
  const spaceFile = resolve(values.space);
  const spaceName = relative(REPOSITORY, spaceFile);
  const loadAverageStart = loadavg().map((l) => round(l, 2));

  const space = loadSpaceFile(spaceFile);
  const { model } = space;
  const fileStrategy = space.config.strategy;
  if (fileStrategy.kind !== "linas")
    throw new Error(`${spaceName} does not search with linas: its LINAS settings are the ones benchmarked`);
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
  const dataset = await loadSpaceDataset(model, spaceFile, dataChoice);
  log(`data: ${dataset.source}`);
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
  // The trade-off the searches compete on, seen before spending the budget on it.
  for (const [name, genome] of [
    ["largest", largestGenome(model)],
    ["smallest", smallestGenome(model)],
  ] as const) {
    const { objectives } = measure(genome);
    log(`${name} subnet: ${objectives[ACCURACY].toFixed(1)}% at ${objectives[MACS]} MACs`);
  }
  requests = 0;

  const largestMacs = planSubnet(model, largestGenome(model)).macs;
  const reference = [0, 1.1 * largestMacs];
  const problem = searchProblem(model, config, reference);
  // The runner's own strategy wiring, with the benchmark's population for every strategy.
  const strategyConfig = (strategy: Strategy): SearchConfig => ({
    ...config,
    strategy:
      strategy === "random"
        ? { kind: "random" }
        : strategy === "nsga2"
          ? { kind: "nsga2", population, crossover: 0.9, mutation: undefined }
          : { ...fileStrategy, population },
  });
  const run = (strategy: Strategy, options: StrategyOptions): Promise<SearchResult> => {
    const c = strategyConfig(strategy);
    return runStrategy(problem, c, options, model, neededMetrics(c));
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

  const analysis = analyse(records, problem.senses, reference, budget);
  const loadAverageEnd = loadavg().map((l) => round(l, 2));

  const results: Results = {
    command: invocation(),
    settings: {
      space: spaceName,
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
    data: {
      choice: dataChoice,
      source: dataset.source,
      trainImages: dataset.train.count,
      validationImages: data.validation.shape[0],
      calibrationImages: data.calibration.shape[0],
    },
    ...analysis,
    measured: [...cache].map(([key, m]) => [key, m.objectives[ACCURACY], m.objectives[MACS]] as const),
    engine: { distinctSubnets: cache.size, requests, seconds: round(engineSeconds, 1) },
    seconds: round((performance.now() - started) / 1000, 1),
  };
  writeResults(resultsName(spaceFile), results);
  const markdown = fragment(results);
  writeFragment(resultsName(spaceFile), markdown);
  console.log(`\n${markdown}`);
}

void main();
