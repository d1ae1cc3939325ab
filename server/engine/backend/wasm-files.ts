import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// TensorFlow.js stays outside the esbuild bundles (scripts/build.mjs), so its files are found where
// Node resolves the package from this module, bundled or not.
const resolveFromHere = createRequire(__filename);

/** The folder holding tfjs-backend-wasm's .wasm binaries, with the trailing slash setWasmPaths wants. */
export function wasmBinaryFolder(): string {
  return dirname(resolveFromHere.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm")) + "/";
}

/** The emscripten outputs of the threaded build: its module factory, worker script and binary. */
export interface ThreadedWasmFiles {
  factoryScript: string;
  workerModule: string;
  binary: string;
}

export function threadedWasmFiles(): ThreadedWasmFiles {
  const base = "@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd";
  const factoryScript = resolveFromHere.resolve(`${base}.js`);
  return {
    factoryScript,
    workerModule: resolveFromHere.resolve(`${base}.worker.js`),
    binary: join(dirname(factoryScript), "tfjs-backend-wasm-threaded-simd.wasm"),
  };
}

/** Loads a CommonJS file of a tfjs package (the threaded build ships no ES module entry). */
export function loadPackageFile(path: string): unknown {
  return resolveFromHere(path);
}
