/**
 * An imported DyNAS-T search as the event stream of a run, so the panels replay it like a run of
 * this tool: `run-started`, `search-start` (objectives and the hypervolume reference), notes as
 * `log` events, one `evaluation` per distinct subnet in row order, a `generation` event after each
 * DyNAS-T population (running front and hypervolume), `run-finished` with the final front.
 *
 * A row whose subnet has the canonical encoding of an earlier row is not a new evaluation: the
 * first is kept and the repeats are counted in a `log` event. In a run directory every evaluation
 * is a distinct subnet (the search ledger never evaluates a key twice; resume, panels and "Apply"
 * go from key to evaluation); DyNAS-T re-measured these only because its encoding keeps values for
 * blocks beyond a stage's depth, and its measurements of them are identical, so keeping them would
 * only stack coincident points on the front. Generations still follow the file's rows (what
 * DyNAS-T paid for), and their `evaluations` count the distinct subnets so far.
 *
 * The hypervolume reference is the nadir of the imported rows: the worst value of
 * each objective over the whole file. It measures progress within the region the search explored;
 * comparing two files needs one reference for both (see `hypervolumeTrace`).
 */
import type { EvaluationEvent, RunEvent } from "../../../protocol/runEvents";
import { activeChoices } from "../../language/encoding";
import type { SpaceModel } from "../../language/model";
import type { Sense } from "../../search/types";
import type { CellPlace } from "./importError";
import { ImportError, describePlace } from "./importError";
import type { ImportObjective } from "./objectives";
import type { ImportedRow, RowEvaluations } from "./rowEvaluations";
import { RunningFront, nadir } from "./runningFront";

type GenerationEvent = Extract<RunEvent, { type: "generation" }>;

export interface ImportSettings {
  readonly runId: string;
  readonly search: string;
  /** ISO time of the import, for the run's start and finish events. */
  readonly time: string;
  /** DyNAS-T's rows, for messages. */
  readonly source: string;
  readonly objectives: readonly ImportObjective[];
  /** The search's strategy as this tool names it (descriptive: nothing reruns it). */
  readonly strategy: string;
  /** Rows per DyNAS-T population: one generation event each. */
  readonly population: number;
}

export interface Duplicate {
  readonly place: CellPlace;
  /** The evaluation (index) of the earlier row with the same subnet. */
  readonly of: number;
  readonly sameMetrics: boolean;
}

export interface ImportedRun {
  readonly objectives: readonly ImportObjective[];
  readonly events: readonly RunEvent[];
  readonly evaluations: readonly EvaluationEvent[];
  /** The file row (1-based) of each evaluation. */
  readonly rowOf: readonly number[];
  readonly duplicates: readonly Duplicate[];
  readonly front: readonly number[];
  readonly reference: readonly number[];
  readonly hypervolume: number;
  readonly generations: number;
}

export function buildImportedRun(
  model: SpaceModel,
  read: RowEvaluations,
  settings: ImportSettings,
): ImportedRun {
  if (!Number.isInteger(settings.population) || settings.population < 1)
    throw new ImportError(`the population must be a positive integer, got ${settings.population}`);
  const senses: Sense[] = settings.objectives.map((o) => (o.sense === "maximize" ? "max" : "min"));
  const objectives = read.rows.map((row) => objectiveValues(row, settings.objectives));
  const reference = nadir(objectives, senses);

  const evaluations: EvaluationEvent[] = [];
  const rowOf: number[] = [];
  const duplicates: Duplicate[] = [];
  const generationEvents: GenerationEvent[] = [];
  const byKey = new Map<string, number>();
  const front = new RunningFront(senses, reference);
  read.rows.forEach((row, i) => {
    const earlier = byKey.get(row.key);
    if (earlier !== undefined) {
      duplicates.push({
        place: row.place,
        of: earlier,
        sameMetrics: JSON.stringify(row.metrics) === JSON.stringify(evaluations[earlier].metrics),
      });
    } else {
      const index = evaluations.length;
      byKey.set(row.key, index);
      evaluations.push(evaluation(model, row, index, objectives[i]));
      rowOf.push(row.place.row);
      front.add(index, objectives[i]);
    }
    const endOfPopulation = (i + 1) % settings.population === 0 || i === read.rows.length - 1;
    if (endOfPopulation) {
      generationEvents.push({
        type: "generation",
        generation: Math.floor(i / settings.population),
        evaluations: evaluations.length,
        front: front.indices(),
        hypervolume: front.hypervolume(),
      });
    }
  });

  const notes = [
    ...read.notes,
    ...(duplicates.length ? [duplicateNote(duplicates, rowOf, read.rows.length)] : []),
  ];
  const finalFront = front.indices();
  const events: RunEvent[] = [
    {
      type: "run-started",
      time: settings.time,
      runId: settings.runId,
      search: settings.search,
      space: model.name,
      backend: "DyNAS-T",
      resumedFrom: 0,
    },
    {
      type: "search-start",
      strategy: settings.strategy,
      budget: read.rows.length,
      objectives: settings.objectives.map((o) => ({ ...o })),
      reference,
    },
    {
      type: "phase",
      time: settings.time,
      phase: "search",
      detail: `imported from DyNAS-T: ${settings.source}`,
    },
    ...notes.map((message): RunEvent => ({ type: "log", level: "info", message })),
    ...interleave(evaluations, generationEvents),
    { type: "phase", time: settings.time, phase: "done" },
    {
      type: "run-finished",
      time: settings.time,
      evaluations: evaluations.length,
      front: finalFront,
      seconds: read.span,
    },
  ];
  return {
    objectives: settings.objectives,
    events,
    evaluations,
    rowOf,
    duplicates,
    front: finalFront,
    reference,
    hypervolume: front.hypervolume(),
    generations: generationEvents.length,
  };
}

function objectiveValues(row: ImportedRow, objectives: readonly ImportObjective[]): number[] {
  return objectives.map((o) => {
    const v = row.metrics[o.metric];
    if (v === undefined)
      throw new ImportError(
        `${describePlace(row.place)}: the objective ${o.metric} has no value (DyNAS-T wrote 0 or nothing: not measured); choose other --objectives`,
      );
    return v;
  });
}

function evaluation(
  model: SpaceModel,
  row: ImportedRow,
  index: number,
  objectives: number[],
): EvaluationEvent {
  return {
    type: "evaluation",
    index,
    key: row.key,
    genome: [...row.genome],
    choices: activeChoices(model, row.genome),
    metrics: row.metrics,
    objectives,
    violation: 0,
    source: "measured",
    seconds: row.seconds,
  };
}

/** Each generation event after the evaluations it counts. */
function interleave(
  evaluations: readonly EvaluationEvent[],
  generations: readonly GenerationEvent[],
): RunEvent[] {
  const out: RunEvent[] = [];
  let next = 0;
  for (const g of generations) {
    while (next < g.evaluations) out.push(evaluations[next++]);
    out.push(g);
  }
  return out;
}

function duplicateNote(duplicates: readonly Duplicate[], rowOf: readonly number[], rows: number): string {
  const shown = duplicates.slice(0, 10).map((d) => `row ${d.place.row} = row ${rowOf[d.of]}`);
  const differing = duplicates.filter((d) => !d.sameMetrics).map((d) => d.place.row);
  return (
    `${duplicates.length} of ${rows} rows repeat the subnet of an earlier row (the same canonical encoding: ` +
    `they differ only in blocks beyond a stage's depth) and are not imported again: ${shown.join(", ")}${duplicates.length > 10 ? ", …" : ""}. ` +
    (differing.length === 0
      ? "Their metrics are identical to the earlier rows'."
      : `Rows ${differing.join(", ")} carry different metrics from their earlier row; the earlier row's are kept.`)
  );
}
