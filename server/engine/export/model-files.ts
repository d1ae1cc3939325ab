import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";

export const MODEL_FILE = "model.json";
export const WEIGHTS_FILE = "weights.bin";

/**
 * Saves a layers model into a folder as tfjs-node's `file://` handler does (which cannot be
 * installed here): `model.json` (topology, weights manifest, user metadata) and one
 * `weights.bin`, loadable with `tf.loadLayersModel` from a server or through `loadModelFolder`.
 */
export async function saveModelFolder(model: tfl.LayersModel, dir: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      await mkdir(dir, { recursive: true });
      // The weights first: a model.json is only there once what it points at is complete.
      await writeFile(
        join(dir, WEIGHTS_FILE),
        new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)),
      );
      await writeFile(join(dir, MODEL_FILE), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
}

/** An IOHandler that reads a model folder (model.json and the weight files it lists). */
export function folderLoadHandler(dir: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(await readFile(join(dir, MODEL_FILE), "utf8")) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const files = await Promise.all(
          manifest.flatMap((group) => group.paths).map((path) => readFile(join(dir, path))),
        );
        const bytes = Buffer.concat(files);
        const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        return [manifest.flatMap((group) => group.weights), data];
      });
    },
  };
}

export function loadModelFolder(dir: string): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel(folderLoadHandler(dir));
}
