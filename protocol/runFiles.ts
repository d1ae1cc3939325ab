/** The run directory's `run.json`: what a run was asked to do, enough to resume or reproduce it. */
import { z } from "zod";

export const RUN_FORMAT_VERSION = 1;

export const runManifestSchema = z.object({
  format: z.literal(RUN_FORMAT_VERSION),
  id: z.string(),
  created: z.string(),
  /** The `.nas` file the run was started from (absolute), and its whole text at that time. */
  file: z.string(),
  text: z.string(),
  /** sha256 of `text`. */
  hash: z.string(),
  search: z.string(),
  space: z.string(),
  seed: z.number().int(),
  backend: z.string(),
  dataset: z.string(),
  versions: z.object({ supernet: z.string(), node: z.string(), tfjs: z.string() }),
  /** Where the run came from when it was imported (e.g. a DyNAS-T results file). */
  importedFrom: z.string().optional(),
});

export type RunManifest = z.infer<typeof runManifestSchema>;
