/**
 * Debian's Chromium, driven by playwright-core, showing the code-server workbench with the
 * extension loaded unpacked from this checkout (`extensionDevelopmentPath`), optionally running
 * the extension-host tests (`extensionTestsPath`).
 */
import { chromium } from "playwright-core";
import type { BrowserContext, Page } from "playwright-core";
import type { CodeServer } from "./codeServer";
import { CHROMIUM, REPO_ROOT } from "./paths";
import type { Sandbox } from "./sandbox";

/** Generous: the CI machine has two cores and the first load compiles the whole workbench. */
export const UI_TIMEOUT_MS = 60_000;

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The page's console, which includes what the extension host logs. */
  readonly console: string[];
  close(): Promise<void>;
}

export async function launchBrowser(sandbox: Sandbox): Promise<Browser> {
  const context = await chromium.launchPersistentContext(sandbox.browserProfile, {
    executablePath: CHROMIUM,
    headless: true,
    // Chromium keeps crash reports and settings under HOME/XDG: the sandbox's, not the user's.
    env: { ...process.env, ...sandbox.env },
    viewport: { width: 1280, height: 800 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  const messages: string[] = [];
  page.on("console", (message) => messages.push(`[${message.type()}] ${message.text()}`));
  page.on("pageerror", (error) => messages.push(`[pageerror] ${error.message}`));
  return { context, page, console: messages, close: () => context.close() };
}

export interface WorkbenchUrlOptions {
  /** Absolute path of an extension-host test runner bundle to run in the extension host. */
  readonly extensionTestsPath?: string;
}

/** The workbench URL that opens the sandbox's workspace with this checkout loaded unpacked. */
export function workbenchUrl(
  server: CodeServer,
  sandbox: Sandbox,
  options: WorkbenchUrlOptions = {},
): string {
  const remote = (path: string) => `vscode-remote://${server.authority}${path}`;
  const payload: [string, string][] = [["extensionDevelopmentPath", remote(REPO_ROOT)]];
  if (options.extensionTestsPath) payload.push(["extensionTestsPath", remote(options.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: sandbox.workspace, payload: JSON.stringify(payload) });
  return `${server.origin}/?${query.toString()}`;
}

/** Navigates to the workbench and waits until the explorer lists the workspace's files. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator(".monaco-workbench").waitFor();
  await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor();
}
