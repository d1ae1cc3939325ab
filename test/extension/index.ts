/**
 * The extension-host test runner (the `runTests` contract of @vscode/test-electron, which
 * code-server honours too): VS Code loads this bundle inside the extension host and awaits `run`.
 * The suites use node:test; its reporter prints each result to the extension host's output.
 */
import { describe } from "node:test";
import { diagnosticsSuite } from "./diagnostics.suite";
import { languageFeaturesSuite } from "./languageFeatures.suite";
import { runsSuite } from "./runs.suite";

export async function run(): Promise<void> {
  // node:test sets process.exitCode to 1 when any test or hook fails; it is the one verdict that
  // also covers failing hooks, which per-test callbacks never see.
  process.exitCode = undefined;
  // Activation is checked first: it must see the extension before any .nas file was opened.
  await describe("Supernet Studio in the extension host", () => {
    diagnosticsSuite();
    languageFeaturesSuite();
    runsSuite();
  });
  const failed = process.exitCode !== undefined && process.exitCode !== 0;
  process.exitCode = undefined;
  if (failed) throw new Error("extension-host tests failed; node:test's report above says which");
}
