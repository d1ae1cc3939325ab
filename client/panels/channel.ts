/**
 * The extension's side of a webview's channel: messages from the webview are validated against
 * the protocol (a malformed one is logged and dropped, never acted on); nothing is posted until
 * the webview says `ready`, and each `ready` (a first load, or a reload after the webview was
 * discarded) gets the whole current state again from `onReady`.
 */
import type { Disposable, Webview } from "vscode";
import type { z } from "zod";

type Base = { type: "ready" } | { type: "error"; message: string };

export class WebviewChannel<In extends { type: string }, Out> implements Disposable {
  private ready = false;
  private readonly subscription: Disposable;

  constructor(
    private readonly webview: Webview,
    schema: z.ZodType<In>,
    private readonly log: (message: string) => void,
    handlers: { readonly onReady: () => void; readonly onMessage: (message: Exclude<In, Base>) => void },
  ) {
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        this.log(
          `malformed message from a panel dropped: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
        );
        return;
      }
      const message = parsed.data as In | Base;
      if (message.type === "ready") {
        this.ready = true;
        handlers.onReady();
      } else if (message.type === "error")
        this.log(`panel error: ${(message as { message: string }).message}`);
      else handlers.onMessage(message as Exclude<In, Base>);
    });
  }

  /** Posts when the webview listens; before that, `onReady` will send the state anyway. */
  post(message: Out): void {
    if (this.ready) void this.webview.postMessage(message);
  }

  get isReady(): boolean {
    return this.ready;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
