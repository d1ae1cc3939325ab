/**
 * The runs this server is running: one runner child process per run and at most one per search
 * of a file. Each run's stdout events are validated and relayed as they come; its stderr goes
 * to the log. Stop sends SIGINT (the runner stops at its next step or evaluation and stays
 * resumable), then SIGTERM when it has not ended after a grace period.
 */
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { RunEvent } from "../../../protocol/runEvents";
import type { RunnerOptions } from "../../../protocol/runsLsp";
import { readManifest, runPaths } from "../../runs/runDirectory";
import type { SearchInvocation } from "./cliArgs";
import { resumeArgs, runnerEnv, searchArgs } from "./cliArgs";
import { watchRunner } from "./runnerOutput";
import { findNewRunDirectory } from "./locateRun";

export interface RunNotifier {
  event(runDir: string, event: RunEvent): void;
  ended(runDir: string, ended: { code: number | null; signal: string | null; stopped: boolean }): void;
  log(runDir: string | null, search: string, level: "info" | "warning" | "error", text: string): void;
}

export interface RunManagerOptions {
  /** The bundled CLI script, run with `execPath`. */
  readonly cli: string;
  readonly notify: RunNotifier;
  readonly execPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stopGraceMs?: number;
}

/** Long enough for the slowest single evaluation or training step of a typical run to end. */
const STOP_GRACE_MS = 20_000;
/** How much of a runner's stderr explains a failure to start. */
const STDERR_KEPT = 8_000;

interface ActiveRun {
  readonly runDir: string;
  readonly child: ChildProcess;
  stopRequested: boolean;
  killTimer?: NodeJS.Timeout;
}

export class RunManager {
  /** Runs that have started, by run directory. */
  private readonly active = new Map<string, ActiveRun>();
  /** Searches (file and name) with a runner process, started or starting. */
  private readonly busy = new Set<string>();
  private readonly children = new Set<ChildProcess>();

  constructor(private readonly options: RunManagerOptions) {}

  /** Starts a search; resolves with its run directory once the runner has created it. */
  async start(run: SearchInvocation): Promise<string> {
    const runsFolder = resolve(run.runsFolder);
    mkdirSync(runsFolder, { recursive: true });
    const before = new Set(readdirSync(runsFolder));
    const args = searchArgs(this.options.cli, { ...run, runsFolder });
    return this.launch(
      runKey(run.file, run.search),
      run.search,
      args,
      dirname(run.file),
      run.runner,
      (line) => findNewRunDirectory(runsFolder, before, line),
    );
  }

  /** Continues a run where it stopped; resolves once the runner has started again. */
  async resume(runDir: string, runner: RunnerOptions): Promise<string> {
    const dir = resolve(runDir);
    const manifest = readManifest(runPaths(dir));
    return this.launch(
      runKey(manifest.file, manifest.search),
      manifest.search,
      resumeArgs(this.options.cli, dir, runner),
      dir,
      runner,
      () => dir,
    );
  }

  /** Asks a run to stop; false when it is not running here. */
  stop(runDir: string): boolean {
    const run = this.active.get(resolve(runDir));
    if (!run) return false;
    if (!run.stopRequested) {
      run.stopRequested = true;
      run.child.kill("SIGINT");
      run.killTimer = setTimeout(() => run.child.kill("SIGTERM"), this.options.stopGraceMs ?? STOP_GRACE_MS);
    }
    return true;
  }

  isRunning(runDir: string): boolean {
    return this.active.has(resolve(runDir));
  }

  /** Interrupts every runner (when the server exits): each stops cleanly and stays resumable. */
  stopAll(): void {
    for (const child of this.children) child.kill("SIGINT");
  }

  private async launch(
    key: string,
    search: string,
    args: string[],
    cwd: string,
    runner: RunnerOptions,
    locate: (runStartedLine: string) => string | undefined,
  ): Promise<string> {
    if (this.busy.has(key))
      throw new Error(`search ${search} of ${key.split("\0")[0]} is already running: stop it first`);
    this.busy.add(key);
    const notify = this.options.notify;
    const child = spawn(this.options.execPath ?? process.execPath, args, {
      cwd,
      env: runnerEnv(this.options.env ?? process.env, runner, process.versions.electron !== undefined),
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.children.add(child);
    return new Promise<string>((resolveStart, rejectStart) => {
      let run: ActiveRun | undefined;
      /** The run directory could not be told: the runner is being stopped, its events not relayed. */
      let lost = false;
      let stderr = "";
      const where = (): string | null => run?.runDir ?? null;
      const exited = watchRunner(child, {
        event: (event, line) => {
          if (!run && !lost) {
            const runDir = event.type === "run-started" ? locate(line) : undefined;
            if (runDir === undefined) {
              lost = true;
              notify.log(
                null,
                search,
                "error",
                `could not tell which run directory the runner writes (first event: ${line}); stopping it`,
              );
              child.kill("SIGINT");
            } else {
              run = { runDir, child, stopRequested: false };
              this.active.set(runDir, run);
              resolveStart(runDir);
            }
          }
          if (run) notify.event(run.runDir, event);
        },
        invalid: (line, error) =>
          notify.log(
            where(),
            search,
            "warning",
            `dropped a runner output line that is not a valid event (${error}): ${line}`,
          ),
        stderr: (line) => {
          stderr = `${stderr}${line}\n`.slice(-STDERR_KEPT);
          notify.log(where(), search, "info", line);
        },
      });
      void exited.then(({ code, signal, error }) => {
        this.children.delete(child);
        this.busy.delete(key);
        if (run) {
          clearTimeout(run.killTimer);
          this.active.delete(run.runDir);
          notify.ended(run.runDir, { code, signal, stopped: run.stopRequested });
        } else {
          const why =
            error ??
            (stderr.trim() ||
              `the runner ended (${signal ?? `exit code ${code}`}) before it started the run`);
          rejectStart(new Error(why));
        }
      });
    });
  }
}

function runKey(file: string, search: string): string {
  return `${resolve(file)}\0${search}`;
}
