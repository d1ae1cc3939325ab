/** The language-server side of the panels: graph, subnet details and write-back requests. */
import type { Connection, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { PanelRequests } from "../../../protocol/panels";
import type { AnalysisCache } from "../analysisCache";
import { PanelDocuments } from "./documents";
import { spaceGraph, spaces } from "./graph";
import { onPanelRequest } from "./request";
import { subnetChoices, subnetDetails } from "./subnets";
import { subnetEditRequest } from "./writeBack";

export function registerPanelHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  cache: AnalysisCache,
): void {
  const docs = new PanelDocuments(documents, cache);
  onPanelRequest(connection, PanelRequests.spaces, (params) => spaces(docs, params));
  onPanelRequest(connection, PanelRequests.spaceGraph, (params) => spaceGraph(docs, params));
  onPanelRequest(connection, PanelRequests.subnetChoices, (params) => subnetChoices(docs, params));
  onPanelRequest(connection, PanelRequests.subnetDetails, (params) => subnetDetails(docs, params));
  onPanelRequest(connection, PanelRequests.subnetEdit, (params) => subnetEditRequest(docs, params));
}
