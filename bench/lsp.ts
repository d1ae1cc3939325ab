/**
 * Language-server latency and memory over the real protocol (stdio), on generated spaces of
 * 2,000 and 10,000 lines: didChange → publishDiagnostics, completion and hover, median and p95
 * of 50 edits each; the server's RSS with the large file open.
 * Run: npm run build && npx tsx bench/lsp.ts
 */
import { readFileSync } from "node:fs";
import { CompletionRequest, HoverRequest } from "vscode-languageserver-protocol/node";
import { LspClient } from "../test/support/lspClient";
import { generateSpace } from "./generateSpace";
import { summarize, writeResults } from "./stats";

async function rssMb(pid: number): Promise<number> {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function measure(lines: number): Promise<Record<string, unknown>> {
  const text = generateSpace(lines);
  const { client } = await LspClient.start();
  const uri = `file:///bench/big-${lines}.nas`;
  let version = 1;
  await client.open(uri, text, version);
  const all = text.split("\n");
  const target = all.findIndex((l, i) => i > all.length / 2 && l.includes("kernel in {3, 5, 7}"));
  const col = all[target].indexOf("kernel in {3, 5, 7}") + "kernel in {3, 5, ".length;
  const change: number[] = [];
  const completion: number[] = [];
  const hover: number[] = [];
  for (let i = 0; i < 55; i++) {
    // Toggle one choice between 7 and 9: a realistic one-character edit that re-checks the file.
    const newText = i % 2 === 0 ? "9" : "7";
    version++;
    const published = client.diagnostics(uri, version);
    const t0 = performance.now();
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [
        {
          range: { start: { line: target, character: col }, end: { line: target, character: col + 1 } },
          text: newText,
        },
      ],
    });
    await published;
    const t1 = performance.now();
    await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: target, character: all[target].indexOf("(") + 1 },
    });
    const t2 = performance.now();
    await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: target, character: all[target].indexOf("mbconv") + 2 },
    });
    const t3 = performance.now();
    if (i >= 5) {
      change.push(t1 - t0);
      completion.push(t2 - t1);
      hover.push(t3 - t2);
    }
  }
  const rss = await rssMb(client.process.pid!);
  await client.stop();
  return {
    lines: text.split("\n").length,
    didChangeToDiagnostics: summarize(change),
    completion: summarize(completion),
    hover: summarize(hover),
    serverRssMb: Math.round(rss),
  };
}

async function main(): Promise<void> {
  const results = [];
  for (const lines of [2000, 10000]) {
    const r = await measure(lines);
    results.push(r);
    console.log(JSON.stringify(r));
  }
  writeResults("lsp", results);
}

void main();
