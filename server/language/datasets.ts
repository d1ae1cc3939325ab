/** Datasets the checker knows without reading a file (shape and class count). */
export interface KnownDataset {
  readonly name: string;
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly classes: number;
  readonly doc: string;
}

export const KNOWN_DATASETS: ReadonlyMap<string, KnownDataset> = new Map(
  [
    {
      name: "fashion_mnist",
      h: 28,
      w: 28,
      c: 1,
      classes: 10,
      doc: "Fashion-MNIST: 28×28 grey images of 10 clothing classes (60,000 train, 10,000 test).",
    },
    {
      name: "mnist",
      h: 28,
      w: 28,
      c: 1,
      classes: 10,
      doc: "MNIST: 28×28 grey handwritten digits, 10 classes.",
    },
  ].map((d) => [d.name, d]),
);

/** The file-backed dataset forms: `idx(images, labels)` and `csv(path, label: "col")`. */
export const DATASET_FORMS = {
  idx: {
    doc: 'IDX image and label files (optionally .gz): `idx("train-images.gz", "train-labels.gz", classes: 10)`',
  },
  csv: { doc: 'A CSV table with a header row: `csv("data.csv", label: "species", classes: 3)`' },
} as const;
