/**
 * The client's end of protocol/runsLsp.ts over the language client: requests whose answers are
 * validated, and notification handlers that only see valid params (a malformed message is
 * logged and dropped).
 */
import type { LanguageClient } from "vscode-languageclient/node";
import type {
  RunsNotificationName,
  RunsNotificationParams,
  RunsRequestName,
  RunsRequestParams,
  RunsRequestResult,
} from "../../protocol/runsLsp";
import { RunsNotifications, RunsRequests, validate } from "../../protocol/runsLsp";

export class RunsConnection {
  constructor(
    private readonly client: Pick<LanguageClient, "sendRequest" | "onNotification">,
    private readonly logError: (message: string) => void,
  ) {}

  async request<K extends RunsRequestName>(
    name: K,
    params: RunsRequestParams<K>,
  ): Promise<RunsRequestResult<K>> {
    const { method, result } = RunsRequests[name];
    const answer: unknown = await this.client.sendRequest(method, params);
    const parsed = validate(result, answer);
    if ("error" in parsed) {
      this.logError(`dropped a malformed answer to ${method}: ${parsed.error}`);
      throw new Error(
        `the language server answered ${method} with a malformed message (see the Supernet Studio log)`,
      );
    }
    return parsed.data as RunsRequestResult<K>;
  }

  onNotification<K extends RunsNotificationName>(
    name: K,
    handler: (params: RunsNotificationParams<K>) => void,
  ): { dispose(): void } {
    const { method, params } = RunsNotifications[name];
    return this.client.onNotification(method, (raw: unknown) => {
      const parsed = validate(params, raw);
      if ("error" in parsed) this.logError(`dropped a malformed ${method} notification: ${parsed.error}`);
      else handler(parsed.data as RunsNotificationParams<K>);
    });
  }
}
