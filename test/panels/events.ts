/** Run events for the panels' tests: a real run's log (quick-run.nas, one epoch, LINAS), and synthetic evaluations. */
import { readFileSync } from "node:fs";
import type { EvaluationEvent, RunEvent } from "../../protocol/runEvents";
import { parseRunEvent } from "../../protocol/runEvents";

export function quickRun(): RunEvent[] {
  const lines = readFileSync(new URL("../fixtures/panels/quick-run.jsonl", import.meta.url), "utf8")
    .trim()
    .split("\n");
  return lines.map((line) => {
    const parsed = parseRunEvent(line);
    if ("error" in parsed) throw new Error(parsed.error);
    return parsed.event;
  });
}

export const OBJECTIVES = [
  { metric: "accuracy", sense: "maximize" },
  { metric: "macs", sense: "minimize" },
  { metric: "latency", sense: "minimize" },
] as const;

/** A seeded evaluation with three objectives (accuracy ▲, MACs ▼, latency ▼). */
export function evaluation(
  index: number,
  values: readonly [number, number, number],
  violation = 0,
): EvaluationEvent {
  const [accuracy, macs, latency] = values;
  return {
    type: "evaluation",
    index,
    key: String(index),
    genome: [index % 2],
    choices: { "s1.depth": 1 + (index % 2) },
    metrics: { accuracy, macs, params: macs / 10, model_size: macs / 2.5, latency },
    objectives: [accuracy, macs, latency],
    violation,
    source: "measured",
    seconds: 0.1,
  };
}
