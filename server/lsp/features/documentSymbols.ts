/** The outline: spaces with their stages and labelled layers, searches, subnets. */
import type { DocumentSymbol } from "vscode-languageserver";
import { SymbolKind } from "vscode-languageserver-types";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as A from "../../language/ast";
import type { DocumentAnalysis } from "../../language/checker";
import { toRange } from "./convert";
import { costRange, choiceSet, spaceSize } from "./describe";
import { formatMetric } from "../../language/printer";

export function documentSymbols(doc: TextDocument, analysis: DocumentAnalysis): DocumentSymbol[] {
  const symbol = (
    name: A.Ident,
    whole: A.Span,
    kind: SymbolKind,
    detail: string,
    children: DocumentSymbol[] = [],
  ): DocumentSymbol => ({
    name: name.name,
    detail,
    kind,
    range: toRange(doc, whole),
    selectionRange: toRange(doc, name),
    children,
  });

  const chain = (items: readonly A.SpaceItem[], space: string): DocumentSymbol[] =>
    items.flatMap((item): DocumentSymbol[] => {
      if (item.kind === "layer" && item.label)
        return [symbol(item.label, item, SymbolKind.Field, item.ops.map((o) => o.name.name).join(" "))];
      if (item.kind === "residual") return chain(item.body, space);
      if (item.kind === "stage" && item.name) {
        return [
          symbol(
            item.name,
            item,
            SymbolKind.Module,
            stageDepth(space, item.name.name),
            chain(item.body, space),
          ),
        ];
      }
      return [];
    });

  const stageDepth = (space: string, stage: string): string => {
    const model = analysis.spaces.get(space)?.model;
    const depth = model?.stages.get(stage)?.depth;
    if (!model || !depth) return "";
    return `depth ${depth.kind === "gene" ? choiceSet(model.genes[depth.gene].values) : String(depth.value)}`;
  };

  return analysis.file.items.flatMap((item): DocumentSymbol[] => {
    if (item.kind === "error" || !item.name) return [];
    switch (item.kind) {
      case "space": {
        const info = analysis.spaces.get(item.name.name);
        const detail =
          info?.decl === item
            ? [
                spaceSize(info.analysis.size),
                ...(info.analysis.macs ? [`${costRange("macs", info.analysis.macs)} MACs`] : []),
              ].join(" · ")
            : "";
        return [symbol(item.name, item, SymbolKind.Class, detail, chain(item.items, item.name.name))];
      }
      case "search":
        return [symbol(item.name, item, SymbolKind.Event, item.space ? `on ${item.space.name}` : "")];
      case "subnet": {
        const info = analysis.subnets.find((s) => s.decl === item);
        const cost = info?.cost
          ? ` · ${formatMetric("macs", info.cost.macs)} MACs · ${formatMetric("params", info.cost.params)} params`
          : "";
        return [
          symbol(item.name, item, SymbolKind.Object, `${item.space ? `of ${item.space.name}` : ""}${cost}`),
        ];
      }
    }
  });
}
