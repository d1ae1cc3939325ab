import { conv, dwconv, patchify } from "./conv";
import { dense } from "./dense";
import { activation, dropout, flatten, gap, pool } from "./elementwise";
import { embedding } from "./embedding";
import type { OpKernel } from "./kernel";
import { mbconv } from "./mbconv";
import { bn, layernorm } from "./norms";
import { transformer } from "./transformer";

/** The engine's kernel of every op of language/ops.ts, by op name. */
export const KERNELS: ReadonlyMap<string, OpKernel> = new Map<string, OpKernel>([
  ["conv", conv],
  ["dwconv", dwconv],
  ["mbconv", mbconv],
  ["dense", dense],
  ["bn", bn],
  ["layernorm", layernorm],
  ["relu", activation("relu")],
  ["relu6", activation("relu6")],
  ["hswish", activation("hswish")],
  ["gelu", activation("gelu")],
  ["dropout", dropout],
  ["maxpool", pool("max")],
  ["avgpool", pool("avg")],
  ["gap", gap],
  ["flatten", flatten],
  ["embedding", embedding],
  ["patchify", patchify],
  ["transformer", transformer],
]);

export function kernelOf(op: string): OpKernel {
  const kernel = KERNELS.get(op);
  if (!kernel) throw new Error(`the engine has no kernel for op ${op}`);
  return kernel;
}

export type { OpKernel } from "./kernel";
