import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { WeightArrays } from "../supernet/weights";
import type { CheckpointStore, TrainingCheckpoint } from "./checkpoint";

const MANIFEST = "checkpoint.json";
const FORMAT = "supernet-checkpoint/1";

interface TensorEntry {
  readonly name: string;
  readonly group: "weights" | "optimizer";
  readonly shape: readonly number[];
  /** Offset and length in float32 values (little-endian) within the data file. */
  readonly offset: number;
  readonly length: number;
}

interface Manifest extends Omit<TrainingCheckpoint, "weights" | "optimizer"> {
  readonly format: typeof FORMAT;
  /** The data file this manifest's tensors are in, next to it. */
  readonly data: string;
  readonly optimizer: Omit<TrainingCheckpoint["optimizer"], "slots">;
  readonly tensors: readonly TensorEntry[];
}

/**
 * Checkpoints in a folder: `checkpoint.json` (everything but the tensors, and where each tensor
 * lies) and a float32 data file per epoch. The data file is written first and the manifest is
 * replaced by a rename, so a crash at any point leaves a complete checkpoint behind; data files
 * no manifest points at are removed afterwards.
 */
export class FileCheckpointStore implements CheckpointStore {
  constructor(readonly dir: string) {}

  async load(): Promise<TrainingCheckpoint | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.dir, MANIFEST), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.format !== FORMAT)
      throw new Error(`${join(this.dir, MANIFEST)} is not a ${FORMAT} checkpoint`);
    const bytes = await readFile(join(this.dir, manifest.data));
    const values = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    const group = (g: TensorEntry["group"]): WeightArrays =>
      new Map(
        manifest.tensors
          .filter((t) => t.group === g)
          .map((t) => {
            if (t.offset + t.length > values.length)
              throw new Error(`${manifest.data} is truncated at ${t.name}`);
            return [t.name, { shape: t.shape, values: values.slice(t.offset, t.offset + t.length) }];
          }),
      );
    const { format: _format, data: _data, tensors: _tensors, optimizer, ...rest } = manifest;
    return { ...rest, weights: group("weights"), optimizer: { ...optimizer, slots: group("optimizer") } };
  }

  async save(checkpoint: TrainingCheckpoint): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tensors: TensorEntry[] = [];
    const parts: Float32Array[] = [];
    let offset = 0;
    const add = (group: TensorEntry["group"], arrays: WeightArrays): void => {
      for (const [name, { shape, values }] of arrays) {
        tensors.push({ name, group, shape, offset, length: values.length });
        parts.push(values);
        offset += values.length;
      }
    };
    add("weights", checkpoint.weights);
    add("optimizer", checkpoint.optimizer.slots);
    const data = new Float32Array(offset);
    parts.reduce((at, part) => (data.set(part, at), at + part.length), 0);
    const dataFile = `checkpoint-epoch${checkpoint.epoch}.bin`;
    const { weights: _weights, optimizer, ...rest } = checkpoint;
    const { slots: _slots, ...optimizerRest } = optimizer;
    const manifest: Manifest = { format: FORMAT, ...rest, data: dataFile, optimizer: optimizerRest, tensors };
    await replaceFile(join(this.dir, dataFile), new Uint8Array(data.buffer));
    await replaceFile(join(this.dir, MANIFEST), JSON.stringify(manifest, null, 1));
    for (const name of await readdir(this.dir)) {
      if (/^checkpoint-epoch\d+\.bin$/.test(name) && name !== dataFile)
        await rm(join(this.dir, name), { force: true });
    }
  }
}

async function replaceFile(path: string, content: Uint8Array | string): Promise<void> {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}
