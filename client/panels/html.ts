/** Panel pages in VS Code webviews: resource URLs through the webview, a fresh nonce per page. */
import { randomBytes } from "node:crypto";
import type { Webview } from "vscode";
import { Uri } from "vscode";
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
