/**
 * The arguments commands receive from code lenses, tree items and other extensions' calls,
 * validated: they cross a boundary, so a malformed one is ignored (the command then asks).
 */
import { z } from "zod";
import type { RunSearchArgs } from "../../protocol/commands";

const runSearchArgs = z.object({ uri: z.string(), search: z.string().min(1) });
const runDirArg = z.object({ runDir: z.string().min(1) });

export function runSearchArgsOf(arg: unknown): RunSearchArgs | undefined {
  const r = runSearchArgs.safeParse(arg);
  return r.success ? r.data : undefined;
}

/** A run summary (a Runs view item) or `{ runDir }`. */
export function runDirOf(arg: unknown): string | undefined {
  const r = runDirArg.safeParse(arg);
  return r.success ? r.data.runDir : undefined;
}
