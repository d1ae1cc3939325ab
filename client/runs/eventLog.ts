/** Which relayed events are worth a line in the output channel, and the line. Pure. */
import type { RunEvent } from "../../protocol/runEvents";

export interface LogLine {
  readonly level: "info" | "warning" | "error";
  readonly text: string;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function eventLogLine(e: RunEvent): LogLine | undefined {
  switch (e.type) {
    case "run-started":
      return {
        level: "info",
        text: `run ${e.runId} started: search ${e.search} on ${e.space}, backend ${e.backend}${e.resumedFrom ? `, resumed after ${e.resumedFrom} evaluations` : ""}`,
      };
    case "phase":
      return { level: "info", text: `phase ${e.phase}${e.detail ? `: ${e.detail}` : ""}` };
    case "epoch": {
      const kinds = (["largest", "smallest", "random"] as const).flatMap((k) =>
        e.metrics[k]
          ? [`${k} loss ${e.metrics[k].loss.toFixed(3)} acc ${percent(e.metrics[k].accuracy)}`]
          : [],
      );
      return {
        level: "info",
        text: `epoch ${e.epoch}/${e.epochs} in ${e.seconds.toFixed(1)}s (${Math.round(e.imagesPerSecond)} images/s): ${kinds.join(", ")}`,
      };
    }
    case "search-start":
      return {
        level: "info",
        text: `search: ${e.strategy}, budget ${e.budget} evaluations, ${e.objectives.map((o) => `${o.sense} ${o.metric}`).join(", ")}`,
      };
    case "generation":
      return {
        level: "info",
        text: `generation ${e.generation}: ${e.evaluations} evaluations, ${e.front.length} on the front${e.hypervolume !== null ? `, hypervolume ${e.hypervolume.toPrecision(4)}` : ""}`,
      };
    case "log":
      return { level: e.level, text: e.message };
    case "run-finished":
      return {
        level: "info",
        text: `finished: ${e.evaluations} evaluations, ${e.front.length} on the front, ${e.seconds.toFixed(1)}s`,
      };
    case "run-failed":
      return { level: "error", text: `failed: ${e.message}` };
    default:
      return undefined;
  }
}
