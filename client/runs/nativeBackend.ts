/**
 * `Supernet: Install Native Backend`: with the user's consent, npm installs `@tensorflow/tfjs-node`
 * into the extension's global storage; runs started afterwards are told where it is.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createInterface } from "node:readline";
import type { CancellationToken, ExtensionContext, LogOutputChannel, Progress } from "vscode";
import { ProgressLocation, window } from "vscode";
import {
  TFJS_NODE_PACKAGE,
  installedNativeBackend,
  nativeBackendFolder,
  npmInstallArgs,
} from "./nativeBackendFiles";

export class NativeBackend {
  private readonly folder: string;

  constructor(
    private readonly context: ExtensionContext,
    private readonly log: LogOutputChannel,
  ) {
    this.folder = nativeBackendFolder(context.globalStorageUri.fsPath);
  }

  /** The folder to hand runs when tfjs-node is installed there. */
  path(): string | undefined {
    return installedNativeBackend(this.folder);
  }

  async install(): Promise<void> {
    const choice = await window.showInformationMessage(
      "Install the native TensorFlow backend?",
      {
        modal: true,
        detail: `npm will install ${TFJS_NODE_PACKAGE}, which downloads the TensorFlow C library (a few hundred MB), into ${this.folder}. Runs then train on it, usually several times faster than on the WebAssembly backend.`,
      },
      "Install",
    );
    if (choice !== "Install") return;
    mkdirSync(this.folder, { recursive: true });
    const args = npmInstallArgs(this.folder, this.version());
    this.log.info(`npm ${args.join(" ")}`);
    const code = await window.withProgress(
      {
        location: ProgressLocation.Notification,
        title: `Installing ${TFJS_NODE_PACKAGE}`,
        cancellable: true,
      },
      (progress, token) => this.runNpm(args, progress, token),
    );
    if (code === 0 && this.path()) {
      void window.showInformationMessage(
        `${TFJS_NODE_PACKAGE} is installed: runs started from now on use it (with the backend setting on auto or node).`,
      );
    } else {
      const show = await window.showErrorMessage(
        `Installing ${TFJS_NODE_PACKAGE} did not succeed; runs keep using the WebAssembly or CPU backend.`,
        "Show Log",
      );
      if (show) this.log.show();
    }
  }

  /** The version range the extension was built against, from its manifest. */
  private version(): string {
    const manifest = this.context.extension.packageJSON as { optionalDependencies?: Record<string, unknown> };
    const range = manifest.optionalDependencies?.[TFJS_NODE_PACKAGE];
    return typeof range === "string" ? range : "latest";
  }

  private runNpm(
    args: string[],
    progress: Progress<{ message?: string }>,
    token: CancellationToken,
  ): Promise<number | null> {
    return new Promise((resolve) => {
      // npm is a .cmd script on Windows, which only a shell runs.
      const child = spawn("npm", args, {
        cwd: this.folder,
        shell: process.platform === "win32",
        stdio: ["ignore", "pipe", "pipe"],
      });
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on("line", (line) => {
          this.log.info(`npm: ${line}`);
          if (line.trim()) progress.report({ message: line.trim().slice(0, 120) });
        });
      }
      const cancel = token.onCancellationRequested(() => child.kill());
      child.once("error", (e) => {
        this.log.error(`could not run npm (${e.message}); is Node.js with npm installed and on the PATH?`);
        cancel.dispose();
        resolve(null);
      });
      child.once("close", (code) => {
        cancel.dispose();
        resolve(code);
      });
    });
  }
}
