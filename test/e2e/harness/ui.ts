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

/** A file's editor tab; it has the class `dirty` while the file has unsaved changes. */
export function editorTab(page: Page, fileName: string): Locator {
  return page.locator(`.tabs-container .tab[data-resource-name="${fileName}"]`);
}

/**
 * The text of the editor's rendered lines, top to bottom: the whole file when it fits in the
 * viewport and the editor is scrolled to the top. Monaco renders spaces as no-break spaces.
 */
export async function renderedText(editor: Locator): Promise<string> {
  const lines = await editor
    .locator(".view-lines .view-line")
    .evaluateAll((els) =>
      els.map((el) => ({ top: parseFloat((el as HTMLElement).style.top), text: el.textContent ?? "" })),
    );
  return lines
    .sort((a, b) => a.top - b.top)
    .map((line) => line.text.replace(/\u00a0/g, " "))
    .join("\n");
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

/** Opens the Problems panel (Ctrl+Shift+M, which would close it if it were showing) and returns it. */
export async function showProblems(page: Page): Promise<Locator> {
  const panel = page.locator(".markers-panel");
  if (!(await panel.isVisible())) await page.keyboard.press("Control+Shift+M");
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
  const input = quickInput(page);
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
  const input = quickInput(page);
  await input.waitFor();
  await input.fill(`>${query}`);
  const rows = page.locator(".quick-input-list .monaco-list-row");
  await rows.first().waitFor();
  return rows;
}

/** A line number in the editor's gutter, shown while that line is on screen. */
export function lineNumber(editor: Locator, line: number): Locator {
  return editor.locator(".margin-view-overlays .line-numbers", { hasText: new RegExp(`^${line}$`) });
}

/** A status bar item by its id: `<extension id>.<the id given to createStatusBarItem>`. */
export function statusBarItem(page: Page, id: string): Locator {
  return page.locator(`.statusbar-item[id="${id}"]`);
}

/** A button of the notification toast whose message contains `message`. */
export function notificationButton(page: Page, message: string, button: string): Locator {
  return page.locator(".notification-toast", { hasText: message }).getByRole("button", { name: button });
}

/** The quick input's text box (command palette, input boxes such as a name to give). */
export function quickInput(page: Page): Locator {
  return page.locator(".quick-input-widget input");
}
