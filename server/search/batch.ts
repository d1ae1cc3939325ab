// Collects the next batch of genomes to evaluate: canonical, never evaluated before, distinct.
import { canonical } from "./encoding";
import type { Ledger } from "./ledger";
import type { Genome } from "./types";

/** How many proposals per wanted genome before concluding the space is (nearly) exhausted. */
const ATTEMPTS_PER_GENOME = 50;

export class BatchBuilder {
  readonly genomes: Genome[] = [];
  private readonly keys = new Set<string>();

  /** Starts with the problem's anchors that have not been evaluated yet (all of them, at first). */
  constructor(private readonly ledger: Ledger) {
    for (const anchor of ledger.problem.anchors ?? []) this.add(anchor);
  }

  /** Adds the canonical form of `genome` if it is new; reports whether it was added. */
  add(genome: Genome): boolean {
    const candidate = canonical(this.ledger.problem, genome);
    const key = this.ledger.key(candidate);
    if (this.keys.has(key) || !this.ledger.isNew(candidate)) return false;
    this.keys.add(key);
    this.genomes.push(candidate);
    return true;
  }

  /** Adds proposals until the batch holds `size` genomes or the attempts run out. */
  fill(size: number, propose: () => readonly Genome[]): this {
    let attempts = Math.max(0, size - this.genomes.length) * ATTEMPTS_PER_GENOME;
    while (this.genomes.length < size && attempts > 0) {
      const proposals = propose();
      attempts -= Math.max(1, proposals.length);
      for (const genome of proposals) if (this.genomes.length < size) this.add(genome);
    }
    return this;
  }
}
