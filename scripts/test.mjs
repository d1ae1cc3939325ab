// Runs the test suite with node's test runner (TypeScript through tsx) after a fresh build,
// because the protocol and CLI tests drive the real bundles, then the end-to-end tests in a real
// VS Code (scripts/e2e.mjs; SUPERNET_SKIP_E2E=1 leaves them out). `npm test -- test/language`
// runs a subset, without the end-to-end tests.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function collect(path, out) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) collect(join(path, entry), out);
  } else if (path.endsWith(".test.ts")) {
    out.push(path);
  }
  return out;
}

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ["test"]).flatMap((r) => collect(r, []));
const build = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], {
  stdio: "inherit",
});
if (run.status !== 0) process.exit(run.status ?? 1);
if (roots.length === 0 && process.env.SUPERNET_SKIP_E2E !== "1") {
  const e2e = spawnSync(process.execPath, ["scripts/e2e.mjs"], { stdio: "inherit" });
  process.exit(e2e.status ?? 1);
}
