import type { Normalization } from "./normalization";
import { PIXEL_SCALE } from "./normalization";
import { SUBSET_TRAIN_PER_CLASS, SUBSET_VALIDATION_PER_CLASS } from "./subset";

/** One IDX file of a named dataset: its file name without `.gz`, and what its content must be. */
export interface IdxFileSpec {
  readonly stem: string;
  /** Full dimensions, count first: [60000, 28, 28] for images, [60000] for labels. */
  readonly dims: readonly number[];
  /** SHA-256 of the decompressed file, where known. */
  readonly sha256?: string;
}

/** The four files of an MNIST-style dataset; the official test set serves as the validation split. */
export interface IdxFileSet {
  readonly trainImages: IdxFileSpec;
  readonly trainLabels: IdxFileSpec;
  readonly validationImages: IdxFileSpec;
  readonly validationLabels: IdxFileSpec;
}

export interface NamedDataset {
  /** The name used in `.nas` files: `dataset fashion_mnist`. */
  readonly name: string;
  /** Folder name under a data root, the user cache and the Debian data directory. */
  readonly dirName: string;
  readonly shape: readonly [number, number, number];
  readonly classNames: readonly string[];
  readonly normalization: Normalization;
  readonly files: IdxFileSet;
  /** Base URLs of the official files, tried in order. */
  readonly mirrors: readonly string[];
  readonly debian?: { readonly packageName: string; readonly dir: string };
  /** The small subset shipped in this repository, relative to the package root. */
  readonly embedded?: { readonly dir: string; readonly files: IdxFileSet };
}

function mnistStyleFiles(
  train: number,
  validation: number,
  sha256?: { trainImages: string; trainLabels: string; validationImages: string; validationLabels: string },
): IdxFileSet {
  return {
    trainImages: { stem: "train-images-idx3-ubyte", dims: [train, 28, 28], sha256: sha256?.trainImages },
    trainLabels: { stem: "train-labels-idx1-ubyte", dims: [train], sha256: sha256?.trainLabels },
    validationImages: {
      stem: "t10k-images-idx3-ubyte",
      dims: [validation, 28, 28],
      sha256: sha256?.validationImages,
    },
    validationLabels: {
      stem: "t10k-labels-idx1-ubyte",
      dims: [validation],
      sha256: sha256?.validationLabels,
    },
  };
}

export const FASHION_MNIST: NamedDataset = {
  name: "fashion_mnist",
  dirName: "fashion-mnist",
  shape: [28, 28, 1],
  classNames: [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
  ],
  // Measured over the 60,000 official training images (pixel/255): mean 0.28604, std 0.35302.
  normalization: { scale: PIXEL_SCALE, mean: [0.28604], std: [0.35302] },
  // Hashes of the decompressed official files, as shipped by Debian's dataset-fashion-mnist.
  files: mnistStyleFiles(60000, 10000, {
    trainImages: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    trainLabels: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    validationImages: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    validationLabels: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
  }),
  mirrors: [
    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
    "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
  ],
  debian: { packageName: "dataset-fashion-mnist", dir: "/usr/share/datasets/fashion-mnist" },
  embedded: {
    dir: "examples/data/fashion-mnist-subset",
    files: mnistStyleFiles(SUBSET_TRAIN_PER_CLASS * 10, SUBSET_VALIDATION_PER_CLASS * 10),
  },
};

export const MNIST: NamedDataset = {
  name: "mnist",
  dirName: "mnist",
  shape: [28, 28, 1],
  classNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
  // The customary figures for MNIST's training images (pixel/255); not re-measured here.
  normalization: { scale: PIXEL_SCALE, mean: [0.1307], std: [0.3081] },
  // No hashes: the files could not be fetched where this was written; counts are still checked.
  files: mnistStyleFiles(60000, 10000),
  mirrors: [
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
  ],
};

export const NAMED_DATASETS: readonly NamedDataset[] = [FASHION_MNIST, MNIST];

export function namedDataset(name: string): NamedDataset | undefined {
  return NAMED_DATASETS.find((d) => d.name === name);
}

export const FILE_ROLES = ["trainImages", "trainLabels", "validationImages", "validationLabels"] as const;
export type FileRole = (typeof FILE_ROLES)[number];
