/**
 * Registers a panel request: its params are validated against the protocol's schema (malformed
 * ones are logged and answered with an error, never acted on), and a handler's failure is logged
 * and answered, never allowed to take the server down.
 */
import type { Connection } from "vscode-languageserver";
import { ErrorCodes, ResponseError } from "vscode-languageserver";
import type { z } from "zod";
import type { RequestDef } from "../../../protocol/panels";

export function onPanelRequest<P extends z.ZodType, R extends z.ZodType>(
  connection: Connection,
  def: RequestDef<P, R>,
  handler: (params: z.infer<P>) => z.infer<R>,
): void {
  connection.onRequest(def.method, (raw: unknown) => {
    const parsed = def.params.safeParse(raw);
    if (!parsed.success) {
      const message = `${def.method}: malformed params dropped: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
      connection.console.error(message);
      return new ResponseError(ErrorCodes.InvalidParams, message);
    }
    try {
      return handler(parsed.data);
    } catch (e) {
      connection.console.error(
        `${def.method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      return new ResponseError(
        ErrorCodes.InternalError,
        `${def.method} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  });
}
