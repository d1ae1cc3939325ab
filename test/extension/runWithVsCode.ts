/**
 * The standard @vscode/test-electron entry, for contributors who have VS Code installed: runs the
 * extension-host suites (this folder) in that VS Code instead of code-server. It never downloads
 * VS Code, so it needs the executable's path; CI runs the same suites through `npm run test:e2e`.
 *
 *   node scripts/build.mjs
 *   VSCODE_EXECUTABLE=/usr/share/code/code node --import tsx test/extension/runWithVsCode.ts
 */
import { runTests } from "@vscode/test-electron";
import { EXTENSION_TESTS_BUNDLE, REPO_ROOT } from "../e2e/harness/paths";
import { createSandbox } from "../e2e/harness/sandbox";

async function main(): Promise<void> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    console.error("Set VSCODE_EXECUTABLE to a VS Code executable (for example /usr/share/code/code).");
    process.exitCode = 2;
    return;
  }
  // The same fresh workspace and user data as the code-server run, so nothing of the
  // contributor's own VS Code (extensions, settings, open editors) takes part.
  const sandbox = await createSandbox("vscode");
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: EXTENSION_TESTS_BUNDLE,
      launchArgs: [
        sandbox.workspace,
        "--disable-extensions",
        "--disable-workspace-trust",
        "--user-data-dir",
        sandbox.userData,
        "--extensions-dir",
        sandbox.extensions,
      ],
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await sandbox.dispose();
  }
}

void main();
