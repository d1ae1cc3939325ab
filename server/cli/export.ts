/** `supernet export FILE --subnet NAME --checkpoint PATH --out DIR`: one subnet as a standalone TensorFlow.js model. */
import { basename, dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { selectBackend } from "../engine/backend/select";
import { DataError } from "../engine/data/errors";
import { datasetSpecOf } from "../engine/data/spaceDataset";
import type { DatasetSpec } from "../engine/data/load";
import { defaultLoadOptions, loadDatasetFromDisk } from "../engine/data/node-load";
import { exportSubnet } from "../engine/export/export-subnet";
import { Supernet } from "../engine/supernet/supernet";
import { DEFAULT_CALIBRATION_IMAGES, evaluationData } from "../engine/train/evaluate";
import { FileCheckpointStore } from "../engine/train/fs-store";
import { checkDocument } from "../language/checker";
import type { DatasetRef } from "../language/model";
import { hostFor, readSource } from "../io/files";
import { UsageError } from "./usage";

const DATA_CHOICES = ["auto", "embedded", "full"] as const;

export interface ExportIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const processIo: ExportIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/** A problem with the command's inputs, reported as one line with exit code 1. */
class ExportError extends Error {}

/**
 * Reads the file, takes the `subnet NAME` block's genome, loads the supernet from a training
 * checkpoint, recalibrates the subnet's BatchNorm on training images of the space's dataset (the
 * embedded subset unless --data says otherwise) and writes DIR/model.json + DIR/weights.bin.
 */
export async function exportCommand(args: string[], io: ExportIo = processIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      subnet: { type: "string" },
      checkpoint: { type: "string" },
      out: { type: "string" },
      data: { type: "string", default: "embedded" },
      "calibration-images": { type: "string", default: String(DEFAULT_CALIBRATION_IMAGES) },
    },
  });
  if (positionals.length !== 1) throw new UsageError("supernet export: name one .nas file");
  if (!values.subnet || !values.checkpoint || !values.out)
    throw new UsageError("supernet export: --subnet NAME, --checkpoint PATH and --out DIR are required");
  if (!(DATA_CHOICES as readonly string[]).includes(values.data))
    throw new UsageError(`--data must be one of ${DATA_CHOICES.join(", ")}`);
  const calibrationImages = Number(values["calibration-images"]);
  if (!Number.isInteger(calibrationImages) || calibrationImages < 1)
    throw new UsageError("--calibration-images must be a positive integer");
  try {
    const result = await run(
      positionals[0],
      values.subnet,
      values.checkpoint,
      values.out,
      values.data as (typeof DATA_CHOICES)[number],
      calibrationImages,
    );
    io.out(result);
    return 0;
  } catch (e) {
    if (!(e instanceof ExportError || e instanceof DataError)) throw e;
    io.err(`supernet export: ${e.message}`);
    return 1;
  }
}

async function run(
  file: string,
  name: string,
  checkpointPath: string,
  out: string,
  data: (typeof DATA_CHOICES)[number],
  calibrationImages: number,
): Promise<string> {
  let text: string;
  try {
    text = readSource(file);
  } catch (e) {
    throw new ExportError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const analysis = checkDocument(text, hostFor(file));
  const subnet = analysis.subnets.find((s) => s.decl.name?.name === name);
  if (!subnet) {
    const names = analysis.subnets.flatMap((s) => (s.decl.name ? [s.decl.name.name] : []));
    throw new ExportError(
      `${file} has no subnet ${name}${names.length ? ` (its subnets: ${names.join(", ")})` : " (it declares no subnet blocks)"}`,
    );
  }
  if (!subnet.space || !subnet.genome)
    throw new ExportError(`subnet ${name} is not valid: run \`supernet check ${file}\` for the errors`);
  const { model } = subnet.space;

  // A checkpoint folder, or its checkpoint.json.
  const folder = basename(checkpointPath) === "checkpoint.json" ? dirname(checkpointPath) : checkpointPath;
  let checkpoint;
  try {
    checkpoint = await new FileCheckpointStore(folder).load();
  } catch (e) {
    throw new ExportError(`cannot read the checkpoint in ${folder}: ${(e as Error).message}`);
  }
  if (!checkpoint)
    throw new ExportError(
      `no checkpoint in ${folder} (expected ${resolve(folder, "checkpoint.json")}, written by training)`,
    );

  const backend = await selectBackend();
  let supernet: Supernet;
  try {
    supernet = Supernet.fromArrays(model, checkpoint.weights);
  } catch (e) {
    throw new ExportError(
      `the checkpoint in ${folder} does not fit space ${model.name}: ${(e as Error).message}`,
    );
  }
  try {
    const dataset = await loadDatasetFromDisk(
      datasetSpec(model.name, model.dataset),
      defaultLoadOptions({ baseDir: dirname(resolve(file)), choice: data }),
    );
    const { calibration } = evaluationData(dataset, { calibrationImages });
    const result = await exportSubnet({
      supernet,
      genome: subnet.genome,
      calibration,
      dir: out,
      metadata: {
        subnet: name,
        file: basename(file),
        epoch: checkpoint.epoch,
        dataset: dataset.name,
        classNames: [...dataset.classNames],
        normalization: dataset.normalization,
      },
    });
    const { params, float32Bytes, int8Bytes } = result.size;
    return (
      `wrote ${result.modelFile} and ${result.weightsFile}: subnet ${name} of ${model.name}, input ${result.input.join("×")}, ` +
      `${params} params (${kB(float32Bytes)} float32, ~${kB(int8Bytes)} int8), BatchNorm recalibrated on ${calibration.shape[0]} training images; backend ${backend.kind}`
    );
  } finally {
    supernet.dispose();
  }
}

// The runner maps a space's dataset the same way (runs/runner.ts, not exported).
function datasetSpec(space: string, ref: DatasetRef | undefined): DatasetSpec {
  if (!ref)
    throw new ExportError(
      `space ${space} declares no dataset to recalibrate BatchNorm on: add e.g. \`dataset fashion_mnist\``,
    );
  return datasetSpecOf(ref);
}

function kB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
