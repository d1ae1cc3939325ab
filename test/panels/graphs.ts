/** Space graphs as the language server sends them, for the graph panel's tests (built by the real handler from files on disk). */
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { SpaceGraph } from "../../protocol/panels";
import { spaceGraphSchema } from "../../protocol/panels";
import { AnalysisCache } from "../../server/lsp/analysisCache";
import { PanelDocuments } from "../../server/lsp/panels/documents";
import { spaceGraph } from "../../server/lsp/panels/graph";

export const documents = new PanelDocuments(new TextDocuments(TextDocument), new AnalysisCache());

export function graphOfFile(path: string, space: string): SpaceGraph {
  const result = spaceGraph(documents, { uri: pathToFileURL(resolve(path)).toString(), space });
  assert.ok("graph" in result, "error" in result ? result.error : "");
  return spaceGraphSchema.parse(result.graph);
}

export function graphOfText(text: string, space: string): SpaceGraph {
  const file = join(mkdtempSync(join(tmpdir(), "supernet-graph-")), "space.nas");
  writeFileSync(file, text);
  return graphOfFile(file, space);
}
