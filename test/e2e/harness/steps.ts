/**
 * A UI scenario as numbered steps: each step is a node:test test that ends with a screenshot in
 * test-artifacts/e2e/<scenario>/, so a person can look at what the test saw. Steps build on each
 * other, so once one fails the rest are skipped instead of failing for the wrong reason.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { ARTIFACTS_DIR } from "./paths";

/** Each step's own limit; the waits inside it have their own (UI_TIMEOUT_MS). */
export const STEP_TIMEOUT_MS = 180_000;

/** For the before/after hooks that start and stop a scenario's VS Code. */
export const HOOK_OPTIONS = { timeout: 120_000 };

export type Step = (name: string, run: () => Promise<void>) => void;

export interface Scenario {
  /** Where this scenario's screenshots and logs go. */
  readonly dir: string;
  readonly step: Step;
}

export function scenario(name: string, page: () => Page): Scenario {
  const dir = join(ARTIFACTS_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let count = 0;
  let failedStep: string | undefined;
  const step: Step = (title, run) => {
    const file = join(dir, `${String(++count).padStart(2, "0")}-${slug(title)}`);
    test(title, { timeout: STEP_TIMEOUT_MS }, async (t) => {
      if (failedStep !== undefined) {
        t.skip(`step "${failedStep}" failed`);
        return;
      }
      try {
        await run();
      } catch (error) {
        failedStep = title;
        // The picture of a failure matters most; a page that cannot be captured must not hide the error.
        await page()
          .screenshot({ path: `${file}-FAILED.png` })
          .catch(() => undefined);
        throw error;
      }
      await page().screenshot({ path: `${file}.png` });
    });
  };
  return { dir, step };
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
