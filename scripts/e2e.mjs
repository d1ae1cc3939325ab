// End-to-end tests in a real VS Code, offline: code-server 4.100.3 (VS Code 1.100.3) on this Node,
// driven by Debian's Chromium through playwright-core (see test/e2e/README.md).
//
//   npm run test:e2e                      all of test/e2e/*.e2e.ts
//   npm run test:e2e -- test/e2e/workbench.e2e.ts
//
// Installs what is missing (Debian packages when run as root; code-server into its own cache,
// never into the project's node_modules), builds the bundles, runs node's test runner on the
// scenarios in a process group of its own, and ends every process group the tests started, also
// when they fail or are interrupted. Screenshots and logs: test-artifacts/e2e/.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";

const CODE_SERVER_VERSION = "4.100.3";
// code-server's @vscode/ripgrep downloads this archive unless it is already in its cache folder;
// Debian's rg is the same ripgrep 13.0.0.
const RIPGREP_CACHE = "vscode-ripgrep-cache-1.15.11";
const RIPGREP_ARCHIVE = "ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz";
const SYSTEM_PACKAGES = { chromium: "/usr/bin/chromium", ripgrep: "/usr/bin/rg" };
// Only needed to build code-server's native modules (kerberos), so only for a cold install.
const BUILD_PACKAGES = { "libkrb5-dev": "/usr/include/krb5.h" };

const cacheRoot = process.env.E2E_CACHE ?? join(homedir(), ".cache", "supernet-e2e");
const codeServerDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const codeServerEntry = join(codeServerDir, "node_modules/code-server/out/node/entry.js");
const installedMarker = join(codeServerDir, ".installed");

const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[e2e] ${message}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`})`,
    );
  }
}

/** Installs the Debian packages whose marker file is missing (apt-get, as root), or explains. */
function ensurePackages(packages) {
  const missing = Object.entries(packages)
    .filter(([, file]) => !existsSync(file))
    .map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(" ")} (sudo apt-get install ${missing.join(" ")})`,
    );
  }
  const since = Date.now();
  say(`installing ${missing.join(" ")} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], { env });
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { env });
  say(`apt-get done in ${seconds(since)}`);
}

/** code-server in its own folder, installed once; a failed install leaves nothing behind. */
function ensureCodeServer() {
  if (existsSync(installedMarker)) return;
  ensurePackages(BUILD_PACKAGES);
  const since = Date.now();
  say(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir}`);
  rmSync(codeServerDir, { recursive: true, force: true });
  const installTmp = join(codeServerDir, "tmp");
  mkdirSync(join(installTmp, RIPGREP_CACHE), { recursive: true });
  run("tar", [
    "-czf",
    join(installTmp, RIPGREP_CACHE, RIPGREP_ARCHIVE),
    "-C",
    dirname(SYSTEM_PACKAGES.ripgrep),
    "rg",
  ]);
  // A package folder of its own: code-server's postinstall runs `npm install` in lib/vscode, which
  // must not see a --prefix or --global from this install.
  writeFileSync(join(codeServerDir, "package.json"), JSON.stringify({ private: true }));
  try {
    run("npm", ["install", `code-server@${CODE_SERVER_VERSION}`, "--no-save", "--no-audit", "--no-fund"], {
      cwd: codeServerDir,
      env: {
        ...process.env,
        TMPDIR: installTmp,
        npm_config_unsafe_perm: "true", // code-server's postinstall refuses root otherwise
        npm_config_yes: "true", // node-pty's postinstall runs npx
        npm_config_build_from_source: "true", // argon2 would try a binary download first
      },
    });
    if (!existsSync(join(codeServerDir, "node_modules/code-server/lib/vscode/node_modules"))) {
      throw new Error("code-server's postinstall did not install VS Code's dependencies");
    }
  } catch (error) {
    rmSync(codeServerDir, { recursive: true, force: true });
    throw error;
  }
  rmSync(installTmp, { recursive: true, force: true });
  writeFileSync(installedMarker, `${new Date().toISOString()}\n`);
  say(`code-server installed in ${seconds(since)}`);
}

function scenarioFiles() {
  const requested = process.argv.slice(2);
  if (requested.length > 0) return requested;
  return readdirSync("test/e2e")
    .filter((name) => name.endsWith(".e2e.ts"))
    .sort()
    .map((name) => join("test/e2e", name));
}

/** Runs node's test runner in its own process group; resolves with its exit status. */
function runScenarios(files, runDir) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
    {
      stdio: "inherit",
      detached: true,
      env: { ...process.env, SUPERNET_E2E_CODE_SERVER: codeServerEntry, SUPERNET_E2E_RUN_DIR: runDir },
    },
  );
  const interrupt = (signal) => {
    say(`${signal}: stopping the tests`);
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/**
 * Ends every code-server process group a test registered and did not stop itself, and removes the
 * run's folder with any sandbox a killed test left.
 */
function cleanUp(runDir) {
  const groupsDir = join(runDir, "process-groups");
  for (const name of existsSync(groupsDir) ? readdirSync(groupsDir) : []) {
    try {
      process.kill(-Number(name), "SIGKILL");
      say(`ended process group ${name} left by a test`);
    } catch {
      // Already gone.
    }
  }
  rmSync(runDir, { recursive: true, force: true });
}

let status = 1;
const runDir = mkdtempSync(join(tmpdir(), "sn-e2e-"));
try {
  ensurePackages(SYSTEM_PACKAGES);
  ensureCodeServer();
  const since = Date.now();
  run(process.execPath, ["scripts/build.mjs"]);
  say(`bundles built in ${seconds(since)}`);
  status = await runScenarios(scenarioFiles(), runDir);
} catch (error) {
  console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
} finally {
  cleanUp(runDir);
  say(`finished in ${seconds(started)}; screenshots and logs in test-artifacts/e2e/`);
}
process.exit(status);
