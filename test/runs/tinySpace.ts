/** A tiny tabular space that trains in a second, for tests of whole runs (resume, events). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const TINY_NAS = `space Tiny {
  input vector(4)
  dataset csv("tiny.csv", label: "class", classes: 3)
  stage body depth in {1, 2, 3} {
    dense(units in {4, 8, 12, 16}) relu
  }
  head: dense(classes)
}

search Fast on Tiny {
  objectives {
    maximize accuracy
    minimize params
  }
  train { epochs: 3, batch: 32, optimizer: adam(lr: 0.01), schedule: constant, label_smoothing: 0 }
  strategy nsga2(population: 4)
  budget 16 evaluations
  seed 3
}
`;

/** The same search with LINAS: its evaluations after the first population carry predictions. */
export const TINY_LINAS_NAS = TINY_NAS.replace(
  "strategy nsga2(population: 4)",
  "strategy linas(population: 4)",
);

/** Three Gaussian-ish clusters in 4-D, deterministic (a linear congruential generator). */
export function tinyCsv(rows = 240): string {
  let state = 12345;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const lines = ["a,b,c,d,class"];
  for (let i = 0; i < rows; i++) {
    const cls = i % 3;
    const features = [0, 1, 2, 3].map((f) => (f === cls ? 2 : 0) + (next() + next() + next() - 1.5));
    lines.push(
      `${features.map((x) => x.toFixed(4)).join(",")},${["setosa", "versicolor", "virginica"][cls]}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A temp folder holding tiny.nas and tiny.csv; returns the .nas path. */
export function writeTinyProject(nas = TINY_NAS): string {
  const dir = mkdtempSync(join(tmpdir(), "supernet-run-"));
  writeFileSync(join(dir, "tiny.csv"), tinyCsv());
  const file = join(dir, "tiny.nas");
  writeFileSync(file, nas);
  return file;
}
