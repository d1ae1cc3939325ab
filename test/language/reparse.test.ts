/**
 * The incremental parser gives the tree a full parse gives, after every edit of a chain of random
 * edits (each reparse reuses the tree the previous one returned), and it does reuse the trees of
 * the items an edit does not touch.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type * as A from "../../server/language/ast";
import { parse } from "../../server/language/parser";
import { reparse } from "../../server/language/reparse";
import { generateSpace } from "../../bench/generateSpace";
import { SEEDS, mutate, mutation } from "./mutations";

const RUNS = Number(process.env.NAS_PROPERTY_RUNS ?? 500);

/** Syntax errors come out in a different order (by item rather than lexer first); compare sorted. */
function comparable(file: A.NasFile): A.NasFile {
  const errors = [...file.errors].sort(
    (a, b) => a.start - b.start || a.end - b.end || a.message.localeCompare(b.message),
  );
  return { ...file, errors };
}

function assertSameAsFullParse(previous: A.NasFile, text: string): A.NasFile {
  const incremental = reparse(previous, text);
  assert.deepStrictEqual(comparable(incremental), comparable(parse(text)));
  return incremental;
}

describe("reparse", () => {
  test("equals a full parse after every edit of random edit chains", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (seed, mutations) => {
          let text = seed;
          let tree = parse(text);
          for (const m of mutations) {
            text = mutate(text, m);
            tree = assertSameAsFullParse(tree, text);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("equals a full parse for edits inside a large space (insertions, deletions, braces)", () => {
    const base = generateSpace(300);
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat({ max: 6 }),
            fc.constantFrom("", "7", ", 9", "}", "{", "\n", "stage", "// x", "/*", '"'),
          ),
          { minLength: 1, maxLength: 10 },
        ),
        (edits) => {
          let text = base;
          let tree = parse(text);
          for (const [at, length, insert] of edits) {
            const i = at % text.length;
            text = text.slice(0, i) + insert + text.slice(i + length);
            tree = assertSameAsFullParse(tree, text);
          }
        },
      ),
      { numRuns: RUNS / 5 },
    );
  });

  test("reuses the items an edit does not touch, moving those after it", () => {
    const text = generateSpace(200);
    const before = parse(text);
    const space = before.items[0] as A.SpaceDecl;
    const stages = space.items.filter((i): i is A.StageDecl => i.kind === "stage");
    const edited = stages[5];
    const at = text.indexOf("kernel in {3, 5, 7}", edited.start) + "kernel in {3, 5, 7".length;
    const movedStart = stages[10].start + ", 9".length;
    const after = reparse(before, `${text.slice(0, at)}, 9${text.slice(at)}`);
    const newStages = (after.items[0] as A.SpaceDecl).items.filter((i) => i.kind === "stage");
    assert.equal(newStages[0], stages[0], "a stage before the edit is the same node");
    assert.equal(newStages[10], stages[10], "a stage after the edit is the same node");
    assert.notEqual(newStages[5], edited, "the edited stage is parsed again");
    assert.equal(newStages[10].start, movedStart, "moved by the insertion");
  });
});
