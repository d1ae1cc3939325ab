/** `supernet/subnetChoices` and `supernet/subnetDetails`: subnets of a space as it is now. */
import type { ParamsOf, PanelRequests, ResultOf } from "../../../protocol/panels";
import { largestGenome, smallestGenome } from "../../language/encoding";
import { evaluateSubnet } from "../../language/evaluate";
import { activeChoices, genomeFromChoices } from "../../language/subnetChoices";
import { suggestSubnetName } from "../../language/writeBack";
import type { PanelDocuments } from "./documents";
import { analyticMetrics } from "../../language/metrics";

export function subnetChoices(
  documents: PanelDocuments,
  params: ParamsOf<typeof PanelRequests.subnetChoices>,
): ResultOf<typeof PanelRequests.subnetChoices> {
  const found = documents.get(params.uri);
  if ("error" in found) return found;
  const subnet = found.analysis.subnets.find((s) => s.decl.name?.name === params.subnet);
  if (!subnet) return { error: `no subnet named \`${params.subnet}\` in this file` };
  if (!subnet.space || !subnet.genome || !subnet.cost)
    return { error: `subnet \`${params.subnet}\` does not check: fix its diagnostics first` };
  return {
    space: subnet.space.model.name,
    choices: activeChoices(subnet.space.model, subnet.genome),
    macs: subnet.cost.macs,
    params: subnet.cost.params,
  };
}

export function subnetDetails(
  documents: PanelDocuments,
  params: ParamsOf<typeof PanelRequests.subnetDetails>,
): ResultOf<typeof PanelRequests.subnetDetails> {
  const found = documents.get(params.uri);
  if ("error" in found) return found;
  const space = found.analysis.spaces.get(params.space);
  if (!space) return { error: `no space named \`${params.space}\` in this file` };
  const { model } = space;
  const { genome, notes } = genomeFromChoices(model, params.choices);
  const cost = evaluateSubnet(model, genome);
  return {
    details: {
      space: model.name,
      choices: activeChoices(model, genome),
      analytic: cost ? analyticMetrics(cost) : null,
      notes: [...notes],
      largest: activeChoices(model, largestGenome(model)),
      smallest: activeChoices(model, smallestGenome(model)),
      subnets: found.analysis.subnets
        .filter((s) => s.space === space && s.genome && s.decl.name)
        .map((s) => ({ name: s.decl.name!.name, choices: activeChoices(model, s.genome!) })),
      suggestedName: suggestSubnetName(found.analysis, params.metrics),
      genes: model.genes.map((g) => ({ path: g.path, values: [...g.values] })),
    },
  };
}
