/** `supernet/spaces` and `supernet/spaceGraph`: the document's spaces, and one space as a graph with editor ranges. */
import type { ParamsOf, PanelRequests, ResultOf } from "../../../protocol/panels";
import { buildSpaceGraph } from "../../language/graph";
import { toRange } from "../features/convert";
import type { PanelDocuments } from "./documents";

export function spaces(
  documents: PanelDocuments,
  params: ParamsOf<typeof PanelRequests.spaces>,
): ResultOf<typeof PanelRequests.spaces> {
  const found = documents.get(params.uri);
  if ("error" in found) return { spaces: [] };
  return {
    spaces: [...found.analysis.spaces.values()].map((s) => ({
      name: s.model.name,
      range: toRange(found.doc, s.decl),
    })),
  };
}

export function spaceGraph(
  documents: PanelDocuments,
  params: ParamsOf<typeof PanelRequests.spaceGraph>,
): ResultOf<typeof PanelRequests.spaceGraph> {
  const found = documents.get(params.uri);
  if ("error" in found) return found;
  const space = found.analysis.spaces.get(params.space);
  if (!space) return { error: `no space named \`${params.space}\` in this file` };
  const graph = buildSpaceGraph(space.model, space.analysis);
  return {
    graph: {
      uri: params.uri,
      version: found.doc.version,
      space: graph.space,
      genes: graph.genes.map((g) => ({ path: g.path, values: [...g.values] })),
      nodes: graph.nodes.map(({ span, args, shapes, depth, ...node }) => ({
        ...node,
        args: args.map(({ values, ...a }) => ({ ...a, ...(values ? { values: [...values] } : {}) })),
        shapes: [...shapes],
        ...(depth ? { depth: { ...depth, values: [...depth.values] } } : {}),
        range: toRange(found.doc, span),
      })),
    },
  };
}
