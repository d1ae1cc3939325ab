/**
 * A run's life: check the file, load the data, train the supernet (checkpointed every epoch),
 * then search, writing every event to the run directory before acting on it. `resumeRun` picks
 * up a killed run: training from its last checkpoint, and the search by replaying the logged
 * evaluations through the same seeded strategy, so nothing is lost or evaluated twice.
 */
import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import type { EvaluationEvent, RunEvent } from "../../protocol/runEvents";
import type { RunManifest } from "../../protocol/runFiles";
import { RUN_FORMAT_VERSION } from "../../protocol/runFiles";
import type { DocumentAnalysis, SearchInfo } from "../language/checker";
import { checkDocument } from "../language/checker";
import type { Genome } from "../language/encoding";
import { activeChoices, genomeKey, largestGenome } from "../language/encoding";
import type { Metric } from "../language/metrics";
import { analyticMetrics } from "../language/metrics";
import type { DatasetRef, SpaceModel } from "../language/model";
import { planSubnet } from "../language/plan";
import type { SearchConfig } from "../language/searchConfig";
import type { BackendPreference } from "../engine/backend/select";
import { selectBackend, TFJS_BACKEND_NAME } from "../engine/backend/select";
import type { DatasetSpec } from "../engine/data/load";
import { datasetSpecOf } from "../engine/data/spaceDataset";
import { defaultLoadOptions, loadDatasetFromDisk } from "../engine/data/node-load";
import type { Dataset } from "../engine/data/dataset";
import { Supernet } from "../engine/supernet/supernet";
import { evaluateSubnetAccuracy, evaluationData } from "../engine/train/evaluate";
import { FileCheckpointStore } from "../engine/train/fs-store";
import { trainSupernet } from "../engine/train/trainer";
import { linas } from "../search/linas";
import { nsga2 } from "../search/nsga2";
import { randomSearch } from "../search/random";
import { replayingEvaluator } from "../search/replay";
import { singleObjectiveSearch } from "../search/singleObjective";
import type {
  Evaluation,
  Evaluator,
  Measurement,
  SearchEvent,
  SearchResult,
  StrategyOptions,
} from "../search/types";
import type { MetricValues } from "./problem";
import { ANALYTIC_METRICS, neededMetrics, objectiveValues, searchProblem, violation } from "./problem";
import type { RunPaths } from "./runDirectory";
import {
  EventLog,
  createRunDirectory,
  evaluationsCsv,
  paretoJson,
  readEvents,
  readManifest,
  runId,
  runPaths,
  writeAtomic,
} from "./runDirectory";
import type { EventSink } from "./sinks";
import { VERSION } from "./version";

export interface RunSettings {
  readonly backend?: BackendPreference;
  /** Which copy of a named dataset to use (the README demo and tests use the embedded subset). */
  readonly data?: "auto" | "embedded" | "full";
  readonly sinks?: readonly EventSink[];
  readonly signal?: AbortSignal;
  /** Measures a subnet's latency in ms on this device (needed when a search uses latency). */
  readonly latency?: LatencyMeterFactory;
  /** Train-step events are logged every this many steps (epochs are always logged). */
  readonly stepEvery?: number;
}

/** Builds a latency meter once the supernet is trained (the meter runs subnets of it). */
export type LatencyMeterFactory = (
  supernet: Supernet,
  model: SpaceModel,
) => (genome: Genome) => Promise<number>;

export interface StartOptions extends RunSettings {
  /** The `.nas` file (its folder resolves relative dataset paths). */
  readonly file: string;
  readonly text: string;
  /** The search block to run; default: the file's only (or first) one. */
  readonly search?: string;
  /** Where run directories go; default `.supernet/runs` beside the file. */
  readonly runsRoot: string;
  readonly now?: Date;
}

export interface RunOutcome {
  readonly paths: RunPaths;
  readonly manifest: RunManifest;
  readonly evaluations: readonly EvaluationEvent[];
  /** Indices (into evaluations) of the final Pareto front. */
  readonly front: readonly number[];
  readonly completed: boolean;
}

/** Thrown when the file has errors: the message lists them, file:line:col. */
export class RunInputError extends Error {}

export async function startRun(options: StartOptions): Promise<RunOutcome> {
  const analysis = checkDocument(options.text);
  const info = pickSearch(analysis, options.search, options.file);
  const now = options.now ?? new Date();
  const backend = await selectBackend({ preference: options.backend });
  const manifest: RunManifest = {
    format: RUN_FORMAT_VERSION,
    id: runId(info.config.name, now),
    created: now.toISOString(),
    file: resolve(options.file),
    text: options.text,
    hash: createHash("sha256").update(options.text).digest("hex"),
    search: info.config.name,
    space: info.config.space,
    seed: info.config.seed,
    backend: backend.kind,
    dataset: describeDataset(info.space!.model.dataset, options.data ?? "auto"),
    versions: VERSION,
  };
  const paths = createRunDirectory(options.runsRoot, manifest.id, manifest);
  return execute(paths, manifest, info, options, backend.kind);
}

export async function resumeRun(dir: string, settings: RunSettings = {}): Promise<RunOutcome> {
  const paths = runPaths(dir);
  const manifest = readManifest(paths);
  if (manifest.importedFrom)
    throw new RunInputError(`${dir} was imported from ${manifest.importedFrom}; there is nothing to resume`);
  const analysis = checkDocument(manifest.text);
  const info = pickSearch(analysis, manifest.search, manifest.file);
  const backend = await selectBackend({
    preference: settings.backend ?? (manifest.backend as BackendPreference),
  });
  return execute(paths, manifest, info, settings, backend.kind);
}

function pickSearch(analysis: DocumentAnalysis, name: string | undefined, file: string): SearchInfo {
  const errors = analysis.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) {
    const at = lineOf(analysis.file.text);
    throw new RunInputError(
      `${file} has ${errors.length} error${errors.length === 1 ? "" : "s"}; fix ${errors.length === 1 ? "it" : "them"} first (\`supernet check\` lists them):\n${errors.map((e) => `${file}:${at(e.start)}: ${e.message} [${e.code}]`).join("\n")}`,
    );
  }
  const searches = analysis.searches;
  if (searches.length === 0) throw new RunInputError(`${file} has no \`search\` block`);
  const info = name === undefined ? searches[0] : searches.find((s) => s.config.name === name);
  if (!info)
    throw new RunInputError(
      `${file} has no search named \`${name}\`; its searches: ${searches.map((s) => s.config.name).join(", ")}`,
    );
  if (!info.space)
    throw new RunInputError(
      `search ${info.config.name}: its space \`${info.config.space}\` is not in ${file}`,
    );
  return info;
}

function lineOf(text: string): (offset: number) => string {
  return (offset) => {
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    return `${line}:${offset - before.lastIndexOf("\n")}`;
  };
}

function datasetSpec(ref: DatasetRef | undefined): DatasetSpec {
  if (!ref) throw new RunInputError("the space declares no `dataset`: add e.g. `dataset fashion_mnist`");
  return datasetSpecOf(ref);
}

function describeDataset(ref: DatasetRef | undefined, choice: string): string {
  const spec = datasetSpec(ref);
  return spec.kind === "named"
    ? `${spec.name} (${choice})`
    : spec.kind === "idx"
      ? `idx ${spec.images}`
      : `csv ${spec.path}`;
}

async function execute(
  paths: RunPaths,
  manifest: RunManifest,
  info: SearchInfo,
  settings: RunSettings,
  backend: string,
): Promise<RunOutcome> {
  const model = info.space!.model;
  const config = info.config;
  const prior = readEvents(paths.events);
  const log = new EventLog(paths.events, prior.tornBytes);
  const priorKeys = new Set(prior.events.map(eventKey).filter((k): k is string => k !== undefined));
  const logged: EvaluationEvent[] = prior.events
    .filter((e): e is EvaluationEvent => e.type === "evaluation")
    .sort((a, b) => a.index - b.index);
  const emit = (event: RunEvent): void => {
    const key = eventKey(event);
    // A resumed run replays its search: events it already logged are not logged twice.
    if (key !== undefined && priorKeys.has(key)) return;
    log.append(event);
    for (const sink of settings.sinks ?? []) sink.emit(event);
  };
  const time = (): string => new Date().toISOString();
  const started = performance.now();
  try {
    emit({
      type: "run-started",
      time: time(),
      runId: manifest.id,
      search: config.name,
      space: config.space,
      backend: TFJS_BACKEND_NAME[backend as keyof typeof TFJS_BACKEND_NAME] ?? backend,
      resumedFrom: logged.length,
    });
    emit({ type: "phase", time: time(), phase: "data", detail: manifest.dataset });
    const dataset = await loadDatasetFromDisk(
      datasetSpec(model.dataset),
      defaultLoadOptions({ baseDir: dirname(manifest.file), choice: settings.data ?? "auto" }),
    );
    emit({
      type: "phase",
      time: time(),
      phase: "train",
      detail: config.train.from ? `from ${config.train.from}` : `${config.train.epochs} epochs`,
    });
    const training = await train(model, config, dataset, paths, settings, emit, manifest);
    if (!training) return finish(false);
    const supernet = training;
    try {
      const loggedStart = prior.events.find((e) => e.type === "search-start");
      const result = await search(
        model,
        config,
        dataset,
        supernet,
        logged,
        loggedStart?.reference,
        settings,
        emit,
      );
      if (!result) return finish(false);
      return finish(
        true,
        result.front.map((e) => genomeKey(e.genome)),
      );
    } finally {
      supernet.dispose();
    }
  } catch (e) {
    emit({ type: "run-failed", time: time(), message: e instanceof Error ? e.message : String(e) });
    throw e;
  } finally {
    log.close();
  }

  function finish(completed: boolean, frontKeys: readonly string[] = []): RunOutcome {
    const evaluations = readEvents(paths.events)
      .events.filter((e): e is EvaluationEvent => e.type === "evaluation")
      .sort((a, b) => a.index - b.index);
    const byKey = new Map(evaluations.map((e) => [e.key, e.index]));
    const front = frontKeys.map((k) => byKey.get(k)!).filter((i) => i !== undefined);
    writeAtomic(paths.evaluations, evaluationsCsv(evaluations));
    writeAtomic(
      paths.pareto,
      paretoJson(
        config.name,
        config.objectives,
        front.map((i) => evaluations[i]),
      ),
    );
    if (completed)
      emit({
        type: "run-finished",
        time: new Date().toISOString(),
        evaluations: evaluations.length,
        front,
        seconds: (performance.now() - started) / 1000,
      });
    return { paths, manifest, evaluations, front, completed };
  }
}

/** Event identity for de-duplication on resume (undefined: always logged). */
function eventKey(e: RunEvent): string | undefined {
  switch (e.type) {
    case "evaluation":
      return `evaluation:${e.index}`;
    case "generation":
      return `generation:${e.generation}`;
    case "predictor":
      return `predictor:${e.iteration}:${e.metric}`;
    case "prediction-check":
      return `prediction-check:${e.iteration}:${e.metric}`;
    case "epoch":
      return `epoch:${e.epoch}`;
    case "search-start":
      return "search-start";
    default:
      return undefined;
  }
}

async function train(
  model: SpaceModel,
  config: SearchConfig,
  dataset: Dataset,
  paths: RunPaths,
  settings: RunSettings,
  emit: (e: RunEvent) => void,
  manifest: RunManifest,
): Promise<Supernet | undefined> {
  if (config.train.from) return loadTrained(model, resolve(dirname(manifest.file), config.train.from), emit);
  const stepEvery = settings.stepEvery ?? 5;
  const result = await trainSupernet({
    model,
    dataset,
    config: config.train,
    seed: config.seed,
    store: new FileCheckpointStore(paths.checkpoints),
    signal: settings.signal,
    onEvent: (e) => {
      if (e.kind === "start")
        emit({
          type: "train-start",
          epochs: e.epochs,
          stepsPerEpoch: e.stepsPerEpoch,
          resumedAt: e.resumedAt,
          weights: e.weights,
        });
      else if (e.kind === "step" && e.step % stepEvery === 0) {
        emit({
          type: "train-step",
          epoch: e.epoch,
          step: e.step,
          stepInEpoch: e.stepInEpoch,
          learningRate: e.learningRate,
          imagesPerSecond: e.imagesPerSecond,
          metrics: e.metrics,
        });
      } else if (e.kind === "epoch") {
        emit({
          type: "epoch",
          epoch: e.epoch,
          epochs: e.epochs,
          learningRate: e.learningRate,
          imagesPerSecond: e.imagesPerSecond,
          seconds: e.seconds,
          metrics: e.metrics,
        });
      }
    },
  });
  if (!result.completed) {
    result.supernet.dispose();
    return undefined;
  }
  return result.supernet;
}

/**
 * `train from "DIR"`: the supernet of a checkpoint trained elsewhere, used as it is, whatever the
 * settings and seed it was trained with; only its weights must fit the space.
 */
async function loadTrained(model: SpaceModel, dir: string, emit: (e: RunEvent) => void): Promise<Supernet> {
  const checkpoint = await new FileCheckpointStore(dir).load();
  if (!checkpoint)
    throw new RunInputError(
      `train from: no checkpoint in ${dir} (a run's \`checkpoints\` folder holds one); fix the path, or train here instead`,
    );
  let supernet: Supernet;
  try {
    supernet = Supernet.fromArrays(model, checkpoint.weights);
  } catch (e) {
    throw new RunInputError(
      `train from: the checkpoint in ${dir} does not fit this space: ${(e as Error).message}`,
    );
  }
  emit({
    type: "train-start",
    epochs: checkpoint.epoch,
    stepsPerEpoch: checkpoint.epoch > 0 ? Math.round(checkpoint.step / checkpoint.epoch) : 0,
    resumedAt: checkpoint.epoch,
    weights: supernet.size,
  });
  return supernet;
}

/** The predicted objectives a strategy expected, by metric: the measured ones only (the rest are exact). */
function predictedMetrics(config: SearchConfig, objectives: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  config.objectives.forEach((o, i) => {
    if (!ANALYTIC_METRICS.has(o.metric) && Number.isFinite(objectives[i])) out[o.metric] = objectives[i];
  });
  return out;
}

/** Values an objective takes for a subnet whose analytic constraints already fail (never measured). */
const UNMEASURED: MetricValues = { accuracy: 0, loss: 1e9, latency: 1e9 };

async function search(
  model: SpaceModel,
  config: SearchConfig,
  dataset: Dataset,
  supernet: Supernet,
  logged: readonly EvaluationEvent[],
  loggedReference: readonly number[] | undefined,
  settings: RunSettings,
  emit: (e: RunEvent) => void,
): Promise<SearchResult | undefined> {
  const needed = neededMetrics(config);
  const data = evaluationData(dataset, { seed: config.seed });
  const meter = needed.has("latency") ? settings.latency?.(supernet, model) : undefined;
  if (needed.has("latency") && !meter)
    throw new Error("this search uses latency, but no latency meter is available");
  const budget =
    config.budget.evaluations ?? (config.strategy.kind === "random" ? 100 : config.strategy.population * 10);

  // The hypervolume reference: fixed at the first start, read back on resume.
  const reference = loggedReference ? [...loggedReference] : await referencePoint(model, config, meter);
  emit({
    type: "search-start",
    strategy: config.strategy.kind,
    budget,
    objectives: config.objectives.map((o) => ({ ...o })),
    reference,
  });
  const problem = searchProblem(model, config, reference);

  let index = logged.length;
  const measure = async (genome: Genome, expected?: readonly number[]): Promise<Measurement> => {
    const started = performance.now();
    const plan = planSubnet(model, genome);
    const metrics: MetricValues = analyticMetrics(plan);
    const analyticViolation = violation(
      config.constraints.filter((c) => ANALYTIC_METRICS.has(c.metric)),
      metrics,
    );
    let source: "measured" | "analytic" = "analytic";
    if (analyticViolation === 0) {
      source = "measured";
      if (needed.has("accuracy") || needed.has("loss")) {
        const r = evaluateSubnetAccuracy(supernet, genome, data);
        metrics.accuracy = r.accuracy * 100;
        metrics.loss = r.loss;
      }
      if (meter) metrics.latency = await meter(genome);
    }
    const v = violation(config.constraints, metrics);
    const objectives = objectiveValues(config, metrics, UNMEASURED);
    emit({
      type: "evaluation",
      index: index++,
      key: genomeKey(genome),
      genome: [...genome],
      choices: activeChoices(model, genome),
      metrics: {
        macs: metrics.macs!,
        params: metrics.params!,
        model_size: metrics.model_size!,
        ...pick(metrics, ["accuracy", "loss", "latency"]),
      },
      objectives,
      violation: v,
      source,
      ...(expected && source === "measured" ? { predicted: predictedMetrics(config, expected) } : {}),
      seconds: (performance.now() - started) / 1000,
    });
    return { objectives, violation: v };
  };
  const live = async (
    batch: readonly Genome[],
    predicted?: readonly (readonly number[])[],
  ): Promise<Measurement[]> => {
    const out: Measurement[] = [];
    for (const [i, g] of batch.entries()) out.push(await measure(g, predicted?.[i]));
    return out;
  };
  const replayLog: Evaluation[] = logged.map((e) => ({
    genome: e.genome,
    objectives: e.objectives,
    violation: e.violation,
  }));
  const keyToIndex = new Map<string, number>(logged.map((e) => [e.key, e.index]));
  const indexOf = (genome: Genome): number => keyToIndex.get(genomeKey(genome)) ?? -1;
  const metricNames = config.objectives.map((o) => o.metric);
  const onEvent = (e: SearchEvent): void => {
    switch (e.type) {
      case "generation":
        emit({
          type: "generation",
          generation: e.generation,
          evaluations: e.evaluations,
          front: e.front.map((x) => indexOf(x.genome)).filter((i) => i >= 0),
          hypervolume: e.hypervolume,
        });
        break;
      case "predictor":
        emit({
          type: "predictor",
          iteration: e.iteration,
          metric: targetName(e.target, metricNames),
          model: e.report.chosen.model,
          points: e.report.points,
          heldOut: e.report.heldOut,
        });
        break;
      case "predictionCheck":
        emit({
          type: "prediction-check",
          iteration: e.iteration,
          metric: targetName(e.target, metricNames),
          check: e.check,
        });
        break;
    }
  };
  // Evaluation indices are known once an evaluation is emitted; keep the key map current.
  const trackingLive: Evaluator = async (batch, predicted) => {
    const first = index;
    const r = await live(batch, predicted);
    batch.forEach((g, i) => keyToIndex.set(genomeKey(g), first + i));
    return r;
  };
  const options: StrategyOptions = {
    evaluate: replayingEvaluator(replayLog, (g) => genomeKey(g), trackingLive),
    budget,
    seed: config.seed,
    onEvent,
    signal: settings.signal,
  };
  emit({
    type: "phase",
    time: new Date().toISOString(),
    phase: "search",
    detail: `${config.strategy.kind}, ${budget} evaluations`,
  });
  const result = await runStrategy(problem, config, options, model, needed);
  if (settings.signal?.aborted) return undefined;
  emit({ type: "phase", time: new Date().toISOString(), phase: "done" });
  return result;
}

function targetName(target: number | "violation", names: readonly Metric[]): string {
  return target === "violation" ? "violation" : names[target];
}

function pick(
  m: MetricValues,
  keys: readonly ("accuracy" | "loss" | "latency")[],
): Partial<Record<"accuracy" | "loss" | "latency", number>> {
  const out: Partial<Record<"accuracy" | "loss" | "latency", number>> = {};
  for (const k of keys) if (m[k] !== undefined) out[k] = m[k];
  return out;
}

/** Runs the search block's strategy (a single-objective GA when it has one objective). */
export async function runStrategy(
  problem: ReturnType<typeof searchProblem>,
  config: SearchConfig,
  options: StrategyOptions,
  model: SpaceModel,
  needed: Set<Metric>,
): Promise<SearchResult> {
  const s = config.strategy;
  if (config.objectives.length === 1 && s.kind !== "random")
    return singleObjectiveSearch(problem, { ...options, populationSize: s.population });
  switch (s.kind) {
    case "random":
      return randomSearch(problem, { ...options, batchSize: 10 });
    case "nsga2":
      return nsga2(problem, {
        ...options,
        populationSize: s.population,
        variation: { crossoverProbability: s.crossover, ...(s.mutation ? { mutationRate: s.mutation } : {}) },
      });
    case "linas": {
      const cheapIndices = config.objectives
        .map((o, i) => (ANALYTIC_METRICS.has(o.metric) ? i : -1))
        .filter((i) => i >= 0);
      const analytic = (genome: Genome): MetricValues => {
        return analyticMetrics(planSubnet(model, genome));
      };
      return linas(problem, {
        ...options,
        populationSize: s.population,
        predictedEvaluations: s.inner,
        ...(s.iterations ? { iterations: s.iterations } : {}),
        cheap: {
          indices: cheapIndices,
          compute: (g) => cheapIndices.map((i) => analytic(g)[config.objectives[i].metric]!),
        },
        violation: (objectives, genome) => {
          const m: MetricValues = analytic(genome);
          config.objectives.forEach((o, i) => (m[o.metric] = objectives[i]));
          return violation(
            config.constraints.filter((c) => needed.has(c.metric) && m[c.metric] !== undefined),
            m,
          );
        },
        ...(s.predictor !== "auto"
          ? { predictor: { models: [s.predictor === "ridge" ? "ridge" : "svr"] } }
          : {}),
      });
    }
  }
}

/**
 * The hypervolume reference point: for each objective a value no useful subnet is worse than —
 * 0% accuracy, chance-level loss, and 110% of the space's largest MACs, params, size and (measured
 * on the largest subnet) latency.
 */
async function referencePoint(
  model: SpaceModel,
  config: SearchConfig,
  meter: ((g: Genome) => Promise<number>) | undefined,
): Promise<number[]> {
  const largest = analyticMetrics(planSubnet(model, largestGenome(model)));
  const latency =
    meter && config.objectives.some((o) => o.metric === "latency") ? await meter(largestGenome(model)) : 0;
  const worst: Record<Metric, number> = {
    accuracy: 0,
    loss: 10,
    macs: largest.macs * 1.1,
    params: largest.params * 1.1,
    model_size: largest.model_size * 1.1,
    latency: latency * 1.5,
  };
  return config.objectives.map((o) => worst[o.metric]);
}
