/**
 * The page inside one of the extension's webviews, told apart by its title. VS Code hosts every
 * webview in an `iframe.webview` of one layer of the workbench, in no order that says which is
 * which; inside it, the extension's page is an iframe whose `title` is the panel's title or the
 * view's name. That inner iframe is created with its title already set, so each new frame is a
 * moment to look again.
 */
import type { Frame, Page } from "playwright-core";
import { UI_TIMEOUT_MS } from "./workbench";

/** Waits for the webview page whose title matches and returns its frame. */
export async function webviewFrame(page: Page, title: RegExp): Promise<Frame> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    // Listen before looking, so a frame attached while looking is not missed.
    const attached = page.waitForEvent("frameattached", { timeout: Math.max(deadline - Date.now(), 1) });
    const frame = await titled(page, title);
    if (frame) {
      attached.catch(() => undefined);
      return frame;
    }
    await attached.catch((error: unknown) => {
      throw new Error(`no webview titled ${title} appeared in ${UI_TIMEOUT_MS} ms`, { cause: error });
    });
  }
}

async function titled(page: Page, title: RegExp): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || frame.isDetached()) continue;
    const element = await frame.frameElement().catch(() => undefined);
    const text = await element?.getAttribute("title").catch(() => null);
    await element?.dispose();
    if (text && title.test(text)) return frame;
  }
  return undefined;
}
