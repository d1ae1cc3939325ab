/** Panel requests to the language server, with the answer validated against the protocol. */
import type { LanguageClient } from "vscode-languageclient/node";
import type { z } from "zod";
import type { RequestDef } from "../../protocol/panels";

export async function panelRequest<P extends z.ZodType, R extends z.ZodType>(
  client: LanguageClient,
  def: RequestDef<P, R>,
  params: z.infer<P>,
): Promise<z.infer<R>> {
  const raw: unknown = await client.sendRequest(def.method, params);
  const parsed = def.result.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${def.method}: malformed answer from the language server: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}
