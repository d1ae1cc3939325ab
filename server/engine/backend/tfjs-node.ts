import { createRequire } from "node:module";

const PACKAGE = "@tensorflow/tfjs-node";

/**
 * Loads the optional native backend, from this module's node_modules or from extra folders (the
 * extension can install it into its own storage). Loading registers the 'tensorflow' backend
 * with tfjs-core as a side effect; a missing package or a binary that fails to load throws.
 */
export function loadTfjsNode(searchPaths: readonly string[] = []): void {
  const resolver = createRequire(__filename);
  const entry = resolver.resolve(
    PACKAGE,
    searchPaths.length > 0 ? { paths: [...searchPaths, __dirname] } : undefined,
  );
  resolver(entry);
}

/** The first line of a loader error, which is the whole story for the usual MODULE_NOT_FOUND. */
export function loadFailureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0];
  const code = (error as { code?: unknown } | null)?.code;
  return code === "MODULE_NOT_FOUND" ? `not installed (${firstLine})` : firstLine;
}
