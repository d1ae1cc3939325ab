/** Which `search` block a Run Search from the command palette means: the one at the cursor. Pure. */
import { parse } from "../../language/parser";

export interface SearchesAt {
  /** The named search block that contains `offset`, if any. */
  readonly atCursor: string | null;
  /** Every named search block, in source order. */
  readonly all: string[];
}

export function searchesAt(text: string, offset: number): SearchesAt {
  const searches = parse(text).items.flatMap((item) =>
    item.kind === "search" && item.name ? [{ name: item.name.name, start: item.start, end: item.end }] : [],
  );
  const around = searches.find((s) => s.start <= offset && offset <= s.end);
  return { atCursor: around?.name ?? null, all: searches.map((s) => s.name) };
}
