/**
 * Runs bench/supernet-torch.py (Debian's python3-torch) on the same supernet, subnets, batch size
 * and optimizer as the engine's steps: the subnets go over as the language's plans describe them.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { SampledSubnet } from "../server/engine/train/sampling";
import type { SpaceModel } from "../server/language/model";
import type { TrainConfig } from "../server/language/searchConfig";
import { describeSubnet, describeWeights } from "./subnetDescription";
import type { SubnetDescription, WeightDescription } from "./subnetDescription";
import type { StepTimes } from "./supernetSteps";

const PYTHON = "/usr/bin/python3";
const SCRIPT = join(__dirname, "supernet-torch.py");

export interface TorchWork {
  /** [H, W, C] of the dataset's images, before each subnet's resolution is applied. */
  input: readonly number[];
  batch: number;
  classes: number;
  optimizer: TrainConfig["optimizer"];
  weightDecay: number;
  labelSmoothing: number;
  seed: number;
  weights: WeightDescription[];
  /** Every distinct subnet the scenarios use. */
  subnets: SubnetDescription[];
  /** Per scenario, each step's subnets as indices into `subnets`. */
  scenarios: Record<string, number[][]>;
  warmupSteps: number;
}

export interface TorchResult {
  torch: string;
  threads: number;
  /** Per subnet of the work: MACs per image from PyTorch's profiler, weight elements used. */
  costs: { macs: number; params: number }[];
  scenarios: Record<string, StepTimes>;
}

/** The work for PyTorch: the scenarios' subnets, each described once. */
export function torchWork(
  model: SpaceModel,
  config: TrainConfig,
  seed: number,
  scenarios: Record<string, readonly (readonly SampledSubnet[])[]>,
  warmupSteps: number,
): TorchWork {
  if (model.input?.kind !== "image") throw new Error(`${model.name}: the benchmark needs an image input`);
  const { h, w, c } = model.input;
  const subnets: SubnetDescription[] = [];
  const indexOf = new Map<string, number>();
  const index = (s: SampledSubnet): number => {
    const key = s.genome.join(",");
    if (!indexOf.has(key)) {
      indexOf.set(key, subnets.length);
      subnets.push(describeSubnet(s.genome, s.plan));
    }
    return indexOf.get(key)!;
  };
  const indexed = Object.fromEntries(
    Object.entries(scenarios).map(([name, steps]) => [name, steps.map((step) => step.map(index))]),
  );
  const output = subnets[0]?.output;
  if (output?.kind !== "vector") throw new Error(`${model.name}: the benchmark needs a classifier`);
  return {
    input: [h, w, c],
    batch: config.batch,
    classes: output.n,
    optimizer: config.optimizer,
    weightDecay: config.weightDecay,
    labelSmoothing: config.labelSmoothing,
    seed,
    weights: describeWeights(model),
    subnets,
    scenarios: indexed,
    warmupSteps,
  };
}

/** PyTorch's figures with `threads` threads, or why it did not run. */
export function runTorch(work: TorchWork, threads: number): TorchResult | { failure: string } {
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify({ ...work, threads }),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) {
    return { failure: run.error?.message ?? run.stderr.trim().split("\n").at(-1) ?? `exit ${run.status}` };
  }
  return JSON.parse(run.stdout) as TorchResult;
}
