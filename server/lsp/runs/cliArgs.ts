/**
 * The command lines the server runs the bundled `supernet` CLI with, and their environment.
 * Pure: the run manager spawns what these return.
 */
import type { RunnerOptions } from "../../../protocol/runsLsp";

/** Read by the backend selection as an extra folder to find `@tensorflow/tfjs-node` in. */
export const TFJS_NODE_PATH_ENV = "SUPERNET_TFJS_NODE_PATH";

export interface SearchInvocation {
  readonly file: string;
  readonly search: string;
  readonly runsFolder: string;
  readonly runner: RunnerOptions;
}

function runnerArgs(runner: RunnerOptions): string[] {
  return ["--events", "--backend", runner.backend, "--data", runner.data];
}

export function searchArgs(cli: string, run: SearchInvocation): string[] {
  return [
    cli,
    "search",
    run.file,
    "--search",
    run.search,
    "--out",
    run.runsFolder,
    ...runnerArgs(run.runner),
  ];
}

export function resumeArgs(cli: string, runDir: string, runner: RunnerOptions): string[] {
  return [cli, "resume", runDir, ...runnerArgs(runner)];
}

/**
 * The runner's environment: the server's, plus where the extension installed tfjs-node. Inside
 * VS Code `process.execPath` is Electron, which runs a script as plain Node only when told to.
 */
export function runnerEnv(
  base: NodeJS.ProcessEnv,
  runner: RunnerOptions,
  electron: boolean,
): NodeJS.ProcessEnv {
  return {
    ...base,
    ...(runner.tfjsNodePath ? { [TFJS_NODE_PATH_ENV]: runner.tfjsNodePath } : {}),
    ...(electron ? { ELECTRON_RUN_AS_NODE: "1" } : {}),
  };
}
