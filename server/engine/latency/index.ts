// Subnet latency on the current backend (warm-up, timed runs, median and spread), a per-layer
// latency lookup table whose sum predicts it, and the table's error against measurement.
export { buildLatencyTable, statisticTimer, TABLE_TIMING } from "./build-table";
export type { ModelTimer, TableOptions } from "./build-table";
export { opKey, residualKey, spaceConfigurations } from "./configurations";
export type { SpaceConfigurations } from "./configurations";
export {
  inferenceRun,
  measureModelLatency,
  measureModelsLatency,
  measureSubnetLatency,
} from "./model-latency";
export type { LatencyMeasurement, SubnetLatencyOptions } from "./model-latency";
export { DEFAULT_STATISTIC, LATENCY_STATISTICS, quantile, summarizeSamples } from "./statistics";
export type { LatencyStatistic, SampleSummary } from "./statistics";
export { LATENCY_TABLE_FORMAT, parseLatencyTable, predictLatency } from "./table";
export type { LatencyTable } from "./table";
export { evaluateLatencyTable, predictionError, sampleGenomes } from "./table-error";
export type { PredictionError, TableError, TableErrorOptions, TableErrorPoint } from "./table-error";
export { DEFAULT_TIMING, timeRuns } from "./timer";
export type { Clock, TimingOptions } from "./timer";
export { measuredLatencyMeter, tableLatencyMeter } from "./meter";
export type { LatencyMeter, MeterOptions } from "./meter";
