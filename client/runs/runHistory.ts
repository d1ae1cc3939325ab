/**
 * The runs on disk, as the server lists them: every workspace folder's runs folder, plus the
 * runs folders of runs started this session outside any workspace folder. No VS Code API.
 */
import type { RunSummary } from "../../protocol/runsLsp";
import type { RunsConnection } from "./runsConnection";

export class RunHistory {
  private readonly sessionFolders = new Set<string>();
  private latest: RunSummary[] = [];

  constructor(
    private readonly connection: Pick<RunsConnection, "request">,
    private readonly workspaceFolders: () => string[],
    private readonly log: (message: string) => void,
    private readonly listed: (runs: readonly RunSummary[]) => void,
  ) {}

  /** Lists a runs folder too from now on (the one a run outside the workspace went to). */
  addFolder(folder: string): void {
    this.sessionFolders.add(folder);
  }

  async list(): Promise<RunSummary[]> {
    const folders = [...new Set([...this.workspaceFolders(), ...this.sessionFolders])];
    const { runs, skipped } = await this.connection.request("listRuns", { folders });
    for (const s of skipped) this.log(`skipped ${s.dir}: ${s.reason}`);
    this.latest = runs;
    this.listed(runs);
    return runs;
  }

  /** The last listing, without asking the server again. */
  cached(): readonly RunSummary[] {
    return this.latest;
  }

  find(runDir: string): RunSummary | undefined {
    return this.latest.find((r) => r.runDir === runDir);
  }
}
