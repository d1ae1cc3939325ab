/** Code lenses: `▶ Run Search` and `Show Supernet` above each search, `Show in Graph` above each subnet. */
import type { CodeLens } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { RunSearchArgs, ShowGraphArgs, ShowInGraphArgs } from "../../../protocol/commands";
import { Commands } from "../../../protocol/commands";
import type { DocumentAnalysis } from "../../language/checker";
import { formatMetric } from "../../language/printer";
import { toRange } from "./convert";

export function codeLenses(doc: TextDocument, analysis: DocumentAnalysis): CodeLens[] {
  const uri = doc.uri;
  const lenses: CodeLens[] = [];
  for (const search of analysis.searches) {
    const { decl } = search;
    if (!decl.name) continue;
    const range = toRange(doc, decl.keyword);
    const run: RunSearchArgs = { uri, search: decl.name.name };
    lenses.push({ range, command: { title: "▶ Run Search", command: Commands.runSearch, arguments: [run] } });
    if (decl.space) {
      const show: ShowGraphArgs = { uri, space: decl.space.name };
      lenses.push({
        range,
        command: { title: "Show Supernet", command: Commands.showGraph, arguments: [show] },
      });
    }
  }
  for (const subnet of analysis.subnets) {
    const { decl, cost } = subnet;
    if (!decl.name || !decl.space) continue;
    const args: ShowInGraphArgs = { uri, space: decl.space.name, subnet: decl.name.name };
    const title = cost
      ? `Show in Graph · ${formatMetric("macs", cost.macs)} MACs · ${formatMetric("params", cost.params)} params`
      : "Show in Graph";
    lenses.push({
      range: toRange(doc, decl.keyword),
      command: { title, command: Commands.showInGraph, arguments: [args] },
    });
  }
  return lenses;
}
