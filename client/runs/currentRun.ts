/**
 * Which run the panels show by default: the run last started, resumed or opened in this session,
 * else the newest run in the workspace. Pure; `changed` is called whenever the answer changes.
 */
export class CurrentRun {
  private chosen: string | undefined;
  private newest: string | undefined;

  constructor(private readonly changed: (runDir: string | undefined) => void) {}

  get(): string | undefined {
    return this.chosen ?? this.newest;
  }

  /** A run was started, resumed or opened. */
  choose(runDir: string): void {
    this.update(() => (this.chosen = runDir));
  }

  /** The newest run in the workspace's runs folders, after a listing. */
  setNewest(runDir: string | undefined): void {
    this.update(() => (this.newest = runDir));
  }

  /** A run was deleted. */
  forget(runDir: string): void {
    this.update(() => {
      if (this.chosen === runDir) this.chosen = undefined;
      if (this.newest === runDir) this.newest = undefined;
    });
  }

  private update(change: () => void): void {
    const before = this.get();
    change();
    if (this.get() !== before) this.changed(this.get());
  }
}
