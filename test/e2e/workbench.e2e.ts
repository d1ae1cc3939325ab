/**
 * A person's first minutes with the extension in a real VS Code (code-server in Chromium): open
 * a .nas file with a mistake, see it underlined and listed in Problems, fix it by typing, see
 * Problems empty, find the extension's commands in the command palette and the code lenses
 * above a search. Each step leaves a screenshot in test-artifacts/e2e/workbench/.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { REPO_ROOT, WORKSPACE_FIXTURES } from "./harness/paths";
import { endSession, startSession } from "./harness/session";
import type { Session } from "./harness/session";
import { HOOK_OPTIONS, scenario } from "./harness/steps";
import {
  codeLens,
  commandPalette,
  dismissSuggestions,
  editorFor,
  goToLineColumn,
  languageStatus,
  openFromExplorer,
  problemRows,
  showProblems,
} from "./harness/ui";
import { openWorkbench, workbenchUrl } from "./harness/workbench";

const BROKEN = "broken.nas";
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
});
