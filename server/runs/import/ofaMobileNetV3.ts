/**
 * DyNAS-T's encoding of the Once-for-All MobileNetV3 supernets (`ofa_mbv3_d234_e346_k357_w1.0`):
 * `ks` and `e` list 20 kernel sizes and expansion ratios (4 blocks for each of 5 stages, whatever
 * the depth), `d` the 5 stage depths, `r` the resolution, `wid` is unused (None). Mapped onto
 * examples/ofa-mobilenetv3.nas, the default space of `supernet import dynast`.
 */
import { join } from "node:path";
import type { MappingSpec } from "./subnetMapping";

const STAGES = ["s1", "s2", "s3", "s4", "s5"];

export const OFA_MBV3_MAPPING: MappingSpec = {
  ks: STAGES.map((s) => `${s}[*].kernel`),
  e: STAGES.map((s) => `${s}[*].expand`),
  d: STAGES.map((s) => `${s}.depth`),
  r: "resolution",
  wid: null,
};

/** The space file, relative to this tool's package root. */
export const OFA_MBV3_SPACE_FILE = join("examples", "ofa-mobilenetv3.nas");
