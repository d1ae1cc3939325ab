/** Where the end-to-end harness finds the extension, its fixtures and where it leaves artifacts. */
import { resolve } from "node:path";

/** The repository root: the extension under test (its package.json is the manifest). */
export const REPO_ROOT = resolve(__dirname, "../../..");

/** Screenshots and logs a person can look at after a run (gitignored). */
export const ARTIFACTS_DIR = resolve(REPO_ROOT, "test-artifacts/e2e");

/** Files copied into every fresh test workspace. */
export const WORKSPACE_FIXTURES = resolve(__dirname, "../fixtures/workspace");

/** The extension-host test runner bundle (the `runTests` contract), built by scripts/build.mjs. */
export const EXTENSION_TESTS_BUNDLE = resolve(REPO_ROOT, "out/test/extension/index.js");

/** The code-server entry script, installed by scripts/e2e.mjs into its cache. */
export function codeServerEntry(): string {
  const entry = process.env.SUPERNET_E2E_CODE_SERVER;
  if (!entry) {
    throw new Error("SUPERNET_E2E_CODE_SERVER is not set: run the end-to-end tests with `npm run test:e2e`.");
  }
  return entry;
}

/** Chromium from the system (Debian's package); Playwright never downloads a browser here. */
export const CHROMIUM = process.env.SUPERNET_E2E_CHROMIUM ?? "/usr/bin/chromium";
