/**
 * Checks a whole `.nas` document: syntax, every space (model, shapes, costs), every search
 * (settings, objectives and constraints against the space's achievable range) and every subnet
 * (paths, values, depth, measured metrics). Pure: file existence comes in through `host`.
 */
import type * as A from "./ast";
import type { SpaceAnalysis } from "./analysis";
import { analyzeSpace, formatCount } from "./analysis";
import type { Diagnostic } from "./diagnostics";
import type { Genome } from "./encoding";
import { canonicalize, isActive, largestGenome, nearestIndex, stageDepth } from "./encoding";
import type { SubnetCost } from "./evaluate";
import { evaluateSubnet } from "./evaluate";
import type { ChainNode, Gene, SpaceModel } from "./model";
import { buildSpace } from "./model";
import { parse } from "./parser";
import { formatMetric } from "./printer";
import type { SearchConfig } from "./searchConfig";
import { resolveSearch } from "./searchConfig";
import type { Metric } from "./metrics";
import { METRICS, analyticMetrics, isMetric } from "./metrics";
import { closestName } from "./suggest";

export interface SpaceInfo {
  readonly decl: A.SpaceDecl;
  readonly model: SpaceModel;
  readonly analysis: SpaceAnalysis;
}

export interface SearchInfo {
  readonly decl: A.SearchDecl;
  readonly config: SearchConfig;
  readonly space: SpaceInfo | undefined;
}

export interface SubnetInfo {
  readonly decl: A.SubnetDecl;
  readonly space: SpaceInfo | undefined;
  /** The subnet's canonical genome (unassigned choices take their largest value). */
  readonly genome: Genome | undefined;
  readonly cost: SubnetCost | undefined;
  /** Where each gene was assigned, by gene index. */
  readonly assigned: ReadonlyMap<number, A.Assignment>;
}

export type SymbolKind = "space" | "stage" | "layer" | "search" | "subnet";

/** One occurrence of a name, for navigation, references and rename. */
export interface SymbolOccurrence extends A.Span {
  readonly kind: SymbolKind;
  readonly name: string;
  /** The space a stage or layer belongs to. */
  readonly space?: string;
  readonly definition: boolean;
}

export interface DocumentAnalysis {
  readonly file: A.NasFile;
  readonly spaces: ReadonlyMap<string, SpaceInfo>;
  readonly searches: readonly SearchInfo[];
  readonly subnets: readonly SubnetInfo[];
  readonly diagnostics: readonly Diagnostic[];
  readonly symbols: readonly SymbolOccurrence[];
}

export interface CheckHost {
  /** Whether a path named in the file (dataset, checkpoint) can be found; undefined = don't check. */
  fileExists?(path: string): boolean;
}

export function checkDocument(text: string, host: CheckHost = {}): DocumentAnalysis {
  return checkFile(parse(text), host);
}

/**
 * Checks an already parsed document. The language server parses edits incrementally and passes
 * the previous version's analysis, whose spaces' walks the new ones resume from.
 */
export function checkFile(
  file: A.NasFile,
  host: CheckHost = {},
  previous?: DocumentAnalysis,
): DocumentAnalysis {
  const diagnostics: Diagnostic[] = file.errors.map((e) => ({
    start: e.start,
    end: e.end,
    severity: "error",
    code: e.code,
    message: e.message,
    ...(e.related ? { related: e.related } : {}),
  }));
  const report = (d: Diagnostic): void => void diagnostics.push(d);
  const symbols: SymbolOccurrence[] = [];
  const spaces = new Map<string, SpaceInfo>();
  const names = new Map<string, A.Ident>();

  const declare = (kind: SymbolKind, name: A.Ident | undefined): boolean => {
    if (!name) return false;
    symbols.push({ kind, name: name.name, start: name.start, end: name.end, definition: true });
    const key = `${kind}:${name.name}`;
    if (names.has(key)) {
      report({
        start: name.start,
        end: name.end,
        severity: "error",
        code: "duplicate-name",
        message: `a ${kind} named \`${name.name}\` is already declared in this file`,
      });
      return false;
    }
    names.set(key, name);
    return true;
  };

  for (const item of file.items) {
    if (item.kind !== "space") continue;
    const fresh = declare("space", item.name);
    const model = buildSpace(item, report);
    const analysis = analyzeSpace(model, item.name && previous?.spaces.get(item.name.name)?.analysis);
    diagnostics.push(...analysis.problems);
    for (const [name, label] of model.layers)
      symbols.push({
        kind: "layer",
        name,
        space: model.name,
        start: label.start,
        end: label.end,
        definition: true,
      });
    for (const [name, stage] of model.stages)
      symbols.push({
        kind: "stage",
        name,
        space: model.name,
        start: stage.decl.name!.start,
        end: stage.decl.name!.end,
        definition: true,
      });
    checkDatasetFiles(model, host, report);
    if (fresh && item.name) spaces.set(item.name.name, { decl: item, model, analysis });
  }

  const spaceRef = (ref: A.Ident | undefined): SpaceInfo | undefined => {
    if (!ref) return undefined;
    symbols.push({ kind: "space", name: ref.name, start: ref.start, end: ref.end, definition: false });
    const info = spaces.get(ref.name);
    if (!info) {
      const best = closestName(ref.name, [...spaces.keys()]);
      report({
        start: ref.start,
        end: ref.end,
        severity: "error",
        code: "unknown-space",
        message: `no space named \`${ref.name}\` in this file${spaces.size ? `; spaces: ${[...spaces.keys()].join(", ")}` : ""}`,
        ...(best
          ? {
              fixes: [
                {
                  title: `Change to \`${best}\``,
                  edits: [{ start: ref.start, end: ref.end, newText: best }],
                  preferred: true,
                },
              ],
            }
          : {}),
      });
    }
    return info;
  };

  const searches: SearchInfo[] = [];
  const subnets: SubnetInfo[] = [];
  for (const item of file.items) {
    if (item.kind === "search") {
      declare("search", item.name);
      const space = spaceRef(item.space);
      const config = resolveSearch(item, report);
      if (space) checkSearch(item, config, space, report);
      if (config.train.from && host.fileExists && !host.fileExists(config.train.from)) {
        const t = item.items.find((i): i is A.TrainDecl => i.kind === "train")!;
        report({
          start: t.from!.start,
          end: t.from!.end,
          severity: "warning",
          code: "file-not-found",
          message: `checkpoint \`${config.train.from}\` not found (relative paths are resolved from this file's folder)`,
        });
      }
      searches.push({ decl: item, config, space });
    } else if (item.kind === "subnet") {
      declare("subnet", item.name);
      const space = spaceRef(item.space);
      subnets.push(checkSubnet(item, space, report, symbols));
    }
  }
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  return { file, spaces, searches, subnets, diagnostics, symbols };
}

function checkDatasetFiles(model: SpaceModel, host: CheckHost, report: (d: Diagnostic) => void): void {
  const ds = model.dataset;
  if (!ds || !host.fileExists || ds.kind === "known") return;
  const paths = ds.kind === "idx" ? [ds.images, ds.labels] : [ds.path];
  for (const p of paths) {
    if (!host.fileExists(p)) {
      report({
        start: ds.span.start,
        end: ds.span.end,
        severity: "warning",
        code: "file-not-found",
        message: `dataset file \`${p}\` not found (relative paths are resolved from this file's folder); the run will stop with an error`,
      });
    }
  }
}

// ── search ─────────────────────────────────────────────────────────────────────

function checkSearch(
  d: A.SearchDecl,
  config: SearchConfig,
  space: SpaceInfo,
  report: (d: Diagnostic) => void,
): void {
  const objectives = d.items.find((i): i is A.ObjectivesDecl => i.kind === "objectives");
  const at: A.Span = objectives ?? d.name ?? d;
  if (!objectives || objectives.entries.length === 0) {
    report({
      start: at.start,
      end: at.end,
      severity: "error",
      code: "no-objectives",
      message:
        "this search has no objectives: add e.g. `maximize accuracy` and `minimize macs` in `objectives { … }`",
    });
  } else if (config.objectives.length === 1 && objectives.entries.length === 1) {
    // (With more entries, the others are unknown or repeated metrics, already reported.)
    report({
      start: at.start,
      end: at.end,
      severity: "info",
      code: "single-objective",
      message: `one objective (${config.objectives[0].metric}) has no trade-off: the search returns one best subnet, not a Pareto front`,
    });
  }
  const ranges = analyticRanges(space.analysis);
  for (const o of objectives?.entries ?? []) {
    const metric = o.metric?.name;
    const r = metric && isMetric(metric) ? ranges[metric] : undefined;
    if (r && r.min === r.max) {
      report({
        start: o.start,
        end: o.end,
        severity: "warning",
        code: "constant-objective",
        message: `every subnet of ${space.model.name} has the same ${metric} (${formatMetric(metric!, r.min)}): this objective cannot trade off`,
      });
    }
  }
  for (const c of d.items) {
    if (c.kind !== "constraint" || !c.metric || !c.op || !c.value) continue;
    const metric = c.metric.name;
    // A limit in the wrong unit is reported as `wrong-unit`; its number means nothing here.
    if (!isMetric(metric) || !METRICS.get(metric)?.units.includes(c.value.unit)) continue;
    const r = ranges[metric];
    if (!r) continue;
    const v = c.value.value;
    const best = c.op === "<=" || c.op === "<" ? r.min : r.max;
    const worst = c.op === "<=" || c.op === "<" ? r.max : r.min;
    const meets = (x: number): boolean =>
      c.op === "<=" ? x <= v : c.op === "<" ? x < v : c.op === ">=" ? x >= v : x > v;
    const range = `${formatMetric(metric, r.min)} to ${formatMetric(metric, r.max)}`;
    if (!meets(best)) {
      report({
        start: c.start,
        end: c.end,
        severity: "error",
        code: "infeasible-constraint",
        message: `no subnet of ${space.model.name} can meet ${metric} ${c.op} ${c.value.raw}: its ${metric} ranges from ${range}`,
      });
    } else if (meets(worst)) {
      report({
        start: c.start,
        end: c.end,
        severity: "hint",
        code: "redundant-constraint",
        message: `every subnet of ${space.model.name} meets ${metric} ${c.op} ${c.value.raw} (${metric} ranges from ${range})`,
        unnecessary: true,
      });
    }
  }
  const budget = d.items.find((i): i is A.BudgetDecl => i.kind === "budget" && i.evaluations);
  const population = config.strategy.kind === "random" ? 1 : config.strategy.population;
  if (budget?.value && config.budget.evaluations !== undefined) {
    if (config.budget.evaluations < population) {
      report({
        start: budget.start,
        end: budget.end,
        severity: "warning",
        code: "small-budget",
        message: `a budget of ${config.budget.evaluations} evaluations is smaller than one population (${population}): the search cannot complete a generation`,
      });
    }
    if (BigInt(config.budget.evaluations) > space.analysis.size) {
      report({
        start: budget.start,
        end: budget.end,
        severity: "info",
        code: "budget-exceeds-space",
        message: `the budget exceeds the space's ${formatCount(space.analysis.size)} subnets: the search will evaluate all of them`,
      });
    }
  } else if (config.budget.durationMs === undefined && !d.items.some((i) => i.kind === "budget")) {
    // (A `budget` line that gives neither has its own error.)
    const n = d.name ?? d;
    report({
      start: n.start,
      end: n.end,
      severity: "warning",
      code: "no-budget",
      message:
        "this search has no budget: add `budget N evaluations` and/or a time limit such as `budget 20min`",
    });
  }
}

function analyticRanges(a: SpaceAnalysis): Partial<Record<Metric, { min: number; max: number }>> {
  if (!a.macs || !a.params) return {};
  return { macs: a.macs, params: a.params, model_size: { min: a.params.min * 4, max: a.params.max * 4 } };
}

// ── subnet ─────────────────────────────────────────────────────────────────────

interface ResolvedPath {
  readonly gene?: Gene;
  /** A non-elastic argument or depth: its one value. */
  readonly fixed?: number | boolean | string;
  readonly what: string;
}

function checkSubnet(
  d: A.SubnetDecl,
  space: SpaceInfo | undefined,
  report: (d: Diagnostic) => void,
  symbols: SymbolOccurrence[],
): SubnetInfo {
  if (!space) {
    return { decl: d, space, genome: undefined, cost: undefined, assigned: new Map() };
  }
  const { model } = space;
  const genome = largestGenome(model).map((_, i) => model.genes[i].values.length - 1);
  const assigned = new Map<number, A.Assignment>();
  const err = (
    at: A.Span,
    code: string,
    message: string,
    fixes?: Diagnostic["fixes"],
    severity: Diagnostic["severity"] = "error",
  ): void =>
    report({ start: at.start, end: at.end, severity, code, message, ...(fixes?.length ? { fixes } : {}) });

  const assign = (a: A.Assignment, prefix: A.PathSegment | undefined): void => {
    const segments = prefix ? [prefix, ...a.path.segments] : a.path.segments;
    const found: SymbolOccurrence[] = [];
    const resolved = resolvePath(model, segments, a.path, err, found);
    // A block's own stage name is recorded once for the block (below), not per assignment.
    symbols.push(...found.filter((o) => !prefix || o.start !== prefix.name.start));
    if (!resolved || !a.value) return;
    const v = a.value;
    if (resolved.gene) {
      const g = resolved.gene;
      if (v.kind !== "number")
        return err(v, "wrong-type", `${g.path} must be one of {${g.values.join(", ")}}`);
      const idx = g.values.indexOf(v.value);
      if (idx < 0) {
        const near = g.values[nearestIndex(g.values, v.value)];
        return err(v, "not-a-choice", `${g.path} must be one of {${g.values.join(", ")}}; got ${v.raw}`, [
          {
            title: `Change to ${near} (the nearest choice)`,
            edits: [{ start: v.start, end: v.end, newText: String(near) }],
            preferred: true,
          },
        ]);
      }
      if (assigned.has(g.index)) return err(a, "duplicate-assignment", `${g.path} is assigned twice`);
      assigned.set(g.index, a);
      genome[g.index] = idx;
      return;
    }
    const actual = v.kind === "number" ? v.value : v.kind === "ident" ? v.name : undefined;
    if (actual !== resolved.fixed) {
      err(v, "not-elastic", `${resolved.what} is not elastic: it is always ${String(resolved.fixed)}`);
    } else {
      err(
        a,
        "not-elastic",
        `${resolved.what} is not elastic (always ${String(resolved.fixed)}): this assignment has no effect`,
        [{ title: "Remove the assignment", edits: [{ start: a.start, end: a.end, newText: "" }] }],
        "hint",
      );
    }
  };

  let measured: A.MeasuredDecl | undefined;
  for (const item of d.items) {
    if (item.kind === "assign") assign(item, undefined);
    else if (item.kind === "blockAssign") {
      const segs = item.path.segments;
      const last = segs[segs.length - 1];
      if (segs.length !== 1 || !last.index) {
        err(item.path, "bad-path", "a block assignment names one stage block, as in `s2[0] { kernel = 5 }`");
        continue;
      }
      // The block's stage is named once, however many assignments (even none) the block holds.
      const stage = model.stages.get(last.name.name);
      if (stage)
        symbols.push({
          kind: "stage",
          name: stage.name,
          space: model.name,
          start: last.name.start,
          end: last.name.end,
          definition: false,
        });
      for (const a of item.assignments) assign(a, last);
    } else if (item.kind === "measured") measured = item;
  }
  const canonical = canonicalize(model, genome);
  // Choices in blocks beyond the assigned depth have no effect.
  for (const [geneIndex, a] of assigned) {
    const g = model.genes[geneIndex];
    // Whatever its value (the first value is canonical too), a choice beyond the depth has no effect.
    if (g.stage !== undefined && !isActive(model, genome, g)) {
      err(
        a,
        "beyond-depth",
        `${g.stage}[${g.block}] is beyond ${g.stage}.depth = ${stageDepth(model, genome, g.stage)}: this choice has no effect`,
        [],
        "warning",
      );
    }
  }
  const cost = evaluateSubnet(model, canonical);
  if (measured && cost) checkMeasured(measured, cost, report);
  return { decl: d, space, genome: canonical, cost, assigned };
}

/**
 * What a subnet path names. `segments` include a block's head (`s1[0]` of `s1[0] { kernel = 3 }`);
 * errors about the path as a whole cover `written`, the part the assignment itself wrote.
 */
function resolvePath(
  model: SpaceModel,
  segments: readonly A.PathSegment[],
  written: A.Span,
  err: (at: A.Span, code: string, message: string, fixes?: Diagnostic["fixes"]) => void,
  symbols: SymbolOccurrence[],
): ResolvedPath | undefined {
  if (segments.length === 0) return undefined;
  const [head, ...rest] = segments;
  const text = segments.map((s) => `${s.name.name}${s.index ? `[${s.index.raw}]` : ""}`).join(".");
  const pathSpan: A.Span = { start: written.start, end: written.end };
  // `resolution`
  if (head.name.name === "resolution" && rest.length === 0 && !head.index) {
    const r = model.resolution;
    if (!r) return void err(head, "unknown-path", `${model.name} has no elastic resolution`);
    return r.kind === "gene"
      ? { gene: model.genes[r.gene], what: "resolution" }
      : { fixed: r.value, what: "resolution" };
  }
  const stage = model.stages.get(head.name.name);
  if (stage) {
    symbols.push({
      kind: "stage",
      name: stage.name,
      space: model.name,
      start: head.name.start,
      end: head.name.end,
      definition: false,
    });
    if (!head.index) {
      if (rest.length === 1 && rest[0].name.name === "depth" && !rest[0].index) {
        return stage.depth.kind === "gene"
          ? { gene: model.genes[stage.depth.gene], what: `${stage.name}.depth` }
          : { fixed: stage.depth.value, what: `${stage.name}.depth` };
      }
      return void err(
        pathSpan,
        "unknown-path",
        `\`${text}\` is not a choice: use \`${stage.name}.depth\` or \`${stage.name}[i].ARG\``,
      );
    }
    const b = head.index.value;
    if (!Number.isInteger(b) || b < 0 || b >= stage.blocks.length) {
      return void err(
        head.index,
        "unknown-path",
        `${stage.name} has ${stage.blocks.length} block${stage.blocks.length === 1 ? "" : "s"} (indices 0 to ${stage.blocks.length - 1}); ${stage.name}[${head.index.raw}] does not exist`,
      );
    }
    const label = rest.length === 2 ? rest[0].name : undefined;
    const argSeg = rest[rest.length - 1];
    if (!argSeg || rest.length > 2)
      return void err(pathSpan, "unknown-path", `\`${text}\`: expected \`${stage.name}[${b}].ARG\``);
    if (label) {
      if (!model.layers.has(label.name))
        return void err(label, "unknown-path", `no layer \`${label.name}\` in stage ${stage.name}`);
      symbols.push({
        kind: "layer",
        name: label.name,
        space: model.name,
        start: label.start,
        end: label.end,
        definition: false,
      });
    }
    const withArg = model.genes.filter(
      (g) =>
        g.stage === stage.name &&
        g.block === b &&
        g.kind === "arg" &&
        g.arg === argSeg.name.name &&
        (!label || g.label === label.name),
    );
    // Without a label, several ops with this choice mean the unlabelled one (as the model names paths).
    const candidates = !label && withArg.length > 1 ? withArg.filter((g) => g.label === undefined) : withArg;
    if (candidates.length === 1) return { gene: candidates[0], what: candidates[0].path };
    if (candidates.length > 1 || (candidates.length === 0 && withArg.length > 1)) {
      return void err(
        pathSpan,
        "ambiguous-path",
        `\`${text}\` is ambiguous: ${withArg.length} ops of ${stage.name}[${b}] have an elastic \`${argSeg.name.name}\`; label the layers and write \`${stage.name}[${b}].LABEL.${argSeg.name.name}\``,
      );
    }
    const fixed = fixedArg(stage.blocks[b], argSeg.name.name, label?.name);
    if (fixed !== undefined) return { fixed, what: `${stage.name}[${b}].${argSeg.name.name}` };
    // The stage has an op the checker could not resolve (already reported): don't pile on.
    if (!stage.complete) return undefined;
    const elastic = [
      ...new Set(
        model.genes
          .filter((g) => g.stage === stage.name && g.block === b && g.kind === "arg")
          .map((g) => g.arg!),
      ),
    ];
    const best = closestName(argSeg.name.name, elastic);
    return void err(
      argSeg.name,
      "unknown-path",
      `${stage.name}[${b}] has no choice \`${argSeg.name.name}\`${elastic.length ? `; its choices: ${elastic.join(", ")}` : ""}`,
      best
        ? [
            {
              title: `Change to \`${best}\``,
              edits: [{ start: argSeg.name.start, end: argSeg.name.end, newText: best }],
              preferred: true,
            },
          ]
        : undefined,
    );
  }
  if (model.layers.has(head.name.name)) {
    symbols.push({
      kind: "layer",
      name: head.name.name,
      space: model.name,
      start: head.name.start,
      end: head.name.end,
      definition: false,
    });
    const arg = rest[0];
    if (!arg || rest.length !== 1 || head.index)
      return void err(pathSpan, "unknown-path", `\`${text}\`: expected \`${head.name.name}.ARG\``);
    const gene = model.genes.find(
      (g) =>
        g.kind === "arg" && g.stage === undefined && g.label === head.name.name && g.arg === arg.name.name,
    );
    if (gene) return { gene, what: gene.path };
    return void err(
      arg.name,
      "unknown-path",
      `layer \`${head.name.name}\` has no elastic \`${arg.name.name}\``,
    );
  }
  const gene = model.genes.find((g) => g.path === text);
  if (gene) return { gene, what: gene.path };
  const names = ["resolution", ...model.stages.keys(), ...model.layers.keys()];
  const best = closestName(head.name.name, names);
  return void err(
    head.name,
    "unknown-path",
    `${model.name} has no stage or layer named \`${head.name.name}\``,
    best
      ? [
          {
            title: `Change to \`${best}\``,
            edits: [{ start: head.name.start, end: head.name.end, newText: best }],
            preferred: true,
          },
        ]
      : undefined,
  );
}

/** The value of a non-elastic argument in a block, if exactly one op there has it. */
function fixedArg(
  block: readonly ChainNode[],
  arg: string,
  label: string | undefined,
): number | boolean | string | undefined {
  const found: (number | boolean | string)[] = [];
  const visit = (nodes: readonly ChainNode[]): void => {
    for (const n of nodes) {
      if (n.kind === "residual") visit(n.body);
      else if (!label || n.label === label) {
        const b = n.args.get(arg);
        if (b?.kind === "fixed") found.push(b.value);
      }
    }
  };
  visit(block);
  return found.length === 1 ? found[0] : undefined;
}

/** Analytic metrics recorded by a run, compared with what the current space gives. */
function checkMeasured(m: A.MeasuredDecl, cost: SubnetCost, report: (d: Diagnostic) => void): void {
  const now: Record<string, number> = analyticMetrics(cost);
  for (const e of m.entries) {
    const name = e.name;
    if (!name) continue;
    const key = name.name;
    if (key === "run" || key === "predicted") continue;
    if (!isMetric(key)) {
      const best = closestName(key, [...METRICS.keys(), "run"]);
      report({
        start: name.start,
        end: name.end,
        severity: "warning",
        code: "unknown-metric",
        message: `unknown metric \`${key}\` in measured: expected ${[...METRICS.keys()].join(", ")} or run`,
        ...(best
          ? {
              fixes: [
                {
                  title: `Change to \`${best}\``,
                  edits: [{ start: name.start, end: name.end, newText: best }],
                  preferred: true,
                },
              ],
            }
          : {}),
      });
      continue;
    }
    const v = e.value;
    if (!v || v.kind !== "number" || now[key] === undefined) continue;
    const actual = now[key];
    // Measured values are printed to 3 significant figures, so allow that much rounding.
    if (Math.abs(v.value - actual) > Math.max(0.005 * Math.abs(actual), 0.5)) {
      const printed = formatMetric(key, actual);
      report({
        start: v.start,
        end: v.end,
        severity: "warning",
        code: "stale-measured",
        message: `measured ${key} ${v.raw} no longer matches the space: this subnet now has ${printed} (the space changed since the run)`,
        fixes: [
          {
            title: `Update to ${printed}`,
            edits: [{ start: v.start, end: v.end, newText: printed }],
            preferred: true,
          },
        ],
      });
    }
  }
}
