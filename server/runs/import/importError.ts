/** A problem with what is being imported; the message says what is wrong and where. */
export class ImportError extends Error {
  override readonly name = "ImportError";
}

/** Where a CSV cell is: `results.csv:12 (row 11), column "MACs"`. */
export interface CellPlace {
  readonly file: string;
  /** 1-based line of the file the record starts on (the header is line 1). */
  readonly line: number;
  /** 1-based data row (the header is not a row). */
  readonly row: number;
  readonly column?: string;
}

export function describePlace(p: CellPlace): string {
  return `${p.file}:${p.line} (row ${p.row})${p.column === undefined ? "" : `, column "${p.column}"`}`;
}
