import type { TrainConfig } from "../../language/searchConfig";

/**
 * The learning rate of a global step (0-based): a linear warm-up over `warmup` epochs from
 * lr/warm-up steps to lr, then a cosine decay to zero at the end of the last epoch; or constant.
 */
export function learningRate(config: TrainConfig, step: number, stepsPerEpoch: number): number {
  const base = config.optimizer.lr;
  if (config.schedule.kind === "constant") return base;
  const total = config.epochs * stepsPerEpoch;
  const warmup = Math.min(total, Math.round(config.schedule.warmup * stepsPerEpoch));
  if (step < warmup) return (base * (step + 1)) / warmup;
  const progress = (step - warmup) / Math.max(1, total - warmup);
  return 0.5 * base * (1 + Math.cos(Math.PI * Math.min(1, progress)));
}
