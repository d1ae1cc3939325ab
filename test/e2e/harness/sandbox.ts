/**
 * A private temporary root for one test file: HOME, XDG dirs, TMPDIR, VS Code's user data and
 * extensions, the browser profile and the workspace, so nothing is read from or left in the
 * user's own folders.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TINY_LINAS_NAS, tinyCsv } from "../../runs/tinySpace";
import { REPO_ROOT, WORKSPACE_FIXTURES } from "./paths";

/**
 * The tiny search that trains in seconds (test/runs' own, with LINAS so that the inspector has
 * predictions to show), as the workspace's `tiny.nas`.
 */
export const TINY = tinySearch(TINY_LINAS_NAS);

function tinySearch(text: string): { file: string; text: string; search: string; space: string } {
  const [, search, space] = /^search (\w+) on (\w+)/m.exec(text) ?? [];
  if (!search || !space) throw new Error("test/runs/tinySpace.ts has no `search … on …` block");
  return { file: "tiny.nas", text, search, space };
}

/**
 * scripts/e2e.mjs gives each run a folder it removes at the end, so a sandbox goes away even when
 * its test process was killed before its clean-up ran. Paths stay short: Chromium and VS Code put
 * Unix sockets in the sandbox, and a socket path has at most 107 bytes.
 */
function sandboxPrefix(name: string): string {
  const runDir = process.env.SUPERNET_E2E_RUN_DIR;
  return runDir ? join(runDir, `${name}-`) : join(tmpdir(), `supernet-e2e-${name}-`);
}

/** User settings that keep the first start quiet: no welcome page, tips, update or telemetry prompts. */
const USER_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off",
  // As on the desktop (the browser's default saves after a delay): an edit stays in the editor
  // until saved, so a tab's dirty mark tells whether its text differs from the file.
  "files.autoSave": "off",
};

export interface Sandbox {
  readonly root: string;
  readonly home: string;
  readonly tmp: string;
  readonly userData: string;
  readonly extensions: string;
  readonly browserProfile: string;
  /** The folder VS Code opens: the fixtures, the quick example and the tiny search with its data. */
  readonly workspace: string;
  /** Environment variables that point every per-user location into the sandbox. */
  readonly env: Readonly<Record<string, string>>;
  dispose(): Promise<void>;
}

export async function createSandbox(name: string): Promise<Sandbox> {
  const root = await mkdtemp(sandboxPrefix(name));
  const dir = (sub: string) => join(root, sub);
  const sandbox: Sandbox = {
    root,
    home: dir("home"),
    tmp: dir("tmp"),
    userData: dir("user-data"),
    extensions: dir("extensions"),
    browserProfile: dir("browser-profile"),
    workspace: dir("workspace"),
    env: {
      HOME: dir("home"),
      XDG_CONFIG_HOME: dir("home/.config"),
      XDG_DATA_HOME: dir("home/.local/share"),
      XDG_CACHE_HOME: dir("home/.cache"),
      XDG_STATE_HOME: dir("home/.local/state"),
      TMPDIR: dir("tmp"),
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
  await Promise.all(
    [sandbox.home, sandbox.tmp, sandbox.userData, sandbox.extensions, sandbox.browserProfile].map((d) =>
      mkdir(d, { recursive: true }),
    ),
  );
  await mkdir(join(sandbox.userData, "User"));
  await writeFile(join(sandbox.userData, "User/settings.json"), JSON.stringify(USER_SETTINGS, null, 2));
  await cp(WORKSPACE_FIXTURES, sandbox.workspace, { recursive: true });
  await cp(join(REPO_ROOT, "examples/quick.nas"), join(sandbox.workspace, "quick.nas"));
  await writeFile(join(sandbox.workspace, TINY.file), TINY.text);
  await writeFile(join(sandbox.workspace, "tiny.csv"), tinyCsv());
  return sandbox;
}
