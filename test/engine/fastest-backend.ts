/** The training tests run on the backend the engine would pick (wasm with its gradient kernels here). */
import { selectBackend } from "../../server/engine/backend/select";
import type { BackendSelection } from "../../server/engine/backend/select";

export function fastestBackend(): Promise<BackendSelection> {
  return selectBackend();
}
