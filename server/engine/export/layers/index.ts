import { bn, activationOp, denseOp, dropout, flatten, gap, layernorm, pool } from "./basic";
import { conv, dwconv, patchify } from "./conv";
import { embedding } from "./embedding";
import { mbconv } from "./mbconv";
import type { OpLayers } from "./scope";
import { transformer } from "./transformer";

/** The tfjs-layers form of every op of language/ops.ts, by op name. */
export const OP_LAYERS: ReadonlyMap<string, OpLayers> = new Map<string, OpLayers>([
  ["conv", conv],
  ["dwconv", dwconv],
  ["mbconv", mbconv],
  ["dense", denseOp],
  ["bn", bn],
  ["layernorm", layernorm],
  ["relu", activationOp("relu")],
  ["relu6", activationOp("relu6")],
  ["hswish", activationOp("hswish")],
  ["gelu", activationOp("gelu")],
  ["dropout", dropout],
  ["maxpool", pool("max")],
  ["avgpool", pool("avg")],
  ["gap", gap],
  ["flatten", flatten],
  ["embedding", embedding],
  ["patchify", patchify],
  ["transformer", transformer],
]);

export function opLayersOf(op: string): OpLayers {
  const layers = OP_LAYERS.get(op);
  if (!layers) throw new Error(`no exported form for op ${op}`);
  return layers;
}

export type { LayerScope, OpLayers } from "./scope";
