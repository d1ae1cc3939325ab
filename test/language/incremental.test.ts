/**
 * Checking a document incrementally (the language server's way: reparse the edit, rebuild only
 * the stages whose syntax changed, reuse cached stage summaries) gives exactly what checking it
 * from scratch gives, after every edit of random edit chains.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { DocumentAnalysis } from "../../server/language/checker";
import { checkDocument, checkFile } from "../../server/language/checker";
import type { Diagnostic } from "../../server/language/diagnostics";
import type { SeqNode } from "../../server/language/model";
import { parse } from "../../server/language/parser";
import { reparse } from "../../server/language/reparse";
import { generateSpace } from "../../bench/generateSpace";
import { SEEDS, mutate, mutation } from "./mutations";

const RUNS = Number(process.env.NAS_PROPERTY_RUNS ?? 300);

function sorted(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.start - b.start ||
      a.end - b.end ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

/** The offsets of every op call of a space, stages included. */
function opOffsets(items: readonly SeqNode[]): number[] {
  return items.flatMap((n): number[] =>
    n.kind === "op" ? [n.call.start] : n.kind === "residual" ? opOffsets(n.body) : opOffsets(n.blocks.flat()),
  );
}

/** What the checker concludes, without the syntax tree's object identity. */
function conclusions(analysis: DocumentAnalysis): unknown {
  return {
    diagnostics: sorted(analysis.diagnostics),
    spaces: [...analysis.spaces].map(([name, { model, analysis: a }]) => ({
      name,
      genes: model.genes,
      items: model.items,
      stages: [...model.stages.keys()],
      layers: [...model.layers],
      macs: a.macs,
      params: a.params,
      size: a.size,
      outputs: a.outputs,
      stageCosts: a.stages,
      ops: opOffsets(model.items).map((offset) => a.ops.get(offset)),
    })),
    subnets: analysis.subnets.map((s) => ({ genome: s.genome, cost: s.cost })),
    symbols: [...analysis.symbols].sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind)),
  };
}

function assertIncrementalEqualsFull(texts: readonly string[]): void {
  let analysis = checkFile(parse(texts[0]));
  for (const text of texts.slice(1)) {
    analysis = checkFile(reparse(analysis.file, text), {}, analysis);
    assert.deepStrictEqual(conclusions(analysis), conclusions(checkDocument(text)));
  }
}

describe("incremental checking", () => {
  test("equals checking from scratch after every edit of random edit chains", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (seed, mutations) => {
          const texts = [seed];
          for (const m of mutations) texts.push(mutate(texts[texts.length - 1], m));
          assertIncrementalEqualsFull(texts);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("equals checking from scratch for edits of a space's choices, names and labels", () => {
    const base = generateSpace(120);
    const inserts = [
      "",
      "7",
      ", 9",
      "{1, 2}",
      "s1",
      "t3",
      "x: ",
      "dense(classes)",
      "\n  dataset mnist\n",
      "}",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom(...inserts)), {
          minLength: 1,
          maxLength: 6,
        }),
        (edits) => {
          const texts = [base];
          for (const [at, length, insert] of edits) {
            const text = texts[texts.length - 1];
            const i = at % text.length;
            texts.push(text.slice(0, i) + insert + text.slice(i + length));
          }
          assertIncrementalEqualsFull(texts);
        },
      ),
      { numRuns: RUNS / 3 },
    );
  });
});
