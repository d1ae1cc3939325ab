/** The words and icons a live run shows in the status bar and its progress notification. Pure. */
import type { RunProgress } from "./runProgress";
import { etaSeconds } from "./runProgress";

/** `42s`, `3:07`, `1:02:09`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n: number): string => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/** What the run is doing: `training epoch 2/5`, `search 40/120 · generation 2`. */
export function phaseText(p: RunProgress): string {
  switch (p.outcome) {
    case "finished":
      return `finished · ${p.evaluations} evaluations${p.frontSize !== undefined ? ` · ${p.frontSize} on the front` : ""}`;
    case "stopped":
      return `stopped after ${p.evaluations}${p.budget !== undefined ? `/${p.budget}` : ""} evaluations`;
    case "failed":
      return "failed";
    case undefined:
      break;
  }
  switch (p.phase) {
    case "starting":
      return "starting";
    case "data":
      return "loading data";
    case "train":
      return p.epoch !== undefined && p.epochs !== undefined
        ? `training epoch ${p.epoch}/${p.epochs}`
        : "training";
    case "latency":
      return "measuring latency";
    case "search": {
      const count = p.budget !== undefined ? `${p.evaluations}/${p.budget}` : `${p.evaluations}`;
      return `search ${count}${p.generation !== undefined ? ` · generation ${p.generation}` : ""}`;
    }
    case "done":
      return "finishing";
  }
}

/** The phase and, while one can be told, the time left in it. */
export function progressMessage(p: RunProgress, now: number): string {
  const eta = etaSeconds(p, now);
  return eta === undefined ? phaseText(p) : `${phaseText(p)} · ETA ${formatDuration(eta)}`;
}

const ICONS = {
  running: "$(sync~spin)",
  finished: "$(pass)",
  stopped: "$(debug-pause)",
  failed: "$(error)",
} as const;

/** The status bar item's text: icon, search name, progress. */
export function statusBarText(p: RunProgress, now: number): string {
  return `${ICONS[p.outcome ?? "running"]} ${p.search}: ${progressMessage(p, now)}`;
}

export function statusBarTooltip(p: RunProgress): string {
  return [
    `Supernet run ${p.runDir}`,
    p.failure ? `Failed: ${p.failure}` : undefined,
    "Click to show the training curves.",
  ]
    .filter((l) => l !== undefined)
    .join("\n");
}
