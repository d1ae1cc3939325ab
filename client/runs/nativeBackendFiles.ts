/**
 * Where the extension installs `@tensorflow/tfjs-node` (its global storage, outside the read-only
 * extension folder) and the npm command that installs it there. No VS Code API.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

export const TFJS_NODE_PACKAGE = "@tensorflow/tfjs-node";

export function nativeBackendFolder(globalStorage: string): string {
  return join(globalStorage, "tfjs-node");
}

/** The folder to hand the runner when tfjs-node is installed there, else undefined. */
export function installedNativeBackend(folder: string): string | undefined {
  return existsSync(join(folder, "node_modules", ...TFJS_NODE_PACKAGE.split("/"), "package.json"))
    ? folder
    : undefined;
}

/** `npm install` of tfjs-node at `version` (the range the extension was built against) into `folder`. */
export function npmInstallArgs(folder: string, version: string): string[] {
  return [
    "install",
    "--prefix",
    folder,
    "--no-audit",
    "--no-fund",
    "--omit=dev",
    `${TFJS_NODE_PACKAGE}@${version}`,
  ];
}
