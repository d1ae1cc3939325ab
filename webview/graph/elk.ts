/**
 * elkjs in a web worker. A webview may not start a worker from its resource URI, so the worker
 * script is fetched and started from a Blob URL (the page's CSP allows `worker-src blob:`).
 */
import ELK from "elkjs/lib/elk-api";
import type { ELK as Elk } from "elkjs/lib/elk-api";

export async function createElk(workerScript: string): Promise<Elk> {
  const response = await fetch(workerScript);
  if (!response.ok) throw new Error(`cannot load the layout worker (${response.status})`);
  const url = URL.createObjectURL(await response.blob());
  return new ELK({ workerFactory: () => new Worker(url) });
}
