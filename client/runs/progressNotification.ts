/** A progress notification that follows one run to its end; Cancel stops the run (resumable). */
import { ProgressLocation, window } from "vscode";
import type { LiveRuns } from "./liveRuns";
import { progressMessage } from "./progressText";
import { overallFraction } from "./runProgress";

export function showRunProgress(live: LiveRuns, runDir: string, title: string, stop: () => void): void {
  void window.withProgress(
    { location: ProgressLocation.Notification, title, cancellable: true },
    (progress, token) => {
      return new Promise<void>((done) => {
        let reported = 0;
        const follow = (): void => {
          const p = live.get(runDir);
          if (!p) return;
          // VS Code adds up increments: report only what was gained since the last report.
          const fraction = Math.max(reported, overallFraction(p));
          progress.report({
            message: progressMessage(p, Date.now()),
            increment: (fraction - reported) * 100,
          });
          reported = fraction;
          if (p.outcome) finish();
        };
        const subscription = live.onChange((p) => p.runDir === runDir && follow());
        const cancel = token.onCancellationRequested(() => {
          stop();
          finish();
        });
        function finish(): void {
          subscription.dispose();
          cancel.dispose();
          done();
        }
        follow();
      });
    },
  );
}
