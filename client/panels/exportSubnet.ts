/**
 * `Export`: writes the selected subnet as a standalone TensorFlow.js model with the weights it
 * inherits from its run's supernet, by running the bundled CLI as a child process:
 * `supernet export FILE --subnet NAME --checkpoint RUNDIR/checkpoints --out DIR`. The CLI reads
 * the subnet block from the saved file, so a subnet picked on the front is applied (and the file
 * saved) first, with the user's consent.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { ExtensionContext } from "vscode";
import { ProgressLocation, Uri, commands, window, workspace } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { Selection } from "../../protocol/panels";
import { PanelRequests } from "../../protocol/panels";
import type { RunEventsSource } from "../runs/api";
import { applySubnet } from "./applySubnet";
import { panelRequest } from "./lsp";
import { runInfo } from "./runInfo";

export interface ExportTarget {
  readonly file: string;
  readonly subnet: string;
  readonly runDir: string;
  readonly out: string;
}

/** The CLI's arguments (after the node executable). */
export function exportArguments(cli: string, target: ExportTarget): string[] {
  return [
    cli,
    "export",
    target.file,
    "--subnet",
    target.subnet,
    "--checkpoint",
    join(target.runDir, "checkpoints"),
    "--out",
    target.out,
  ];
}

const sameChoices = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

export async function exportSubnet(
  context: ExtensionContext,
  client: LanguageClient,
  runs: RunEventsSource,
  selection: Selection | undefined,
  log: (message: string) => void,
): Promise<void> {
  if (!selection) {
    void window.showInformationMessage("Select a subnet first: click a point on the Pareto front.");
    return;
  }
  if (!selection.uri) {
    void window.showErrorMessage(
      "The .nas file of this subnet's run is not known, so it cannot be exported.",
    );
    return;
  }
  // The weights come from a run's trained supernet: the subnet's own run, else the current run of its space.
  const runDir = selection.origin.kind === "evaluation" ? selection.origin.runDir : runs.currentRun();
  if (
    !runDir ||
    (selection.origin.kind === "subnet" && (await runInfo(client, runDir, log)).space !== selection.space)
  ) {
    void window.showErrorMessage(
      `Export needs a trained supernet: run a search of ${selection.space} first.`,
    );
    return;
  }
  const document = await workspace.openTextDocument(Uri.parse(selection.uri));
  const subnet = await subnetInFile(client, selection);
  if (!subnet) return;
  if (document.isDirty) {
    const save = await window.showInformationMessage(
      `Export reads subnet ${subnet} from the saved file.`,
      { modal: true },
      "Save and Export",
    );
    if (save !== "Save and Export" || !(await document.save())) return;
  }
  const out = await window.showInputBox({
    title: `Export subnet ${subnet}`,
    prompt: "Folder for model.json and its weights",
    value: join(runDir, "exports", subnet),
  });
  if (!out) return;
  const args = exportArguments(context.asAbsolutePath(join("out", "cli", "supernet.js")), {
    file: document.uri.fsPath,
    subnet,
    runDir,
    out,
  });
  log(`export: ${args.join(" ")}`);
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: `Exporting subnet ${subnet}`, cancellable: true },
    (_progress, token) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        // The extension host's executable runs scripts as Node when asked to.
        const child = spawn(process.execPath, args, {
          env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        const collect = (chunk: Buffer): void => {
          output += chunk.toString();
          log(`export: ${chunk.toString().trimEnd()}`);
        };
        child.stdout.on("data", collect);
        child.stderr.on("data", collect);
        token.onCancellationRequested(() => child.kill());
        child.on("error", (e) => resolve({ code: -1, output: e.message }));
        child.on("close", (code) => resolve({ code, output }));
      }),
  );
  if (result.code === 0) {
    const reveal = await window.showInformationMessage(`Exported subnet ${subnet} to ${out}`, "Reveal");
    if (reveal) await commands.executeCommand("revealFileInOS", Uri.file(join(out, "model.json")));
    return;
  }
  const last = result.output.trim().split("\n").slice(-3).join(" ");
  void window.showErrorMessage(
    `Export failed${result.code === null ? " (cancelled)" : ""}: ${last || `exit code ${result.code}`}`,
  );
}

/** The subnet block the selection is in the file as: its own, one with the same choices, or one applied now. */
async function subnetInFile(client: LanguageClient, selection: Selection): Promise<string | undefined> {
  if (selection.origin.kind === "subnet") return selection.origin.name;
  const details = await panelRequest(client, PanelRequests.subnetDetails, {
    uri: selection.uri!,
    space: selection.space,
    choices: selection.choices,
    metrics: {},
  });
  if ("error" in details) {
    void window.showErrorMessage(`Cannot export the subnet: ${details.error}`);
    return undefined;
  }
  const same = details.details.subnets.find((s) => sameChoices(s.choices, details.details.choices));
  if (same) return same.name;
  const apply = await window.showInformationMessage(
    `Export writes a subnet block of the file: apply ${selection.label} to the source first?`,
    { modal: true },
    "Apply and Export",
  );
  return apply === "Apply and Export" ? applySubnet(client, selection) : undefined;
}
