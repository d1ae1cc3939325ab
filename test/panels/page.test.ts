import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { contentSecurityPolicy, pageHtml } from "../../client/panels/page";
import { CURVES_BODY, GRAPH_BODY, INSPECTOR_BODY, PARETO_BODY } from "../../client/panels/pages";

const resources = {
  cspSource: "https://file+.vscode-resource.vscode-cdn.net",
  uri: (...path: string[]) => `https://ext/${path.join("/")}`,
};

describe("panel pages", () => {
  test("load only the bundle's script, under the page's nonce, and the bundle's styles", () => {
    const html = pageHtml(
      resources,
      {
        title: "G",
        bundle: "graph",
        body: GRAPH_BODY,
        worker: true,
        data: { worker: "https://ext/out/webview/elk-worker.js" },
      },
      "N0NCE",
    );
    assert.deepEqual(
      [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]),
      [' nonce="N0NCE" src="https://ext/out/webview/graph.js"'],
    );
    assert.deepEqual(
      [...html.matchAll(/<link[^>]*href="([^"]+)"/g)].map((m) => m[1]),
      ["https://ext/media/panels/common.css", "https://ext/media/panels/graph.css"],
    );
    assert.match(html, /<body data-worker="https:\/\/ext\/out\/webview\/elk-worker.js">/);
    assert.ok(!/ style=/.test(html), "no inline styles");
  });

  test("a CSP that allows nothing but the bundle: no inline code, no eval, no remote hosts; workers from blobs for the graph only", () => {
    const csp = contentSecurityPolicy(resources.cspSource, "N", false);
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-N'(;|$)/);
    assert.ok(!/unsafe-(inline|eval)/.test(csp));
    assert.ok(!/worker-src|connect-src/.test(csp));
    assert.deepEqual([...new Set(csp.match(/https?:\/\/[^\s;]+/g))], [resources.cspSource]);
    assert.match(
      contentSecurityPolicy(resources.cspSource, "N", true),
      /worker-src blob:; connect-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net$/,
    );
  });

  test("every element a webview bundle looks up is in its page", () => {
    const bodies: Record<string, string> = {
      graph: GRAPH_BODY,
      curves: CURVES_BODY,
      pareto: PARETO_BODY,
      inspector: INSPECTOR_BODY,
    };
    for (const [panel, body] of Object.entries(bodies)) {
      const dir = join("webview", panel);
      const source = readdirSync(dir)
        .map((f) => readFileSync(join(dir, f), "utf8"))
        .join("\n");
      const wanted = [...source.matchAll(/byId(?:<[^>]+>)?\("([^"]+)"\)/g)].map((m) => m[1]);
      assert.ok(wanted.length > 0, panel);
      for (const id of wanted) assert.match(body, new RegExp(`id="${id}"`), `${panel} needs #${id}`);
    }
  });
});
