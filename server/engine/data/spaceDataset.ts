/** The dataset a space's `dataset` declaration names, as the data layer loads it. */
import type { DatasetRef } from "../../language/model";
import type { DatasetSpec } from "./load";

export function datasetSpecOf(ref: DatasetRef): DatasetSpec {
  switch (ref.kind) {
    case "known":
      return { kind: "named", name: ref.info.name };
    case "idx":
      return { kind: "idx", images: ref.images, labels: ref.labels };
    case "csv":
      return { kind: "csv", path: ref.path, label: ref.label };
  }
}
