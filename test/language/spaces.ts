/** Builds the first space of a text without the checker, for tests of the model and the analysis. */
import assert from "node:assert/strict";
import type { SpaceAnalysis } from "../../server/language/analysis";
import { analyzeSpace } from "../../server/language/analysis";
import type { Diagnostic } from "../../server/language/diagnostics";
import type { SpaceModel } from "../../server/language/model";
import { buildSpace } from "../../server/language/model";
import { parse } from "../../server/language/parser";

export interface BuiltSpace {
  readonly model: SpaceModel;
  readonly analysis: SpaceAnalysis;
  /** Syntax errors, model diagnostics and analysis problems together. */
  readonly diagnostics: readonly Diagnostic[];
}

export function buildFirstSpace(text: string): BuiltSpace {
  const file = parse(text);
  const decl = file.items.find((i) => i.kind === "space");
  assert.ok(decl && decl.kind === "space", "the text declares a space");
  const diagnostics: Diagnostic[] = file.errors.map((e) => ({ ...e, severity: "error" as const }));
  const model = buildSpace(decl, (d) => diagnostics.push(d));
  const analysis = analyzeSpace(model);
  diagnostics.push(...analysis.problems);
  return { model, analysis, diagnostics };
}

/** Like `buildFirstSpace`, but fails the test on any error. */
export function buildCleanSpace(text: string): BuiltSpace {
  const built = buildFirstSpace(text);
  const errors = built.diagnostics.filter((d) => d.severity === "error");
  assert.deepEqual(
    errors.map((e) => `${e.code}: ${e.message}`),
    [],
  );
  return built;
}
