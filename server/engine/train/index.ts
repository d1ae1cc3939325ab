// Supernet training (sandwich or uniform sampling, distillation, checkpoints every epoch) and
// subnet evaluation, for the runner.
export { MemoryCheckpointStore } from "./checkpoint";
export type { CheckpointStore, TrainingCheckpoint } from "./checkpoint";
export { DEFAULT_CALIBRATION_IMAGES, evaluateSubnetAccuracy, evaluationData } from "./evaluate";
export type { EvaluationData, EvaluationOptions, SubnetAccuracy } from "./evaluate";
export type { KindMetrics, StepMetrics, TrainEvent } from "./events";
export { FileCheckpointStore } from "./fs-store";
export type { OptimizerState } from "./optimizer";
export { SubnetSampler } from "./sampling";
export type { SampledSubnet, SubnetKind } from "./sampling";
export { learningRate } from "./schedule";
export { trainSupernet } from "./trainer";
export type { TrainOptions, TrainResult } from "./trainer";
