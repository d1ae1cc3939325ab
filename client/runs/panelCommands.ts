/**
 * Commands of the panels (client/panels) that run management opens: the status bar item shows
 * the curves, a finished run its Pareto front. Each takes `{ runDir }`.
 */
import type { LogOutputChannel } from "vscode";
import { commands } from "vscode";

export const PanelCommands = {
  showCurves: "supernet.showCurves",
  showPareto: "supernet.showPareto",
} as const;

/** Opens a panel on a run; a panel command that fails is logged, not thrown at the user twice. */
export async function showPanel(
  log: LogOutputChannel,
  command: (typeof PanelCommands)[keyof typeof PanelCommands],
  runDir: string,
): Promise<void> {
  try {
    await commands.executeCommand(command, { runDir });
  } catch (e) {
    log.error(`${command} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
