/**
 * The selected subnet, shared by every panel (a click on the Pareto front shows it in the
 * inspector and over the graph); kept in the workspace state so a reload keeps it.
 */
import type { Disposable, Event, Memento } from "vscode";
import { EventEmitter } from "vscode";
import type { Selection } from "../../protocol/panels";
import { selectionSchema } from "../../protocol/panels";

const KEY = "supernet.panels.selection";

export class SelectionStore implements Disposable {
  private readonly changed = new EventEmitter<Selection | undefined>();
  readonly onDidChange: Event<Selection | undefined> = this.changed.event;
  private selection: Selection | undefined;

  constructor(private readonly memento: Memento) {
    const saved = selectionSchema.safeParse(memento.get(KEY));
    this.selection = saved.success ? saved.data : undefined;
  }

  get current(): Selection | undefined {
    return this.selection;
  }

  set(selection: Selection | undefined): void {
    this.selection = selection;
    void this.memento.update(KEY, selection);
    this.changed.fire(selection);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
