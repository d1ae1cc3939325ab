/**
 * A person's first minutes with the extension in a real VS Code (code-server in Chromium): open
 * a .nas file with a mistake, see it underlined and listed in Problems, fix it by typing, see
 * Problems empty, find the extension's commands in the command palette and the code lenses
 * above a search. Then the whole loop of a search on the tiny space: Run Search from its code
 * lens, watch the training curves fill, open the finished run's Pareto front, click a point and
 * see its choices in the inspector, apply it to the source with no new problem, and undo back to
 * the file as it was. Each step leaves a screenshot in test-artifacts/e2e/workbench/.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import type { Frame } from "playwright-core";
import { REPO_ROOT, WORKSPACE_FIXTURES } from "./harness/paths";
import { endSession, startSession } from "./harness/session";
import type { Session } from "./harness/session";
import { evaluationEvent, finishedEvent, onlyRunEvents } from "./harness/runs";
import { TINY } from "./harness/sandbox";
import { HOOK_OPTIONS, scenario } from "./harness/steps";
import {
  codeLens,
  commandPalette,
  dismissSuggestions,
  editorFor,
  editorTab,
  goToLineColumn,
  languageStatus,
  lineNumber,
  notificationButton,
  openFromExplorer,
  problemRows,
  quickInput,
  renderedText,
  showProblems,
  statusBarItem,
} from "./harness/ui";
import { webviewFrame } from "./harness/webviews";
import { formatValue } from "../../webview/shared/format";
import { openWorkbench, workbenchUrl } from "./harness/workbench";

const BROKEN = "broken.nas";
/** The run's status bar item: the extension's id and the item's (client/runs/statusBar.ts). */
const RUN_STATUS_ITEM = "supernet-studio.supernet-studio.supernet.run";
const TYPO = "strid";

/** The palette titles of the manifest's Supernet commands: all, and those the palette always shows. */
function manifestPaletteTitles(): { always: string[]; all: string[] } {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as Manifest;
  const conditional = new Set(
    (manifest.contributes.menus?.commandPalette ?? []).map((entry) => entry.command),
  );
  const commands = manifest.contributes.commands.filter((c) => c.category === "Supernet");
  const title = (c: ManifestCommand) => `${c.category}: ${c.title}`;
  return { always: commands.filter((c) => !conditional.has(c.command)).map(title), all: commands.map(title) };
}

interface ManifestCommand {
  readonly command: string;
  readonly title: string;
  readonly category?: string;
}

interface Manifest {
  readonly contributes: {
    readonly commands: readonly ManifestCommand[];
    readonly menus?: { readonly commandPalette?: readonly { readonly command: string }[] };
  };
}

/** 1-based line and column just after the misspelled argument in the fixture. */
function endOfTypo(): { line: number; column: number } {
  const lines = readFileSync(join(WORKSPACE_FIXTURES, BROKEN), "utf8").split("\n");
  const line = lines.findIndex((text) => text.includes(`${TYPO}:`));
  assert.ok(line >= 0, `the fixture ${BROKEN} contains "${TYPO}:"`);
  return { line: line + 1, column: lines[line].indexOf(`${TYPO}:`) + TYPO.length + 1 };
}

describe("the workbench with Supernet Studio", () => {
  let session: Session | undefined;
  const page = () => session!.browser.page;
  const runStatus = () => statusBarItem(page(), RUN_STATUS_ITEM);
  const { dir, step } = scenario("workbench", page);

  before(async () => {
    session = await startSession("workbench");
  }, HOOK_OPTIONS);
  after(() => endSession(session, dir), HOOK_OPTIONS);

  step("the workspace opens with the extension loaded from the checkout", async () => {
    await openWorkbench(page(), workbenchUrl(session!.server, session!.sandbox));
    await page().locator(".explorer-folders-view .monaco-list-row", { hasText: BROKEN }).waitFor();
    assert.match((await page().title()) ?? "", /Extension Development Host/);
  });

  step("a .nas file with a mistake shows an error squiggle", async () => {
    const editor = await openFromExplorer(page(), BROKEN);
    await languageStatus(page()).filter({ hasText: "NAS search space" }).waitFor();
    const squiggles = editor.locator(".squiggly-error");
    await squiggles.first().waitFor();
    assert.equal(await squiggles.count(), 1);
  });

  step("the Problems panel lists the error", async () => {
    await showProblems(page());
    const error = problemRows(page()).filter({ hasText: `no argument \`${TYPO}\`` });
    await error.waitFor();
    const { line } = endOfTypo();
    assert.match(await error.innerText(), new RegExp(`Ln ${line}, Col \\d+`));
    // The file's row and the error's row: nothing else is reported.
    assert.equal(await problemRows(page()).count(), 2);
  });

  step("typing the fix clears the squiggle and the Problems panel", async () => {
    const editor = editorFor(page(), BROKEN);
    const { line, column } = endOfTypo();
    await goToLineColumn(page(), editor, line, column);
    await page().keyboard.type("e");
    await editor.locator(".view-lines", { hasText: "stride: 2) bn relu" }).waitFor();
    await editor.locator(".squiggly-error").first().waitFor({ state: "detached" });
    await problemRows(page()).first().waitFor({ state: "detached" });
    await page().locator(".markers-panel", { hasText: "No problems have been detected" }).waitFor();
    await dismissSuggestions(page());
  });

  step("the command palette lists the Supernet commands", async () => {
    const rows = await commandPalette(page(), "Supernet:");
    await rows.filter({ hasText: "Supernet: Run Search" }).waitFor();
    const shown = (await rows.allInnerTexts())
      .map((text) => text.split("\n")[0].trim())
      .filter((t) => t.startsWith("Supernet:"));
    const { always, all } = manifestPaletteTitles();
    // Run Search is listed only for a .nas editor, which is the active one here.
    for (const title of [...always, "Supernet: Run Search"])
      assert.ok(shown.includes(title), `${title} in ${shown.join(" | ")}`);
    for (const title of shown) assert.ok(all.includes(title), `${title} is a command of the manifest`);
  });

  step("a search block shows the Run Search code lens", async () => {
    await page().keyboard.press("Escape");
    const editor = await openFromExplorer(page(), "quick.nas");
    await codeLens(editor, "Run Search").waitFor();
    await codeLens(editor, "Show Supernet").waitFor();
  });

  step("Run Search on the tiny search starts a run in the status bar", async () => {
    const editor = await openFromExplorer(page(), TINY.file);
    await codeLens(editor, "Run Search").click();
    await runStatus()
      .filter({ hasText: `${TINY.search}:` })
      .waitFor();
  });

  step("the status bar opens the training curves, which receive the run's points", async () => {
    await runStatus().click();
    const curves = await webviewFrame(page(), /Curves/);
    // Every step the run reported and all of its epochs: `N steps · E/E epochs`.
    await curves.locator("#received", { hasText: /^[1-9]\d* steps · (\d+)\/\1 epochs$/ }).waitFor();
    await curves.locator("#loss canvas").waitFor();
  });

  step("the finished run's notification opens its Pareto front", async () => {
    await runStatus()
      .filter({ hasText: `${TINY.search}: finished` })
      .waitFor();
    await notificationButton(page(), `Search ${TINY.search} finished`, "Show Pareto Front").click();
    const pareto = await webviewFrame(page(), /Pareto/);
    const finished = finishedEvent(onlyRunEvents(session!.sandbox.workspace));
    await pareto.locator("#summary", { hasText: `${finished.evaluations} evaluated` }).waitFor();
    const rows = pareto.locator("#front-rows tr");
    await rows.first().waitFor();
    const shown = (
      await rows.evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.index)))
    ).sort((a, b) => a - b);
    assert.deepEqual(
      shown,
      finished.front.slice().sort((a, b) => a - b),
      "the table lists the run's front",
    );
  });

  step("clicking a point of the front shows its choices in the inspector", async () => {
    const pareto = await webviewFrame(page(), /Pareto/);
    // The front's latest evaluation: after LINAS's first population, so it has a prediction.
    const index = Math.max(...finishedEvent(onlyRunEvents(session!.sandbox.workspace)).front);
    const row = pareto.locator(`#front-rows tr[data-index="${index}"]`);
    await row.click();
    await pareto.locator(`#front-rows tr.selected[data-index="${index}"]`).waitFor();

    const inspector = await webviewFrame(page(), /Subnet Inspector/);
    await inspector.locator("#title", { hasText: new RegExp(`^#${index} of `) }).waitFor();
    const evaluation = evaluationEvent(onlyRunEvents(session!.sandbox.workspace), index);
    assert.deepEqual(await inspectorChoices(inspector), evaluation.choices);
    // What LINAS predicted, beside what was measured (the first population has no prediction).
    const predicted = evaluation.predicted?.accuracy;
    if (predicted === undefined) assert.ok(await inspector.locator("#predicted-head").isHidden());
    else
      await inspector
        .locator("#metrics tr", { hasText: "accuracy" })
        .locator("td.predicted", { hasText: formatValue("accuracy", predicted) })
        .waitFor();
    // The view is short: bring its choices into the screenshot.
    await inspector.locator("#choices").scrollIntoViewIfNeeded();
  });

  step("Apply to source writes the subnet block with no new problem", async () => {
    const inspector = await webviewFrame(page(), /Subnet Inspector/);
    await inspector.locator("#apply:not([disabled])").click();
    const input = quickInput(page());
    await input.waitFor();
    const name = await input.inputValue();
    assert.match(name, /^pareto_\w+$/, "the suggested name");
    await page().keyboard.press("Enter");

    const editor = editorFor(page(), TINY.file);
    await editor.locator(".view-lines", { hasText: `subnet ${name} of ${TINY.space} {` }).waitFor();
    await editorTab(page(), TINY.file).and(page().locator(".dirty")).waitFor();
    // The server publishes a text's diagnostics before it answers for that text's code lenses,
    // so once the new block's lens shows, Problems has what it will get for the edit.
    await codeLens(editor, "Show in Graph").waitFor();
    await showProblems(page());
    await page().locator(".markers-panel", { hasText: "No problems have been detected" }).waitFor();
    assert.equal(await problemRows(page()).count(), 0);
    assert.equal(await editor.locator(".squiggly-error, .squiggly-warning").count(), 0);
  });

  step("undo in the editor brings the file back exactly as it was", async () => {
    const editor = editorFor(page(), TINY.file);
    const tab = editorTab(page(), TINY.file);
    await tab.click();
    await page().keyboard.press("Control+Z");
    await editor.locator(".view-lines", { hasText: "subnet pareto_" }).waitFor({ state: "detached" });
    // Back at the saved version: nothing left to save.
    await tab.and(page().locator(".dirty")).waitFor({ state: "detached" });
    await page().keyboard.press("Control+Home");
    // The gutter and the lines are drawn together: once the first and last line numbers show,
    // the whole file is on screen.
    const lines = TINY.text.split("\n").length;
    for (const line of [1, lines]) await lineNumber(editor, line).waitFor();
    assert.equal(await renderedText(editor), TINY.text);
    assert.equal(readFileSync(join(session!.sandbox.workspace, TINY.file), "utf8"), TINY.text);
  });
});

/** The inspector's choices as `path → value`, leaving out genes this subnet does not use. */
async function inspectorChoices(inspector: Frame): Promise<Record<string, number>> {
  const rows = await inspector
    .locator("#choices tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? "")));
  return Object.fromEntries(
    rows.filter(([, value]) => value !== "—").map(([path, value]) => [path, Number(value)]),
  );
}
