/** The inspector's tables: a subnet's choices beside another's, and its metrics as run and as the source gives them now. */
import type { Choices, GeneInfo, Selection, SubnetDetails } from "../../protocol/panels";

export interface ChoiceRow {
  readonly path: string;
  /** Undefined: the gene is beyond its stage's depth in that subnet. */
  readonly value: number | undefined;
  readonly other: number | undefined;
  readonly changed: boolean;
}

/** One row per gene active in either subnet, in the space's order. */
export function diffChoices(
  genes: readonly GeneInfo[],
  subnet: Choices,
  other: Choices | undefined,
): ChoiceRow[] {
  return genes
    .filter((g) => subnet[g.path] !== undefined || (other && other[g.path] !== undefined))
    .map((g) => {
      const value = subnet[g.path];
      const o = other?.[g.path];
      return { path: g.path, value, other: o, changed: other !== undefined && value !== o };
    });
}

export interface CompareTarget {
  readonly id: string;
  readonly label: string;
  readonly choices: Choices;
}

/** What a subnet can be compared with: the largest and smallest subnets, the file's subnet blocks, a pinned subnet. */
export function compareTargets(
  details: SubnetDetails,
  pinned: { label: string; choices: Choices } | undefined,
): CompareTarget[] {
  return [
    { id: "largest", label: "the largest subnet", choices: details.largest },
    { id: "smallest", label: "the smallest subnet", choices: details.smallest },
    ...details.subnets.map((s) => ({
      id: `subnet:${s.name}`,
      label: `subnet ${s.name}`,
      choices: s.choices,
    })),
    ...(pinned ? [{ id: "pinned", label: `pinned: ${pinned.label}`, choices: pinned.choices }] : []),
  ];
}

export interface MetricRow {
  readonly metric: string;
  /** What the run measured. */
  readonly run: number | undefined;
  /** What the search's predictors expected before measuring (LINAS). */
  readonly predicted: number | undefined;
  /** What the source computes now (MACs, params, size), when it can. */
  readonly source: number | undefined;
  /** The two disagree: the space changed since the run. */
  readonly stale: boolean;
}

const METRICS = ["accuracy", "loss", "macs", "params", "latency", "model_size"];

export function metricRows(selection: Selection, details: SubnetDetails | null): MetricRow[] {
  const analytic = details?.analytic as Record<string, number> | null | undefined;
  const known = [...METRICS, ...Object.keys(selection.metrics).filter((m) => !METRICS.includes(m))];
  return known
    .map((metric) => {
      const run = selection.metrics[metric];
      const source = analytic?.[metric];
      // Equal to the 3 significant digits the file keeps.
      const stale =
        run !== undefined &&
        source !== undefined &&
        Number(run.toPrecision(3)) !== Number(source.toPrecision(3));
      return { metric, run, predicted: selection.predicted?.[metric], source, stale };
    })
    .filter((r) => r.run !== undefined || r.source !== undefined);
}
