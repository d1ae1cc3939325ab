import { availableParallelism } from "node:os";
import { delimiter } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { installWasmKernels } from "./wasm-kernels";
import { loadFailureReason, loadTfjsNode } from "./tfjs-node";
import { wasmBinaryFolder } from "./wasm-files";
import { createThreadedWasmBackend } from "./wasm-threaded";

export const BACKEND_PREFERENCES = ["auto", "node", "wasm", "cpu"] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];
export type BackendKind = Exclude<BackendPreference, "auto">;

/** Fastest first: the order `auto` tries them in. */
const SPEED_ORDER: readonly BackendKind[] = ["node", "wasm", "cpu"];

/** The name each backend registers with tfjs-core. */
export const TFJS_BACKEND_NAME: Record<BackendKind, string> = {
  node: "tensorflow",
  wasm: "wasm",
  cpu: "cpu",
};

export interface BackendAttempt {
  kind: BackendKind;
  loaded: boolean;
  /** Why it was not used, or (for wasm) how it runs. */
  note?: string;
}

export interface BackendSelection {
  kind: BackendKind;
  /** XNNPACK threads for wasm; 1 for the others as far as this tool controls them. */
  threads: number;
  preference: BackendPreference;
  preferenceSource: "SUPERNET_BACKEND" | "setting" | "default";
  attempts: BackendAttempt[];
}

export interface SelectOptions {
  /** The user's setting; SUPERNET_BACKEND overrides it. */
  preference?: BackendPreference;
  /** wasm thread-pool size; SUPERNET_THREADS overrides it. Defaults to the available cores. */
  threads?: number;
  env?: Readonly<Record<string, string | undefined>>;
  /** Extra folders to find @tensorflow/tfjs-node in (the extension's storage); SUPERNET_TFJS_NODE_PATH adds more. */
  tfjsNodePaths?: readonly string[];
}

/**
 * Makes the fastest backend that loads (starting from the preferred one) tfjs-core's current
 * backend, and reports what it tried and why the others were not used.
 */
export async function selectBackend(options: SelectOptions = {}): Promise<BackendSelection> {
  const env = options.env ?? process.env;
  const { preference, preferenceSource } = resolvePreference(options.preference, env.SUPERNET_BACKEND);
  const threads = resolveThreads(options.threads, env.SUPERNET_THREADS);
  const first = preference === "auto" ? 0 : SPEED_ORDER.indexOf(preference);
  const attempts: BackendAttempt[] = SPEED_ORDER.slice(0, first).map((kind) => ({
    kind,
    loaded: false,
    note: `skipped: preference is '${preference}'`,
  }));
  // tfjs's own console notes (e.g. "install the node backend") would only repeat what `attempts` says.
  tf.env().set("PROD", true);
  // The extension installs tfjs-node into its own storage and names that folder here.
  const tfjsNodePaths = [
    ...(options.tfjsNodePaths ?? []),
    ...(env.SUPERNET_TFJS_NODE_PATH ?? "").split(delimiter).filter((p) => p !== ""),
  ];
  for (const kind of SPEED_ORDER.slice(first)) {
    const attempt = await startBackend(kind, { threads, tfjsNodePaths });
    attempts.push(attempt);
    if (attempt.loaded) {
      return { kind, threads: kind === "wasm" ? wasmThreads() : 1, preference, preferenceSource, attempts };
    }
  }
  throw new Error(
    `no TensorFlow.js backend loaded: ${attempts.map((a) => `${a.kind}: ${a.note}`).join("; ")}`,
  );
}

function resolvePreference(
  setting: BackendPreference | undefined,
  override: string | undefined,
): Pick<BackendSelection, "preference" | "preferenceSource"> {
  if (override !== undefined && override !== "") {
    if (!(BACKEND_PREFERENCES as readonly string[]).includes(override)) {
      throw new Error(
        `SUPERNET_BACKEND must be one of ${BACKEND_PREFERENCES.join(", ")}; got '${override}'.`,
      );
    }
    return { preference: override as BackendPreference, preferenceSource: "SUPERNET_BACKEND" };
  }
  return setting === undefined
    ? { preference: "auto", preferenceSource: "default" }
    : { preference: setting, preferenceSource: "setting" };
}

function resolveThreads(setting: number | undefined, override: string | undefined): number {
  const requested =
    override !== undefined && override !== "" ? Number(override) : (setting ?? availableParallelism());
  if (!Number.isInteger(requested) || requested < 1) {
    throw new Error(`the wasm thread count must be a positive integer; got '${override ?? setting}'.`);
  }
  return requested;
}

/**
 * Makes one backend current, loading it if needed. wasm restarts when asked for another thread
 * count, which frees every tensor it held.
 */
export async function startBackend(
  kind: BackendKind,
  options: { threads: number; tfjsNodePaths?: readonly string[] },
): Promise<BackendAttempt> {
  const { threads } = options;
  switch (kind) {
    case "node":
      return activateTfjsNode(options.tfjsNodePaths ?? []);
    case "wasm":
      return activateWasm(threads);
    case "cpu":
      return (await tf.setBackend("cpu"))
        ? { kind, loaded: true }
        : { kind, loaded: false, note: "tfjs-backend-cpu failed to initialise" };
  }
}

async function activateTfjsNode(searchPaths: readonly string[]): Promise<BackendAttempt> {
  try {
    loadTfjsNode(searchPaths);
  } catch (error) {
    return { kind: "node", loaded: false, note: loadFailureReason(error) };
  }
  const name = TFJS_BACKEND_NAME.node;
  if (tf.findBackendFactory(name) === null) {
    return {
      kind: "node",
      loaded: false,
      note: `loaded, but it registered no '${name}' backend with this tfjs-core`,
    };
  }
  if (tf.engine().registry[name] !== undefined && (await tf.setBackend(name)))
    return { kind: "node", loaded: true };
  const failure = await initialise(name, tf.findBackendFactory(name) as BackendFactory);
  return failure === undefined
    ? { kind: "node", loaded: true }
    : { kind: "node", loaded: false, note: failure };
}

type BackendFactory = () => tf.KernelBackend | Promise<tf.KernelBackend>;

/** The factory tfjs-backend-wasm registered, kept before a threaded one replaces it. */
let stockWasmFactory: BackendFactory | undefined;
/** How the running wasm backend was started, repeated when it is asked for again. */
let wasmStartNote = "";

/** tfjs-core's own priorities, kept when a factory is re-registered. */
const PRIORITY: Record<string, number> = { tensorflow: 3, wasm: 2, cpu: 1 };

async function activateWasm(threads: number): Promise<BackendAttempt> {
  stockWasmFactory ??= tf.findBackendFactory("wasm") as BackendFactory;
  installWasmKernels();
  if (tf.engine().registry.wasm !== undefined) {
    const running = wasmThreads();
    if (running === threads) {
      await tf.setBackend("wasm");
      return { kind: "wasm", loaded: true, note: wasmStartNote };
    }
    tf.removeBackend("wasm");
  }
  setWasmPaths(wasmBinaryFolder());
  const attempt = await startWasm(threads);
  wasmStartNote = attempt.note ?? "";
  return attempt;
}

async function startWasm(threads: number): Promise<BackendAttempt> {
  const stockWasm = stockWasmFactory as BackendFactory;
  if (threads > 1) {
    const failure = await initialise("wasm", () => createThreadedWasmBackend(threads));
    if (failure === undefined)
      return { kind: "wasm", loaded: true, note: `threaded build, ${wasmThreads()} threads` };
    const single = await initialise("wasm", stockWasm);
    return single === undefined
      ? { kind: "wasm", loaded: true, note: `single-threaded: the threaded build failed (${failure})` }
      : { kind: "wasm", loaded: false, note: `threaded: ${failure}; single-threaded: ${single}` };
  }
  const failure = await initialise("wasm", stockWasm);
  return failure === undefined
    ? { kind: "wasm", loaded: true, note: "single-threaded build" }
    : { kind: "wasm", loaded: false, note: failure };
}

/**
 * Registers `factory` under `name` and makes it current. tfjs-core logs and swallows a factory's
 * error, so the factory is wrapped to keep the reason; returns it, or undefined on success.
 */
async function initialise(name: string, factory: BackendFactory): Promise<string | undefined> {
  let failure: string | undefined;
  const recording = async (): Promise<tf.KernelBackend> => {
    try {
      return await factory();
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      throw error;
    }
  };
  if (tf.findBackendFactory(name) !== null) tf.removeBackend(name);
  tf.registerBackend(name, recording, PRIORITY[name] ?? 1);
  if (await tf.setBackend(name)) return undefined;
  return failure ?? `tfjs-core could not initialise the '${name}' backend`;
}

function wasmThreads(): number {
  const backend = tf.engine().registry.wasm as
    { wasm?: { tfjs?: { getThreadsCount(): number } } } | undefined;
  return backend?.wasm?.tfjs?.getThreadsCount() ?? 1;
}
