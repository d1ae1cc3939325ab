/** Where runs go: the `supernet.runsFolder` setting, relative to a base folder unless absolute. Pure. */
import { isAbsolute, join } from "node:path";
import { DEFAULT_RUNS_FOLDER } from "../../protocol/runsLsp";

export function resolveRunsFolder(setting: string | undefined, base: string): string {
  const folder = setting?.trim() || DEFAULT_RUNS_FOLDER;
  return isAbsolute(folder) ? folder : join(base, folder);
}
