// The weight-sharing supernet: weights for every op instance at its largest size, subnets run
// from their plans on slices of them, and BatchNorm recalibration per subnet.
export { calibrateBatchNorm, disposeStatistics } from "./calibrate";
export type { BnStatistics, ForwardMode, StatisticsSink } from "./context";
export { shapeDims, Supernet, supernetLayout } from "./supernet";
export type { OpTrace } from "./supernet";
export type { SupernetWeight, WeightArrays, WeightInit, WeightSpec } from "./weights";
