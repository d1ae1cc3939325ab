// Resuming a run. Strategies are deterministic given their seed and the measurements they receive,
// so a killed run is resumed by running the same strategy again with an evaluator that serves the
// logged evaluations, in order, before handing new genomes to the live evaluator. A logged genome
// that differs from the one asked for means the run is not the same run: that is an error, never
// a silent re-evaluation.
import type { Evaluation, Evaluator, Genome, Measurement } from "./types";

export function replayingEvaluator(
  log: readonly Evaluation[],
  key: (genome: Genome) => string,
  live: Evaluator,
): Evaluator {
  let cursor = 0;
  return async (batch, predicted) => {
    const served: Measurement[] = [];
    while (served.length < batch.length && cursor < log.length) {
      const asked = batch[served.length];
      const logged = log[cursor];
      if (key(asked) !== key(logged.genome)) {
        throw new Error(
          `replay diverged at evaluation ${cursor + 1}: the log has ${key(logged.genome)}, the strategy asked for ${key(asked)}`,
        );
      }
      served.push({ objectives: logged.objectives, violation: logged.violation });
      cursor++;
    }
    if (served.length === batch.length) return served;
    const fresh = await live(batch.slice(served.length), predicted?.slice(served.length));
    return [...served, ...fresh];
  };
}
