import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BackendWasm, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { loadPackageFile, threadedWasmFiles } from "./wasm-files";
import type { ThreadedWasmFiles } from "./wasm-files";

/*
 * tfjs-backend-wasm never starts its threaded build under Node: its thread-support flag answers
 * false for Node, and when forced it hands Emscripten a `blob:` URL for the pthread worker, which
 * worker_threads rejects (ERR_WORKER_PATH). The Emscripten outputs it ships in wasm-out/ do support
 * Node, though, when started directly: the worker script as a real file, the main script as a path
 * the workers can load, and the binary instantiated here. The BackendWasm class and every kernel
 * registered for 'wasm' then work unchanged on top of that module.
 */

type CWrapped = (...args: number[]) => number;

interface ThreadedModule {
  cwrap(name: string, returnType: string | null, argTypes: string[]): CWrapped;
  tfjs?: Record<string, CWrapped>;
  PThread: { runningWorkers: { unref(): void }[] };
}

type WasmImports = Record<string, Record<string, unknown>>;

interface FactoryConfig {
  mainScriptUrlOrBlob: string;
  locateFile(path: string): string;
  instantiateWasm(
    imports: WasmImports,
    receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ): object;
  onAbort(reason: unknown): void;
}

type ModuleFactory = (config: FactoryConfig) => Promise<ThreadedModule>;

type WasmModuleArgument = ConstructorParameters<typeof BackendWasm>[0];

/** A wasm backend whose XNNPACK thread pool has `threads` threads (the calling thread included). */
export async function createThreadedWasmBackend(threads: number): Promise<BackendWasm> {
  const files = threadedWasmFiles();
  const module = await instantiateThreadedModule(files, writeWorkerScript(files.workerModule), threads);
  // The same C entry points tfjs-backend-wasm's own init() binds.
  module.tfjs = {
    init: module.cwrap("init", null, []),
    initWithThreadsCount: module.cwrap("init_with_threads_count", null, ["number"]),
    getThreadsCount: module.cwrap("get_threads_count", "number", []),
    registerTensor: module.cwrap("register_tensor", null, ["number", "number", "number"]),
    disposeData: module.cwrap("dispose_data", null, ["number"]),
    dispose: module.cwrap("dispose", null, []),
  };
  setThreadsCount(threads);
  const backend = new BackendWasm(module as unknown as WasmModuleArgument);
  // The constructor started XNNPACK's pool threads, which wait for work for the life of the
  // process; Emscripten keeps their workers referenced, which would stop Node from ever exiting.
  for (const worker of module.PThread.runningWorkers) worker.unref();
  return backend;
}

function instantiateThreadedModule(
  files: ThreadedWasmFiles,
  workerScript: string,
  threads: number,
): Promise<ThreadedModule> {
  const factory = loadPackageFile(files.factoryScript) as ModuleFactory;
  return new Promise((resolve, reject) => {
    const config: FactoryConfig = {
      mainScriptUrlOrBlob: files.factoryScript,
      locateFile: (path) =>
        path.endsWith(".worker.js") ? workerScript : join(files.factoryScript, "..", path),
      instantiateWasm: (imports, receive) => {
        reportLogicalCores(imports, threads);
        WebAssembly.instantiate(readFileSync(files.binary), imports as WebAssembly.Imports).then(
          ({ instance, module }) => receive(instance, module),
          reject,
        );
        return {};
      },
      onAbort: (reason) => reject(new Error(`threaded wasm aborted: ${String(reason)}`)),
    };
    factory(config).then(resolve, reject);
  });
}

/**
 * tfjs caps its thread pool at half the logical cores (assuming two hyper-threads per core) and
 * below any count it is given; on a 2-core machine that is one thread. Reporting twice the
 * requested count makes the cap exactly what the caller asked for.
 */
function reportLogicalCores(imports: WasmImports, threads: number): void {
  for (const namespace of Object.values(imports)) {
    for (const [name, value] of Object.entries(namespace)) {
      if (typeof value === "function" && value.name === "_emscripten_num_logical_cores") {
        namespace[name] = () => 2 * threads;
        return;
      }
    }
  }
  throw new Error("the threaded wasm build no longer imports emscripten_num_logical_cores");
}

/**
 * Node workers need a file. The worker source ships as a JS string whose escaped newlines were
 * unescaped by its template literal; escaping them again is what tfjs does before making a Blob.
 * The file is named by its content, so concurrent processes write identical bytes (atomically).
 */
function writeWorkerScript(workerModule: string): string {
  const { wasmWorkerContents } = loadPackageFile(workerModule) as { wasmWorkerContents: string };
  const source = wasmWorkerContents.replace(/\n/g, "\\n");
  const digest = createHash("sha256").update(source).digest("hex").slice(0, 16);
  const path = join(tmpdir(), `tfjs-wasm-threaded-worker-${digest}.js`);
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, source);
    renameSync(partial, path);
  }
  return path;
}
