/**
 * `Export`: writes the selected subnet as a standalone TensorFlow.js model with the weights it
 * inherits from its run's supernet, by running the bundled CLI (`supernet export`) as a child
 * process of the extension host, with progress and cancellation.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { ExtensionContext } from "vscode";
import { ProgressLocation, Uri, commands, window } from "vscode";
import type { Selection } from "../../protocol/panels";
import type { RunEventsSource } from "../runs/api";

/** The command line the panel runs: `supernet export RUNDIR --choices JSON --out DIR`. */
export function exportArguments(cli: string, runDir: string, selection: Selection, out: string): string[] {
  return [cli, "export", runDir, "--choices", JSON.stringify(selection.choices), "--out", out];
}

function exportName(selection: Selection): string {
  return selection.origin.kind === "evaluation" ? `subnet-${selection.origin.index}` : selection.origin.name;
}

export async function exportSubnet(context: ExtensionContext, runs: RunEventsSource, selection: Selection | undefined, log: (message: string) => void): Promise<void> {
  if (!selection) {
    void window.showInformationMessage("Select a subnet first: click a point on the Pareto front.");
    return;
  }
  // The weights come from a run's trained supernet: the subnet's own run, else the current run.
  const runDir = selection.origin.kind === "evaluation" ? selection.origin.runDir : runs.currentRun();
  if (!runDir) {
    void window.showErrorMessage("Export needs a trained supernet: run a search of this space first.");
    return;
  }
  const out = await window.showInputBox({ title: `Export ${selection.label}`, prompt: "Folder for model.json and its weights", value: join(runDir, "exports", exportName(selection)) });
  if (!out) return;
  const cli = context.asAbsolutePath(join("out", "cli", "supernet.js"));
  const args = exportArguments(cli, runDir, selection, out);
  log(`export: ${args.join(" ")}`);
  const result = await window.withProgress({ location: ProgressLocation.Notification, title: `Exporting ${selection.label}`, cancellable: true }, (_progress, token) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      // The extension host's executable runs scripts as Node when asked to.
      const child = spawn(process.execPath, args, { env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" }, stdio: ["ignore", "pipe", "pipe"] });
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
    const open = await window.showInformationMessage(`Exported ${selection.label} to ${out}`, "Reveal");
    if (open) await commands.executeCommand("revealFileInOS", Uri.file(join(out, "model.json")));
    return;
  }
  const last = result.output.trim().split("\n").slice(-3).join(" ");
  void window.showErrorMessage(`Export failed${result.code === null ? " (cancelled)" : ""}: ${last || `exit code ${result.code}`}`);
}
