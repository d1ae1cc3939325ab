/** Versions recorded in every run's manifest, so a result can be traced to what produced it. */
import { version_core as tfjsVersion } from "@tensorflow/tfjs-core";

export const VERSION = { supernet: "0.1.0", node: process.version, tfjs: tfjsVersion };
