/**
 * Commands the language server puts in code lenses and the extension implements. Declared once
 * here so both sides agree on ids and argument shapes.
 */

/** `▶ Run Search` above a `search` block. */
export interface RunSearchArgs {
  readonly uri: string;
  readonly search: string;
}

/** `Show Supernet` above a `search` block / space. */
export interface ShowGraphArgs {
  readonly uri: string;
  readonly space: string;
}

/** `Show in Graph` above a `subnet` block. */
export interface ShowInGraphArgs {
  readonly uri: string;
  readonly space: string;
  readonly subnet: string;
}

export const Commands = {
  runSearch: "supernet.runSearch",
  showGraph: "supernet.showGraph",
  showInGraph: "supernet.showInGraph",
} as const;

export interface CommandArgs {
  readonly [Commands.runSearch]: RunSearchArgs;
  readonly [Commands.showGraph]: ShowGraphArgs;
  readonly [Commands.showInGraph]: ShowInGraphArgs;
}
