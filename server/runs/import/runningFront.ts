/**
 * The non-dominated set of the evaluations seen so far and its hypervolume against a fixed
 * reference point: what each generation event of an imported run reports.
 */
import { hypervolume } from "../../search/hypervolume";
import type { RankedPoint } from "../../search/pareto";
import { minimised, withCandidate } from "../../search/pareto";
import type { Sense } from "../../search/types";

interface Member extends RankedPoint {
  readonly index: number;
}

export class RunningFront {
  private members: Member[] = [];
  private readonly reference: readonly number[];

  /** `reference` in objective units and senses. */
  constructor(
    private readonly senses: readonly Sense[],
    reference: readonly number[],
  ) {
    this.reference = minimised(reference, senses);
  }

  add(index: number, objectives: readonly number[]): void {
    this.members = withCandidate(this.members, {
      index,
      minimised: minimised(objectives, this.senses),
      violation: 0,
    });
  }

  /** Indices on the front, ascending. */
  indices(): number[] {
    return this.members.map((m) => m.index).sort((a, b) => a - b);
  }

  hypervolume(): number {
    return hypervolume(
      this.members.map((m) => m.minimised),
      this.reference,
    );
  }
}

/** The worst value of each objective over all points (the nadir point). */
export function nadir(points: readonly (readonly number[])[], senses: readonly Sense[]): number[] {
  if (points.length === 0) throw new RangeError("the nadir of no points");
  return senses.map((s, i) => (s === "max" ? Math.min : Math.max)(...points.map((p) => p[i])));
}

/** The running front's hypervolume after each point, in order. */
export function hypervolumeTrace(
  points: readonly (readonly number[])[],
  senses: readonly Sense[],
  reference: readonly number[],
): number[] {
  const front = new RunningFront(senses, reference);
  return points.map((p, i) => {
    front.add(i, p);
    return front.hypervolume();
  });
}
