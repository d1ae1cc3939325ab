/** Panel pages in VS Code webviews: resource URLs through the webview, a fresh nonce per page. */
import { randomBytes } from "node:crypto";
import type { Webview, WebviewPanel } from "vscode";
import { Uri, ViewColumn, window } from "vscode";
import type { PageOptions, PageResources } from "./page";
import { pageHtml } from "./page";

/** The only folders a panel may load from. */
export function resourceRoots(extension: Uri): Uri[] {
  return [Uri.joinPath(extension, "out", "webview"), Uri.joinPath(extension, "media", "panels")];
}

export function webviewResources(webview: Webview, extension: Uri): PageResources {
  return {
    cspSource: webview.cspSource,
    uri: (...path) => webview.asWebviewUri(Uri.joinPath(extension, ...path)).toString(),
  };
}

export function webviewPage(webview: Webview, extension: Uri, page: PageOptions): string {
  return pageHtml(webviewResources(webview, extension), page, randomBytes(16).toString("base64"));
}

/** Gives a webview its page: scripts on, resources only from the bundle, the page's HTML. */
export function loadPage(webview: Webview, extension: Uri, page: PageOptions): void {
  webview.options = { enableScripts: true, localResourceRoots: resourceRoots(extension) };
  webview.html = webviewPage(webview, extension, page);
}

/** A panel beside the editor that keeps the focus where it was. */
export function openPanel(
  viewType: string,
  title: string,
  extension: Uri,
  retainContextWhenHidden: boolean,
): WebviewPanel {
  return window.createWebviewPanel(
    viewType,
    title,
    { viewColumn: ViewColumn.Beside, preserveFocus: true },
    { enableScripts: true, retainContextWhenHidden, localResourceRoots: resourceRoots(extension) },
  );
}
