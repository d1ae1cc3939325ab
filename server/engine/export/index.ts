// Export of one subnet as a standalone TensorFlow.js layers model (model.json + weights.bin),
// with the weights it inherits from the supernet; the same model builder times subnets and ops.
export { buildSubnetModel } from "./build-model";
export { exportSubnet, writeSubnetModel } from "./export-subnet";
export type { ExportOptions, ExportResult } from "./export-subnet";
export { freshWeights } from "./fresh-weights";
export { inheritedWeights } from "./inherited-weights";
export { folderLoadHandler, loadModelFolder, MODEL_FILE, saveModelFolder, WEIGHTS_FILE } from "./model-files";
export type { NormStatistics, OpWeights, SubnetWeights } from "./op-weights";
export { float32Bytes, INT8_TENSOR_OVERHEAD_BYTES, int8Bytes, subnetSize } from "./size";
export type { ModelSize } from "./size";
