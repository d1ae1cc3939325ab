/**
 * A webview's side of its channel to the extension: messages from the extension are validated
 * against the protocol's schema (a malformed one is reported and dropped, never acted on), and
 * `ready` is sent once the webview listens, so the extension never posts into the void.
 */
import type { z } from "zod";

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host<Out> {
  post(message: Out): void;
  /** The state saved before a reload, if it validates. */
  restore<S>(schema: z.ZodType<S>): S | undefined;
  save(state: unknown): void;
}

type Base = { type: "ready" } | { type: "error"; message: string };

export function connect<In, Out extends { type: string }>(
  schema: z.ZodType<In>,
  handle: (message: In) => void,
): Host<Out | Base> {
  const api = acquireVsCodeApi();
  const report = (message: string): void => api.postMessage({ type: "error", message });
  window.addEventListener("message", (event: MessageEvent<unknown>) => {
    const parsed = schema.safeParse(event.data);
    if (!parsed.success) {
      report(
        `malformed message dropped: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
      return;
    }
    try {
      handle(parsed.data);
    } catch (e) {
      report(e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
  });
  window.addEventListener("error", (event) =>
    report(event.error instanceof Error ? (event.error.stack ?? event.error.message) : String(event.message)),
  );
  window.addEventListener("unhandledrejection", (event) =>
    report(
      event.reason instanceof Error ? (event.reason.stack ?? event.reason.message) : String(event.reason),
    ),
  );
  api.postMessage({ type: "ready" });
  return {
    post: (message) => api.postMessage(message),
    restore: (s) => {
      const parsed = s.safeParse(api.getState());
      return parsed.success ? parsed.data : undefined;
    },
    save: (state) => api.setState(state),
  };
}

/** The element with an id, which the page's HTML guarantees. */
export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}
