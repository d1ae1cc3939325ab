/**
 * Starts code-server (VS Code 1.100 for the browser) for one test file: bound to loopback, no
 * auth, offline, every per-user path in the sandbox, and in a process group of its own so that
 * stopping it also ends the extension host and the language server it started.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { codeServerEntry } from "./paths";
import type { Sandbox } from "./sandbox";

const STARTUP_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export interface CodeServer {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** The remote authority VS Code uses for files on the server: `127.0.0.1:PORT`. */
  readonly authority: string;
  /** Everything code-server printed so far (its own log and the extension host's stdout). */
  output(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Extra environment for code-server, which the extension host and its tests inherit. */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startCodeServer(
  sandbox: Sandbox,
  options: CodeServerOptions = {},
): Promise<CodeServer> {
  const port = await freeLoopbackPort();
  const authority = `127.0.0.1:${port}`;
  const config = join(sandbox.root, "code-server.yaml");
  await writeFile(config, `bind-addr: ${authority}\nauth: none\ncert: false\n`);
  const args = [
    codeServerEntry(),
    "--config",
    config,
    "--user-data-dir",
    sandbox.userData,
    "--extensions-dir",
    sandbox.extensions,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--ignore-last-opened",
  ];
  const child = spawn(process.execPath, args, {
    cwd: sandbox.workspace,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      LANG: process.env.LANG ?? "C.UTF-8",
      ...sandbox.env,
      // An empty gallery: no marketplace look-ups, nothing to download.
      EXTENSIONS_GALLERY: "{}",
      ...options.env,
    },
  });
  const pgid = child.pid!;
  const groupFile = registerGroup(pgid);
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pgid, signal);
    } catch {
      // The group is already gone.
    }
  };
  // If this test process dies without running its hooks, the group still goes with it.
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);

  let log = "";
  child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = once(child, "exit");

  const stop = async () => {
    process.removeListener("exit", onExit);
    if (child.exitCode === null && child.signalCode === null) {
      killGroup("SIGTERM");
      const timer = setTimeout(() => killGroup("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    // Children that outlived the leader (extension host, language server) go too.
    killGroup("SIGKILL");
    if (groupFile) rmSync(groupFile, { force: true });
  };

  try {
    await waitForListening(child.stdout, exited, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin: `http://${authority}`, authority, output: () => log, stop };
}

/** Resolves when code-server says it listens; rejects if it exits or takes too long. */
async function waitForListening(
  stdout: NodeJS.ReadableStream,
  exited: Promise<unknown>,
  log: () => string,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onData: (() => void) | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve) => {
        onData = () => log().includes("HTTP server listening on") && resolve();
        stdout.on("data", onData);
        onData();
      }),
      exited.then(() => Promise.reject(new Error(`code-server exited during start-up:\n${log()}`))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`code-server did not start in ${STARTUP_TIMEOUT_MS} ms:\n${log()}`)),
          STARTUP_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onData) stdout.removeListener("data", onData);
  }
}

/** Asks the kernel for a free port on loopback; code-server binds it right after. */
async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no TCP port was assigned");
  return address.port;
}

/**
 * Records the process group in the folder scripts/e2e.mjs watches, so the script can end it even
 * when this test process is killed before its own clean-up runs.
 */
function registerGroup(pgid: number): string | undefined {
  const runDir = process.env.SUPERNET_E2E_RUN_DIR;
  if (!runDir) return undefined;
  const dir = join(runDir, "process-groups");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, String(pgid));
  writeFileSync(file, "");
  return file;
}
