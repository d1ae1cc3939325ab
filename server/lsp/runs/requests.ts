/**
 * Registers a handler for one of the runs requests: its params are validated first (a malformed
 * request is logged and answered with an error, never acted on), and a handler's error goes back
 * to the client as the request's error, with its message.
 */
import type { Connection } from "vscode-languageserver/node";
import { ErrorCodes, LSPErrorCodes, ResponseError } from "vscode-languageserver/node";
import type { RunsRequestName, RunsRequestParams, RunsRequestResult } from "../../../protocol/runsLsp";
import { RunsRequests, validate } from "../../../protocol/runsLsp";

export function onRunsRequest<K extends RunsRequestName>(
  connection: Connection,
  name: K,
  handler: (params: RunsRequestParams<K>) => RunsRequestResult<K> | Promise<RunsRequestResult<K>>,
): void {
  const { method, params } = RunsRequests[name];
  connection.onRequest(method, async (raw: unknown) => {
    const parsed = validate(params, raw);
    if ("error" in parsed) {
      connection.console.warn(`dropped a malformed ${method} request: ${parsed.error}`);
      return new ResponseError(ErrorCodes.InvalidParams, `malformed ${method} request: ${parsed.error}`);
    }
    try {
      return await handler(parsed.data as RunsRequestParams<K>);
    } catch (e) {
      return new ResponseError(LSPErrorCodes.RequestFailed, e instanceof Error ? e.message : String(e));
    }
  });
}
