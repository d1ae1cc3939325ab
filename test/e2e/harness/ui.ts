/**
 * What a person does in the workbench, as Playwright actions on VS Code 1.100's DOM. Every helper
 * waits for the UI to show the result of the action instead of sleeping.
 */
import type { Locator, Page } from "playwright-core";

export function explorerRow(page: Page, fileName: string): Locator {
  return page.locator(".explorer-folders-view .monaco-list-row", { hasText: fileName });
}

export function editorFor(page: Page, fileName: string): Locator {
  return page.locator(`.monaco-editor[data-uri$="${fileName}"]`);
}

/** Opens a file from the explorer and waits for its editor. */
export async function openFromExplorer(page: Page, fileName: string): Promise<Locator> {
  await explorerRow(page, fileName).click();
  const editor = editorFor(page, fileName);
  await editor.locator(".view-lines").waitFor();
  return editor;
}

/** A code lens of the editor, by its title. */
export function codeLens(editor: Locator, title: string): Locator {
  return editor.locator(".codelens-decoration a", { hasText: title });
}

/** The language mode shown in the status bar for the active editor. */
export function languageStatus(page: Page): Locator {
  return page.locator("#status\\.editor\\.mode");
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns it. */
export async function showProblems(page: Page): Promise<Locator> {
  await page.keyboard.press("Control+Shift+M");
  const panel = page.locator(".markers-panel");
  await panel.waitFor();
  return panel;
}

/** The Problems panel's rows: one per file with problems, then one per problem. */
export function problemRows(page: Page): Locator {
  return page.locator(".markers-panel .monaco-list-row");
}

/** Puts the cursor at a 1-based line and column of the focused editor through "Go to Line". */
export async function goToLineColumn(
  page: Page,
  editor: Locator,
  line: number,
  column: number,
): Promise<void> {
  await editor.locator(".view-lines").click();
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden" });
  await page
    .locator("#status\\.editor\\.selection")
    .filter({ hasText: `Ln ${line}, Col ${column}` })
    .waitFor();
}

/** Closes the completion list that typing opened, so it does not cover the next screenshot. */
export async function dismissSuggestions(page: Page): Promise<void> {
  await page.keyboard.press("Escape");
  await page.locator(".suggest-widget.visible").waitFor({ state: "hidden" });
}

/** Opens the command palette filtered by `query` and returns its visible rows. */
export async function commandPalette(page: Page, query: string): Promise<Locator> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(`>${query}`);
  const rows = page.locator(".quick-input-list .monaco-list-row");
  await rows.first().waitFor();
  return rows;
}
