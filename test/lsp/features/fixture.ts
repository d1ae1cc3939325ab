/** Test fixtures with a `|` cursor marker: the text without it, the cursor, and the checked document. */
import type { Position } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { DocumentAnalysis } from "../../../server/language/checker";
import { checkDocument } from "../../../server/language/checker";

export interface Fixture {
  readonly text: string;
  readonly offset: number;
  readonly position: Position;
  readonly doc: TextDocument;
  readonly analysis: DocumentAnalysis;
}

export const URI = "file:///test/space.nas";

/** Checks a text that contains exactly one `|` cursor marker (the language has no `|`). */
export function fixture(marked: string): Fixture {
  const offset = marked.indexOf("|");
  if (offset < 0 || marked.indexOf("|", offset + 1) >= 0)
    throw new Error("a fixture needs exactly one `|` cursor marker");
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const { doc, analysis } = checked(text);
  return { text, offset, position: doc.positionAt(offset), doc, analysis };
}

/** A checked document without a cursor. */
export function checked(text: string): { doc: TextDocument; analysis: DocumentAnalysis } {
  return { doc: TextDocument.create(URI, "nas", 1, text), analysis: checkDocument(text) };
}

/** The example of the language design (space, search and subnet), with the cursor placed by the caller. */
export const EXAMPLE = `// Fashion-MNIST, MobileNetV3-style supernet
space FashionMobile {
  input image(28, 28, 1)
  resolution in {20, 24, 28}
  dataset fashion_mnist

  stem: conv(out: 16, kernel: 3, stride: 1) bn relu

  stage s1 depth in {1, 2} {
    mbconv(out: 24, kernel in {3, 5}, expand in {2, 4}, stride: 2)
  }
  stage s2 depth in {1, 2, 3} {
    mbconv(out in {32, 40}, kernel in {3, 5, 7}, expand in {2, 4, 6}, stride: 2, se: true)
  }
  head: gap dense(classes)
}

search Quick on FashionMobile {
  objectives {
    maximize accuracy
    minimize macs
    minimize latency
  }
  constraint latency <= 2ms
  constraint params <= 150k
  train { epochs: 6, batch: 128, optimizer: sgd(lr: 0.05, momentum: 0.9), sampling: sandwich(random: 2) }
  strategy linas(population: 40, iterations: 6, predictor: ridge)
  budget 240 evaluations
  seed 7
  target local
}

subnet small_fast of FashionMobile {
  resolution = 24
  s1.depth = 1
  s1[0] { kernel = 3, expand = 2 }
  s2.depth = 2
  s2[0] { out = 32, kernel = 5, expand = 4 }
  s2[1] { kernel = 3, expand = 2 }
}
`;

/** The example with a cursor marker inserted before the n-th (0-based) occurrence of `needle` plus `shift` characters. */
export function at(needle: string, shift = 0, nth = 0, text = EXAMPLE): string {
  let index = -1;
  for (let k = 0; k <= nth; k++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`\`${needle}\` occurs fewer than ${nth + 1} times`);
  }
  const offset = index + shift;
  return text.slice(0, offset) + "|" + text.slice(offset);
}
