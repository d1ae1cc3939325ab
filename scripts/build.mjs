// One esbuild script builds every bundle: extension client, language server, CLI, webviews.
import * as esbuild from "esbuild";
import { argv } from "node:process";

const watch = argv.includes("--watch");
const production = argv.includes("--production");

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
  target: "node20",
  platform: "node",
  format: "cjs",
};

// TensorFlow.js stays outside the bundles: its wasm binaries and optional native addon are
// resolved from node_modules at run time.
const nodeExternals = ["vscode", "@tensorflow/*"];

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: "client/extension.ts" },
    outdir: "out/client",
    external: nodeExternals,
  },
  { ...common, entryPoints: { server: "server/lsp/main.ts" }, outdir: "out/server", external: nodeExternals },
  { ...common, entryPoints: { supernet: "server/cli/main.ts" }, outdir: "out/cli", external: nodeExternals },

  // End-to-end tests: the extension-host test runner that VS Code loads through `extensionTestsPath`
  // (test/extension, run by scripts/e2e.mjs inside code-server).
  {
    ...common,
    entryPoints: { index: "test/extension/index.ts" },
    outdir: "out/test/extension",
    external: ["vscode"],
  },

  // Webview panels (client/panels loads them from out/webview): browser bundles, offline; the
  // graph's elkjs runs in a worker started from elk-worker.js.
  {
    ...common,
    platform: "browser",
    format: "iife",
    target: "es2022",
    entryPoints: {
      graph: "webview/graph/main.ts",
      curves: "webview/curves/main.ts",
      pareto: "webview/pareto/main.ts",
      inspector: "webview/inspector/main.ts",
      "elk-worker": "webview/graph/elkWorker.ts",
    },
    outdir: "out/webview",
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
