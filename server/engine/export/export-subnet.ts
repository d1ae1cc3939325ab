import { join } from "node:path";
import type { Genome } from "../../language/encoding";
import type { SubnetPlan } from "../../language/plan";
import type { Batch } from "../data/batches";
import { calibrateBatchNorm, disposeStatistics } from "../supernet/calibrate";
import type { BnStatistics } from "../supernet/context";
import type { Supernet } from "../supernet/supernet";
import { shapeDims } from "../supernet/supernet";
import { buildSubnetModel } from "./build-model";
import { inheritedWeights } from "./inherited-weights";
import { MODEL_FILE, saveModelFolder, WEIGHTS_FILE } from "./model-files";
import type { ModelSize } from "./size";
import { subnetSize } from "./size";

export interface ExportOptions {
  readonly supernet: Supernet;
  readonly genome: Genome;
  /** Training images that recalibrate the subnet's BatchNorm statistics (as its evaluation does). */
  readonly calibration: Batch;
  readonly dir: string;
  /** Images per calibration forward pass. */
  readonly calibrationBatchSize?: number;
  /** Stored under model.json's `userDefinedMetadata.supernet` with what the export adds itself. */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface ExportResult {
  readonly modelFile: string;
  readonly weightsFile: string;
  /** The model's input without the batch axis: the subnet's resolution. */
  readonly input: readonly number[];
  readonly size: ModelSize;
}

/**
 * Writes one subnet as a standalone TensorFlow.js layers model (model.json + weights.bin) with
 * the weights it inherits from the supernet and BatchNorm statistics recalibrated for it.
 */
export async function exportSubnet(options: ExportOptions): Promise<ExportResult> {
  const plan = options.supernet.plan(options.genome);
  const stats = calibrateBatchNorm(
    options.supernet,
    plan,
    options.calibration,
    options.calibrationBatchSize ?? 250,
  );
  try {
    return await writeSubnetModel(options.supernet, plan, stats, options.dir, {
      genome: [...options.genome],
      ...options.metadata,
    });
  } finally {
    disposeStatistics(stats);
  }
}

/** The export with statistics at hand (a run that has just evaluated the subnet has them). */
export async function writeSubnetModel(
  supernet: Supernet,
  plan: SubnetPlan,
  stats: BnStatistics,
  dir: string,
  metadata: Readonly<Record<string, unknown>> = {},
): Promise<ExportResult> {
  const weights = inheritedWeights(supernet, plan, stats);
  const model = (() => {
    try {
      return buildSubnetModel(plan, weights);
    } finally {
      weights.dispose();
    }
  })();
  const input = shapeDims(plan.input);
  const size = subnetSize(plan);
  try {
    // The input is at the subnet's resolution: callers resize (bilinear, half-pixel centres) and normalise as the dataset does.
    model.setUserDefinedMetadata({
      supernet: { space: supernet.model.name, input, macs: plan.macs, params: plan.params, ...metadata },
    });
    await saveModelFolder(model, dir);
  } finally {
    model.dispose();
  }
  return { modelFile: join(dir, MODEL_FILE), weightsFile: join(dir, WEIGHTS_FILE), input, size };
}
