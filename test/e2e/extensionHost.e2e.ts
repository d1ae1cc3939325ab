/**
 * Runs the suites of test/extension inside the extension host of a real VS Code (code-server),
 * the way @vscode/test-electron's `runTests` does on a desktop: the workbench URL names the
 * runner bundle as `extensionTestsPath`, and the workbench reports the exit code to the page.
 */
import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import { EXTENSION_TESTS_BUNDLE } from "./harness/paths";
import { endSession, startSession } from "./harness/session";
import type { Session } from "./harness/session";
import { scenario } from "./harness/steps";
import { workbenchUrl } from "./harness/workbench";

describe("extension-host tests inside code-server", () => {
  let session: Session | undefined;
  const { dir, step } = scenario("extension-host", () => session!.browser.page);

  before(async () => {
    session = await startSession("extension-host");
  });
  after(() => endSession(session, dir));

  step("the suites of test/extension pass", async () => {
    const { page } = session!.browser;
    const log: string[] = [];
    let exited!: (code: number) => void;
    const exitCode = new Promise<number>((resolve) => (exited = resolve));
    // The workbench calls these globals when it runs extension tests (its automation hooks).
    await page.exposeFunction("codeAutomationLog", (type: string, args: unknown[]) => {
      log.push(`[${type}] ${args.map(String).join(" ")}`);
    });
    await page.exposeFunction("codeAutomationExit", (code: number) => exited(code));
    await page.goto(workbenchUrl(session!.server, session!.sandbox, { extensionTestsPath: EXTENSION_TESTS_BUNDLE }));

    const code = await exitCode;
    const report = extensionHostReport(session!);
    console.log(report);
    assert.equal(code, 0, `the extension-host tests exited with ${code}:\n${report}\n${log.join("\n")}`);
  });
});

/** What the extension host printed (node:test's report among it), as code-server relayed it. */
function extensionHostReport(session: Session): string {
  return session.browser.console.filter((line) => line.includes("Extension Host")).join("\n");
}
