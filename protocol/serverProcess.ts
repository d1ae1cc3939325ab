/**
 * How the language server's Node process is started, shared by the extension and the tests so
 * that both measure and run the same thing.
 *
 * V8 by default lets the heap grow to several times what is live before a full collection; each
 * re-check of a large `.nas` file leaves a megabyte or two of short-lived analysis behind, so the
 * server's memory would climb to 2–3× its live size. A smaller growth step and young generation
 * keep it near the live size, at a small cost in collection time (docs/benchmarks.md).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ["--heap-growing-percent=30", "--max-semi-space-size=4"];
