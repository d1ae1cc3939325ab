/**
 * Language-server latency and memory over the real protocol (stdio), on generated spaces of
 * 2,000 and 10,000 lines: didChange → publishDiagnostics, completion and hover, median and p95
 * of 50 edits each; the server's RSS with the large file open; and, as the peer, the same server
 * checking the whole text from scratch (didOpen → publishDiagnostics of a new document). Two kinds of edit in the middle
 * of the file: replacing one character (a choice 7 ↔ 9), and typing then deleting `, 9` (the
 * text after the edit moves, and the stage gains and loses a choice).
 * Run: npm run build && npx tsx bench/lsp.ts
 */
import { readFileSync } from "node:fs";
import {
  CompletionRequest,
  DidCloseTextDocumentNotification,
  HoverRequest,
} from "vscode-languageserver-protocol/node";
import { LspClient } from "../test/support/lspClient";
import { generateSpace } from "./generateSpace";
import { median, summarize, writeResults } from "./stats";

async function rssMb(pid: number): Promise<number> {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

type EditKind = "replace" | "insert-delete";

async function measure(lines: number, kind: EditKind): Promise<Record<string, unknown>> {
  const text = generateSpace(lines);
  const { client } = await LspClient.start();
  const uri = `file:///bench/big-${lines}.nas`;
  let version = 1;
  await client.open(uri, text, version);
  const all = text.split("\n");
  const target = all.findIndex((l, i) => i > all.length / 2 && l.includes("kernel in {3, 5, 7}"));
  const col = all[target].indexOf("kernel in {3, 5, 7}") + "kernel in {3, 5, ".length;
  const diagnostics: number[] = [];
  const completion: number[] = [];
  const hover: number[] = [];
  for (let i = 0; i < 55; i++) {
    // Odd edits undo even ones, so every edit starts from the same text.
    const edit =
      kind === "replace"
        ? { from: col, to: col + 1, text: i % 2 === 0 ? "9" : "7" }
        : i % 2 === 0
          ? { from: col + 1, to: col + 1, text: ", 9" }
          : { from: col + 1, to: col + 4, text: "" };
    version++;
    const published = client.diagnostics(uri, version);
    const t0 = performance.now();
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [
        {
          range: {
            start: { line: target, character: edit.from },
            end: { line: target, character: edit.to },
          },
          text: edit.text,
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
      diagnostics.push(t1 - t0);
      completion.push(t2 - t1);
      hover.push(t3 - t2);
    }
  }
  const rss = await rssMb(client.process.pid!);
  const scratch = await fromScratch(client, text);
  await client.stop();
  return {
    lines: text.split("\n").length,
    edit: kind,
    didChangeToDiagnostics: summarize(diagnostics),
    // The peer: the same server checking the whole text from scratch (didOpen of a new document).
    didOpenToDiagnostics: summarize(scratch),
    incrementalSpeedup: Math.round((median(scratch) / median(diagnostics)) * 10) / 10,
    completion: summarize(completion),
    hover: summarize(hover),
    serverRssMb: Math.round(rss),
  };
}

/** didOpen → publishDiagnostics of the text as new documents: a full parse and check each. */
async function fromScratch(client: LspClient, text: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const uri = `file:///bench/scratch-${i}.nas`;
    const t0 = performance.now();
    await client.open(uri, text);
    if (i >= 2) times.push(performance.now() - t0);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  }
  return times;
}

async function main(): Promise<void> {
  const results = [];
  for (const lines of [2000, 10000])
    for (const kind of ["replace", "insert-delete"] as const) {
      const r = await measure(lines, kind);
      results.push(r);
      console.log(JSON.stringify(r));
    }
  writeResults("lsp", results);
}

void main();
