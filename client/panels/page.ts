/**
 * A panel's HTML: the bundle's script under a nonce, and a CSP that allows nothing else — no
 * remote resources, no inline script or style; the graph's layout worker from a Blob URL only.
 * Pure: where resources live comes in through `resources`.
 */

export interface PageResources {
  /** The webview's own origin, for the CSP. */
  readonly cspSource: string;
  /** The URL of a file of the extension, by path segments. */
  uri(...path: string[]): string;
}

export interface PageOptions {
  readonly title: string;
  /** The bundle's name: out/webview/NAME.js, with media/panels/NAME.css. */
  readonly bundle: string;
  readonly body: string;
  /** `data-*` attributes of <body>. */
  readonly data?: Readonly<Record<string, string>>;
  /** The page starts a worker from a script of the bundle it fetches. */
  readonly worker?: boolean;
}

export function contentSecurityPolicy(cspSource: string, nonce: string, worker: boolean): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    ...(worker ? ["worker-src blob:", `connect-src ${cspSource}`] : []),
  ].join("; ");
}

export function pageHtml(resources: PageResources, page: PageOptions, nonce: string): string {
  const data = Object.entries(page.data ?? {})
    .map(([k, v]) => ` data-${k}="${escapeAttribute(v)}"`)
    .join("");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(resources.cspSource, nonce, page.worker ?? false)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(resources.uri("media", "panels", "common.css"))}">
<link rel="stylesheet" href="${escapeAttribute(resources.uri("media", "panels", `${page.bundle}.css`))}">
<title>${escapeAttribute(page.title)}</title>
</head>
<body${data}>
${page.body}
<script nonce="${nonce}" src="${escapeAttribute(resources.uri("out", "webview", `${page.bundle}.js`))}"></script>
</body>
</html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
