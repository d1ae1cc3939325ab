/**
 * Runs the suites of test/extension inside the extension host of a real VS Code (code-server),
 * the way @vscode/test-electron's `runTests` does on a desktop: the workbench URL names the
 * runner bundle as `extensionTestsPath`, and the workbench reports the exit code to the page.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { EXTENSION_TESTS_BUNDLE } from "./harness/paths";
import { endSession, startSession } from "./harness/session";
import type { Session } from "./harness/session";
import { HOOK_OPTIONS, scenario } from "./harness/steps";
import { workbenchUrl } from "./harness/workbench";

/** How long to wait for the rest of the report after the exit code (a crashed host never sends it). */
const REPORT_TIMEOUT_MS = 30_000;

describe("extension-host tests inside code-server", () => {
  let session: Session | undefined;
  const { dir, step } = scenario("extension-host", () => session!.browser.page);

  before(async () => {
    session = await startSession("extension-host");
  }, HOOK_OPTIONS);
  after(() => endSession(session, dir), HOOK_OPTIONS);

  step("the suites of test/extension pass", async () => {
    const { page } = session!.browser;
    const report = new ExtensionHostReport();
    let exited!: (code: number) => void;
    const exitCode = new Promise<number>((resolve) => (exited = resolve));
    // The workbench calls these globals when it runs extension tests (its automation hooks); the
    // log carries what the extension host prints, node:test's report among it.
    await page.exposeFunction("codeAutomationLog", (type: string, args: unknown[]) => report.add(type, args));
    await page.exposeFunction("codeAutomationExit", (code: number) => exited(code));
    await page.goto(
      workbenchUrl(session!.server, session!.sandbox, { extensionTestsPath: EXTENSION_TESTS_BUNDLE }),
    );

    const code = await exitCode;
    const text = await report.complete();
    await writeFile(join(dir, "extension-host.log"), text);
    console.log(text);
    assert.equal(code, 0, `the extension-host tests exited with ${code} (report above)`);
  });
});

/**
 * The runner's output as the workbench relays it. node:test's reporter streams behind the tests,
 * so the exit code can arrive before the last lines: `complete` waits for the line that closes
 * the runner's top-level suite (named in test/extension/index.ts).
 */
class ExtensionHostReport {
  private readonly lines: string[] = [];
  private closed = false;
  private onClose: (() => void) | undefined;

  add(type: string, args: unknown[]): void {
    const line = args.map(String).join(" ");
    this.lines.push(type === "info" ? line : `[${type}] ${line}`);
    if (/^(not )?ok \d+ - Supernet Studio in the extension host/m.test(line)) {
      this.closed = true;
      this.onClose?.();
    }
  }

  async complete(): Promise<string> {
    if (!this.closed) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (this.onClose = resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, REPORT_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
    }
    return this.lines.join("\n");
  }
}
