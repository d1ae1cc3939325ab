/**
 * One test file's VS Code: a sandbox, code-server and a browser page, torn down in reverse order
 * even when a step failed, leaving code-server's and the page's logs beside the screenshots.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startCodeServer } from "./codeServer";
import type { CodeServer, CodeServerOptions } from "./codeServer";
import { createSandbox } from "./sandbox";
import type { Sandbox } from "./sandbox";
import { launchBrowser } from "./workbench";
import type { Browser } from "./workbench";

export interface Session {
  readonly sandbox: Sandbox;
  readonly server: CodeServer;
  readonly browser: Browser;
}

export async function startSession(name: string, options: CodeServerOptions = {}): Promise<Session> {
  const sandbox = await createSandbox(name);
  let server: CodeServer | undefined;
  try {
    server = await startCodeServer(sandbox, options);
    const browser = await launchBrowser(sandbox);
    return { sandbox, server, browser };
  } catch (error) {
    await server?.stop();
    await sandbox.dispose();
    throw error;
  }
}

/** Saves the logs into `artifactsDir`, then closes the browser, stops code-server and removes the sandbox. */
export async function endSession(session: Session | undefined, artifactsDir: string): Promise<void> {
  if (!session) return;
  const { sandbox, server, browser } = session;
  try {
    await browser.close();
  } finally {
    await server.stop();
    await writeFile(join(artifactsDir, "code-server.log"), server.output());
    await writeFile(join(artifactsDir, "browser-console.log"), browser.console.join("\n"));
    await sandbox.dispose();
  }
}
