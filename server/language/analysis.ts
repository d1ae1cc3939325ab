/**
 * Shape and cost inference over a whole space without enumerating its subnets: a dynamic
 * programme over the distinct tensor shapes that can flow between layers. Each state carries the
 * least and greatest MACs and params of any way to reach it, so the space's exact minimum and
 * maximum come out of one pass; shape errors are found for every reachable shape, with a witness
 * (the choices that lead there). The same walk with one value per gene evaluates one subnet.
 */
import type { Span } from "./ast";
import type { Diagnostic } from "./diagnostics";
import type { ChainNode, OpNode, SeqNode, SpaceModel, StageNode } from "./model";
import { LruCache } from "./lru";
import type { Shape } from "./shapes";
import { formatShape, sameShape, shapeKey } from "./shapes";

export interface Range {
  readonly min: number;
  readonly max: number;
}

/** What one op (one source call) does over every reachable state and choice. */
export interface OpStats {
  readonly inputs: Set<string>;
  readonly outputs: Set<string>;
  macs: Range;
  params: Range;
}

export interface SpaceAnalysis {
  readonly macs: Range | undefined;
  readonly params: Range | undefined;
  /** The exact number of distinct subnets (canonical encodings). */
  readonly size: bigint;
  /** Output shapes of the whole network. */
  readonly outputs: readonly Shape[];
  /** Per source op call, by its start offset (worked out on first use: hovers and the graph). */
  readonly ops: OpStatsLookup;
  /** Per stage, the range of its contribution and its output shapes. */
  readonly stages: ReadonlyMap<string, { macs: Range; params: Range; outputs: Set<string> }>;
  readonly problems: readonly Diagnostic[];
}

export interface OpStatsLookup {
  get(offset: number): OpStats | undefined;
}

interface State {
  readonly shape: Shape;
  macsMin: number;
  macsMax: number;
  paramsMin: number;
  paramsMax: number;
  /** The shape-changing choices that first led to this shape, for error messages. */
  readonly witness: Witness | undefined;
}

/**
 * An immutable list of groups of choices, newest group first: extending it is O(1) however deep
 * the space, and shares the (cached) choice arrays of stage and op summaries.
 */
interface Witness {
  readonly choices: readonly string[];
  readonly rest: Witness | undefined;
}

function extend(w: Witness | undefined, choices: readonly string[]): Witness | undefined {
  return choices.length ? { choices, rest: w } : w;
}

/** A witness's choices, oldest first. */
function chronological(w: Witness | undefined): string[] {
  const groups: (readonly string[])[] = [];
  for (let x = w; x; x = x.rest) groups.push(x.choices);
  return groups.reverse().flat();
}

type States = Map<string, State>;

/**
 * Analyses a space. With `previous` (the analysis of the same space before an edit), the walk
 * resumes where the space's items first differ, reusing what it saw before that item.
 */
export function analyzeSpace(model: SpaceModel, previous?: SpaceAnalysis): SpaceAnalysis {
  const walker = new Walker(model);
  const analysis = walker.run(previous && traces.get(previous));
  if (walker.trace) traces.set(analysis, walker.trace);
  return analysis;
}

/** What a walk over a space's items saw before each one (arrays of length items + 1). */
interface WalkTrace {
  /** The walk's initial shapes and choices. */
  readonly start: string;
  readonly items: readonly SeqNode[];
  /** Where each item started when walked: its problems carry offsets, so a moved item is walked again. */
  readonly starts: readonly number[];
  readonly entering: readonly States[];
  readonly problems: readonly Diagnostic[];
  /** How many problems had been found before each item. */
  readonly problemCounts: readonly number[];
  readonly stageInputs: readonly { stage: StageNode; shapes: Shape[] }[];
  readonly ops: ReadonlyMap<number, OpStats>;
  readonly stages: ReadonlyMap<string, { macs: Range; params: Range; outputs: Set<string> }>;
}

const traces = new WeakMap<SpaceAnalysis, WalkTrace>();

function itemStart(item: SeqNode): number {
  return item.kind === "op" ? item.call.start : item.decl.start;
}

/**
 * Whether an item of the new model does what the old one did: the same stage model, or the same
 * stage or op source with the same structure (a stage rebuilt only to renumber its genes).
 */
function sameItem(model: SpaceModel, old: SeqNode, oldStart: number, item: SeqNode): boolean {
  if (itemStart(item) !== oldStart) return false;
  if (old === item) return true;
  if (old.kind === "stage" && item.kind === "stage")
    return old.decl === item.decl && stageKeys.get(old) === stageKey(model, item);
  if (old.kind === "op" && item.kind === "op")
    return old.call === item.call && signatures.get(old) === opSignature(model, item);
  return false;
}

class Walker {
  private readonly ops = new Map<number, OpStats>();
  /** The shapes that reach each stage, in source order: enough to work out its ops' stats later. */
  private readonly stageInputs: { stage: StageNode; shapes: Shape[] }[] = [];
  private readonly stages = new Map<string, { macs: Range; params: Range; outputs: Set<string> }>();
  private readonly problems: Diagnostic[] = [];
  private readonly reported = new Set<string>();
  /** Filled by `run` for the next analysis of this space. */
  trace: WalkTrace | undefined;

  constructor(private readonly model: SpaceModel) {}

  run(previous?: WalkTrace): SpaceAnalysis {
    const size = spaceSize(this.model);
    const input = this.model.input;
    if (!input)
      return {
        macs: undefined,
        params: undefined,
        size,
        outputs: [],
        ops: this.ops,
        stages: this.stages,
        problems: this.problems,
      };
    const ops = this.opLookup();
    let states: States = new Map();
    const res = this.model.resolution;
    const sides =
      res === undefined || input.kind !== "image"
        ? [undefined]
        : res.kind === "fixed"
          ? [res.value as number]
          : this.model.genes[res.gene].values;
    for (const side of sides) {
      const shape: Shape =
        side !== undefined && input.kind === "image" ? { ...input, h: side, w: side } : input;
      const witness =
        side !== undefined && res?.kind === "gene" ? extend(undefined, [`resolution = ${side}`]) : undefined;
      merge(states, { shape, macsMin: 0, macsMax: 0, paramsMin: 0, paramsMax: 0, witness });
    }
    const items = this.model.items;
    const start = `${shapeKey(input)}|${res?.kind ?? ""}|${sides.join(",")}`;
    const first = previous?.start === start ? this.resume(previous) : 0;
    const entering = previous ? previous.entering.slice(0, first) : [];
    const problemCounts = previous ? previous.problemCounts.slice(0, first) : [];
    if (first > 0) states = previous!.entering[first];
    for (let i = first; i <= items.length; i++) {
      entering[i] = states;
      problemCounts[i] = this.problems.length;
      if (i < items.length) states = this.seq(items[i], states);
    }
    this.trace = {
      start,
      items,
      starts: items.map(itemStart),
      entering,
      problems: this.problems,
      problemCounts,
      stageInputs: this.stageInputs,
      ops: this.ops,
      stages: this.stages,
    };
    const all = [...states.values()];
    this.checkOutput(all);
    return {
      macs: all.length
        ? { min: Math.min(...all.map((s) => s.macsMin)), max: Math.max(...all.map((s) => s.macsMax)) }
        : undefined,
      params: all.length
        ? { min: Math.min(...all.map((s) => s.paramsMin)), max: Math.max(...all.map((s) => s.paramsMax)) }
        : undefined,
      size,
      outputs: all.map((s) => s.shape),
      ops,
      stages: this.stages,
      problems: this.problems,
    };
  }

  /**
   * Takes over what the previous walk saw before the first item that changed (its problems, the
   * shapes reaching its stages, its stage and op figures); returns that item's index.
   */
  private resume(previous: WalkTrace): number {
    const items = this.model.items;
    let first = 0;
    while (
      first < items.length &&
      first < previous.items.length &&
      sameItem(this.model, previous.items[first], previous.starts[first], items[first])
    )
      first++;
    for (const p of previous.problems.slice(0, previous.problemCounts[first])) {
      this.problems.push(p);
      this.reported.add(`${p.start}:${p.code}`);
    }
    // One entry per stage walked, in order. A stage keeps the new model's node: one rebuilt only
    // to renumber its genes must be walked (for its op stats) with its own gene indices.
    let reached = 0;
    for (const item of items.slice(0, first)) {
      if (item.kind === "stage") {
        this.stageInputs.push({ stage: item, shapes: previous.stageInputs[reached++].shapes });
        const figures = previous.stages.get(item.name);
        if (figures) this.stages.set(item.name, figures);
      } else if (item.kind === "op") {
        const stats = previous.ops.get(item.call.start);
        if (stats) this.ops.set(item.call.start, stats);
      }
    }
    return first;
  }

  /**
   * Op stats: those of top-level ops as walked; a stage's are worked out when one of its ops is
   * first asked for, by walking it again from the shapes that reach it (most re-checks of an
   * edited file are never hovered, and keeping every stage's stats costs memory).
   */
  private opLookup(): OpStatsLookup {
    const byStage = new Map<StageNode, Map<number, OpStats>>();
    const stageStats = (offset: number): OpStats | undefined => {
      const entry = this.stageAt(offset);
      if (!entry) return undefined;
      let stats = byStage.get(entry.stage);
      if (!stats) {
        stats = new Map();
        for (const shape of entry.shapes)
          for (const [at, s] of Walker.walkStage(this.model, entry.stage, shape).ops)
            mergeStats(stats, at, s);
        byStage.set(entry.stage, stats);
      }
      return stats.get(offset);
    };
    return { get: (offset) => this.ops.get(offset) ?? stageStats(offset) };
  }

  /** The stage whose text holds `offset` (binary search: stages are walked in source order). */
  private stageAt(offset: number): { stage: StageNode; shapes: Shape[] } | undefined {
    let lo = 0;
    let hi = this.stageInputs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const { decl } = this.stageInputs[mid].stage;
      if (offset < decl.start) hi = mid - 1;
      else if (offset >= decl.end) lo = mid + 1;
      else return this.stageInputs[mid];
    }
    return undefined;
  }

  private seq(item: SeqNode, states: States): States {
    return item.kind === "stage" ? this.stage(item, states) : this.node(item, states);
  }

  /**
   * A stage acts as one composite op: its summary per input shape (output shapes with cost
   * ranges, its ops' stats and problems, offsets relative to the stage) is cached by the stage's
   * structure, so re-checking an edited file recomputes only the stages that changed.
   */
  private stage(stage: StageNode, states: States): States {
    const key = stageKey(this.model, stage);
    const base = stage.decl.start;
    const out: States = new Map();
    const own = {
      macsMin: Infinity,
      macsMax: -Infinity,
      paramsMin: Infinity,
      paramsMax: -Infinity,
      outputs: new Set<string>(),
    };
    this.stageInputs.push({ stage, shapes: [...states.values()].map((s) => s.shape) });
    for (const s of states.values()) {
      const summary = summarizeStage(this.model, stage, key, s.shape);
      for (const p of summary.problems)
        this.problem(
          { start: base + p.start, end: base + p.end },
          p.code,
          p.message,
          p.severity === "warning" ? "warning" : "error",
        );
      for (const t of summary.transitions) {
        merge(out, advance(s, t, extend(s.witness, t.choices)));
        own.macsMin = Math.min(own.macsMin, t.macsMin);
        own.macsMax = Math.max(own.macsMax, t.macsMax);
        own.paramsMin = Math.min(own.paramsMin, t.paramsMin);
        own.paramsMax = Math.max(own.paramsMax, t.paramsMax);
        own.outputs.add(t.label);
      }
    }
    if (own.outputs.size)
      this.stages.set(stage.name, {
        macs: { min: own.macsMin, max: own.macsMax },
        params: { min: own.paramsMin, max: own.paramsMax },
        outputs: own.outputs,
      });
    return out;
  }

  /** Walks one stage from one input shape with zero costs (used by `summarizeStage`). */
  static walkStage(
    model: SpaceModel,
    stage: StageNode,
    input: Shape,
  ): { states: States; ops: Map<number, OpStats>; problems: Diagnostic[] } {
    const w = new Walker(model);
    const start: State = {
      shape: input,
      macsMin: 0,
      macsMax: 0,
      paramsMin: 0,
      paramsMax: 0,
      witness: extend(undefined, [`${stage.name} input = ${formatShape(input)}`]),
    };
    const states = w.stageStates(stage, new Map([[shapeKey(input), start]]));
    return { states, ops: w.ops, problems: w.problems };
  }

  stageStates(stage: StageNode, states: States): States {
    const depths =
      stage.depth.kind === "fixed"
        ? [stage.depth.value as number]
        : this.model.genes[stage.depth.gene].values;
    const out: States = new Map();
    let current = states;
    for (let b = 0; b <= stage.blocks.length; b++) {
      if (depths.includes(b)) {
        for (const s of current.values()) {
          merge(out, {
            ...s,
            witness:
              stage.depth.kind === "gene" && depths.length > 1
                ? extend(s.witness, [`${stage.name}.depth = ${b}`])
                : s.witness,
          });
        }
      }
      if (b === stage.blocks.length || b >= Math.max(...depths)) break;
      for (const n of stage.blocks[b]) current = this.node(n, current);
    }
    return out;
  }

  private node(n: ChainNode, states: States): States {
    if (n.kind === "op") return this.op(n, states);
    const out: States = new Map();
    for (const s of states.values()) {
      let inner: States = new Map([[shapeKey(s.shape), s]]);
      for (const child of n.body) inner = this.node(child, inner);
      for (const r of inner.values()) {
        if (sameShape(r.shape, s.shape)) merge(out, r);
        else
          this.problem(
            n.decl.keyword,
            "residual-shape",
            `residual shape mismatch: the chain turns ${formatShape(s.shape)} into ${formatShape(r.shape)}${when(r.witness)}; a skip connection needs the same shape`,
          );
      }
    }
    return out;
  }

  private op(n: OpNode, states: States): States {
    const out: States = new Map();
    const sig = opSignature(this.model, n);
    let stats = this.ops.get(n.call.start);
    if (!stats) {
      stats = {
        inputs: new Set<string>(),
        outputs: new Set<string>(),
        macs: { min: Infinity, max: -Infinity },
        params: { min: Infinity, max: -Infinity },
      };
      this.ops.set(n.call.start, stats);
    }
    for (const s of states.values()) {
      const summary = summarizeOp(this.model, n, sig, s.shape);
      if (summary.error)
        this.problem(
          n.call.name,
          "shape",
          `${summary.error.message}${when(extend(s.witness, this.choices(n, summary.error.choices)))}`,
        );
      if (summary.warning)
        this.problem(
          n.call.name,
          "shape-warning",
          `${summary.warning.message}${when(extend(s.witness, this.choices(n, summary.warning.choices)))}`,
          "warning",
        );
      if (summary.transitions.length === 0) continue;
      stats.inputs.add(formatShape(s.shape));
      stats.macs = {
        min: Math.min(stats.macs.min, summary.macs.min),
        max: Math.max(stats.macs.max, summary.macs.max),
      };
      stats.params = {
        min: Math.min(stats.params.min, summary.params.min),
        max: Math.max(stats.params.max, summary.params.max),
      };
      for (const t of summary.transitions) {
        stats.outputs.add(t.label);
        const witness = t.choices.length ? extend(s.witness, this.choices(n, t.choices)) : s.witness;
        merge(out, advance(s, t, witness));
      }
    }
    return out;
  }

  /** `s2[0].out = 40`-style descriptions of an op's argument choices. */
  private choices(n: OpNode, args: readonly (readonly [string, number | boolean | string])[]): string[] {
    return args.map(([name, v]) => {
      const b = n.args.get(name);
      return b?.kind === "gene"
        ? `${this.model.genes[b.gene].path} = ${String(v)}`
        : `${name} = ${String(v)}`;
    });
  }

  private checkOutput(all: State[]): void {
    const name = this.model.decl.name;
    if (!name || all.length === 0) return;
    const ds = this.model.dataset;
    const classes = ds?.kind === "known" ? ds.info.classes : ds?.classes;
    for (const s of all) {
      if (s.shape.kind !== "vector") {
        this.problem(
          name,
          "output-shape",
          `the space ends in ${formatShape(s.shape)}${when(s.witness)}; a classifier must end in a vector of class scores, e.g. \`head: gap dense(classes)\``,
        );
      } else if (classes !== undefined && s.shape.n !== classes) {
        this.problem(
          name,
          "output-shape",
          `the space ends in ${s.shape.n} outputs${when(s.witness)} but the dataset has ${classes} classes: end with \`dense(classes)\``,
        );
      }
    }
  }

  private problem(at: Span, code: string, message: string, severity: "error" | "warning" = "error"): void {
    // One report per place and kind: the first witness is enough to act on.
    const key = `${at.start}:${code}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ start: at.start, end: at.end, severity, code, message });
  }
}

interface StageSummary {
  readonly transitions: readonly {
    out: Shape;
    label: string;
    macsMin: number;
    macsMax: number;
    paramsMin: number;
    paramsMax: number;
    choices: readonly string[];
  }[];
  /** Problems with offsets relative to the stage's start. */
  readonly problems: readonly Diagnostic[];
}

/**
 * Stage summaries by input shape, kept for as long as the stage's model lives (the model builder
 * reuses the models of unchanged stages, however many a file has), and by stage structure for a
 * few thousand recently seen stages (a stage rebuilt with other gene indices, an undone edit).
 */
const summariesOfStage = new WeakMap<StageNode, Map<string, StageSummary>>();
const stageSummaries = new LruCache<string, Map<string, StageSummary>>(4_000);

/** Stage keys by stage model: a stage the model builder reuses keeps its key. */
const stageKeys = new WeakMap<StageNode, string>();

/** A stage's structure: name, depths, and each op's signature and place relative to the stage. */
function stageKey(model: SpaceModel, stage: StageNode): string {
  let key = stageKeys.get(stage);
  if (key === undefined) {
    key = structureOf(model, stage);
    stageKeys.set(stage, key);
  }
  return key;
}

function structureOf(model: SpaceModel, stage: StageNode): string {
  const base = stage.decl.start;
  const parts: string[] = [
    stage.name,
    stage.depth.kind === "fixed" ? String(stage.depth.value) : model.genes[stage.depth.gene].values.join(","),
  ];
  const visit = (nodes: readonly ChainNode[]): void => {
    for (const n of nodes) {
      if (n.kind === "residual") {
        parts.push(`R${n.decl.keyword.start - base}(`);
        visit(n.body);
        parts.push(")");
      } else parts.push(`${n.call.name.start - base}:${n.call.name.end - base}:${opSignature(model, n)}`);
    }
  };
  for (const block of stage.blocks) {
    parts.push("|");
    visit(block);
  }
  return parts.join(" ");
}

function summarizeStage(model: SpaceModel, stage: StageNode, key: string, input: Shape): StageSummary {
  let byInput = summariesOfStage.get(stage);
  if (!byInput) {
    byInput = stageSummaries.get(key) ?? new Map<string, StageSummary>();
    stageSummaries.set(key, byInput);
    summariesOfStage.set(stage, byInput);
  }
  const inputKey = shapeKey(input);
  const hit = byInput.get(inputKey);
  if (hit) return hit;
  const base = stage.decl.start;
  const walked = Walker.walkStage(model, stage, input);
  const summary: StageSummary = {
    transitions: [...walked.states.values()].map((s) => ({
      out: s.shape,
      label: formatShape(s.shape),
      macsMin: s.macsMin,
      macsMax: s.macsMax,
      paramsMin: s.paramsMin,
      paramsMax: s.paramsMax,
      choices: chronological(s.witness).slice(1),
    })),
    problems: walked.problems.map((p) => ({ ...p, start: p.start - base, end: p.end - base })),
  };
  byInput.set(inputKey, summary);
  return summary;
}

function mergeStats(into: Map<number, OpStats>, offset: number, stats: OpStats): void {
  const prev = into.get(offset);
  if (!prev) {
    into.set(offset, {
      inputs: new Set(stats.inputs),
      outputs: new Set(stats.outputs),
      macs: stats.macs,
      params: stats.params,
    });
    return;
  }
  for (const x of stats.inputs) prev.inputs.add(x);
  for (const x of stats.outputs) prev.outputs.add(x);
  prev.macs = { min: Math.min(prev.macs.min, stats.macs.min), max: Math.max(prev.macs.max, stats.macs.max) };
  prev.params = {
    min: Math.min(prev.params.min, stats.params.min),
    max: Math.max(prev.params.max, stats.params.max),
  };
}

/** One output shape an op can produce from one input shape, over all its argument choices. */
interface Transition {
  readonly out: Shape;
  readonly label: string;
  macsMin: number;
  macsMax: number;
  paramsMin: number;
  paramsMax: number;
  /** The first choices (of shape-changing arguments) that give this output. */
  readonly choices: readonly (readonly [string, number | boolean | string])[];
}

interface OpSummary {
  readonly transitions: readonly Transition[];
  readonly macs: Range;
  readonly params: Range;
  readonly error?: {
    readonly message: string;
    readonly choices: readonly (readonly [string, number | boolean | string])[];
  };
  readonly warning?: {
    readonly message: string;
    readonly choices: readonly (readonly [string, number | boolean | string])[];
  };
}

/**
 * What an op does to one input shape depends only on its kind, its arguments' value sets and
 * that shape: summaries are shared by every op with the same signature (the repeated blocks of
 * a stage, repeated stages) and kept across re-checks of an edited document.
 */
const summaries = new LruCache<string, OpSummary>(50_000);
const signatures = new WeakMap<OpNode, string>();

function opSignature(model: SpaceModel, n: OpNode): string {
  let sig = signatures.get(n);
  if (sig === undefined) {
    const parts: string[] = [];
    for (const [name, b] of n.args)
      parts.push(
        `${name}=${b.kind === "fixed" ? String(b.value) : `{${model.genes[b.gene].values.join(",")}}`}`,
      );
    sig = `${n.spec.name}(${parts.join(";")})`;
    signatures.set(n, sig);
  }
  return sig;
}

function summarizeOp(model: SpaceModel, n: OpNode, sig: string, input: Shape): OpSummary {
  const key = `${sig}|${shapeKey(input)}`;
  const hit = summaries.get(key);
  if (hit) return hit;
  const values: Record<string, number | boolean | string> = {};
  const elastic: { name: string; values: readonly (number | boolean | string)[]; shapes: boolean }[] = [];
  for (const [name, b] of n.args) {
    if (b.kind === "fixed") values[name] = b.value;
    else
      elastic.push({
        name,
        values: model.genes[b.gene].values,
        shapes: n.spec.args.find((a) => a.name === name)?.shapes === true,
      });
  }
  const transitions = new Map<string, Transition>();
  let macs = { min: Infinity, max: -Infinity };
  let params = { min: Infinity, max: -Infinity };
  let error: OpSummary["error"];
  let warning: OpSummary["warning"];
  const chosen: [string, number | boolean | string][] = [];
  const visit = (i: number): void => {
    if (i < elastic.length) {
      for (const v of elastic[i].values) {
        values[elastic[i].name] = v;
        chosen.push([elastic[i].name, v]);
        visit(i + 1);
        chosen.pop();
      }
      return;
    }
    const r = n.spec.apply(input, values);
    if (typeof r === "string") {
      error ??= { message: r, choices: [...chosen] };
      return;
    }
    if (r.warning) warning ??= { message: r.warning, choices: [...chosen] };
    macs = { min: Math.min(macs.min, r.macs), max: Math.max(macs.max, r.macs) };
    params = { min: Math.min(params.min, r.params), max: Math.max(params.max, r.params) };
    const k = shapeKey(r.out);
    const t = transitions.get(k);
    if (!t) {
      const shapeChoices = chosen.filter(([name]) => elastic.find((e) => e.name === name)!.shapes);
      transitions.set(k, {
        out: r.out,
        label: formatShape(r.out),
        macsMin: r.macs,
        macsMax: r.macs,
        paramsMin: r.params,
        paramsMax: r.params,
        choices: shapeChoices,
      });
      return;
    }
    t.macsMin = Math.min(t.macsMin, r.macs);
    t.macsMax = Math.max(t.macsMax, r.macs);
    t.paramsMin = Math.min(t.paramsMin, r.params);
    t.paramsMax = Math.max(t.paramsMax, r.params);
  };
  visit(0);
  const summary: OpSummary = {
    transitions: [...transitions.values()],
    macs,
    params,
    ...(error ? { error } : {}),
    ...(warning ? { warning } : {}),
  };
  summaries.set(key, summary);
  return summary;
}

/** The state reached from `s` through an op's or a stage's transition `t`: their costs add up. */
function advance(
  s: State,
  t: { out: Shape; macsMin: number; macsMax: number; paramsMin: number; paramsMax: number },
  witness: Witness | undefined,
): State {
  return {
    shape: t.out,
    macsMin: s.macsMin + t.macsMin,
    macsMax: s.macsMax + t.macsMax,
    paramsMin: s.paramsMin + t.paramsMin,
    paramsMax: s.paramsMax + t.paramsMax,
    witness,
  };
}

function merge(states: States, s: State): void {
  const key = shapeKey(s.shape);
  const prev = states.get(key);
  if (!prev) {
    states.set(key, { ...s });
    return;
  }
  prev.macsMin = Math.min(prev.macsMin, s.macsMin);
  prev.macsMax = Math.max(prev.macsMax, s.macsMax);
  prev.paramsMin = Math.min(prev.paramsMin, s.paramsMin);
  prev.paramsMax = Math.max(prev.paramsMax, s.paramsMax);
}

/** ` (when resolution = 20, …, s3[0].out = 40)`: the root choice and the latest ones. */
function when(witness: Witness | undefined): string {
  const all = chronological(witness);
  if (all.length === 0) return "";
  const latest = all.slice(Math.max(1, all.length - 3));
  const skipped = all.length - 1 > latest.length;
  return ` (when ${[all[0], ...(skipped ? ["…"] : []), ...latest].join(", ")})`;
}

/**
 * The number of distinct subnets: genes in blocks beyond a stage's depth do not count, so a
 * stage contributes Σ over its depths d of the product of its first d blocks' choice counts.
 */
export function spaceSize(model: SpaceModel): bigint {
  let size = 1n;
  for (const g of model.genes) if (g.stage === undefined) size *= BigInt(g.values.length);
  for (const stage of model.stages.values()) size *= stageSize(model, stage);
  return size;
}

/** Stage sizes by stage model: a stage the model builder reuses keeps its size. */
const stageSizes = new WeakMap<StageNode, bigint>();

function stageSize(model: SpaceModel, stage: StageNode): bigint {
  let total = stageSizes.get(stage);
  if (total !== undefined) return total;
  const depths =
    stage.depth.kind === "fixed" ? [stage.depth.value as number] : model.genes[stage.depth.gene].values;
  total = 0n;
  let prefix = 1n;
  for (let b = 0; b <= stage.blocks.length; b++) {
    if (depths.includes(b)) total += prefix;
    if (b === stage.blocks.length) break;
    prefix *= blockChoices(model, stage.blocks[b]);
  }
  stageSizes.set(stage, total);
  return total;
}

/** The product of the choice counts of a block's genes. */
function blockChoices(model: SpaceModel, nodes: readonly ChainNode[]): bigint {
  let count = 1n;
  for (const n of nodes) {
    if (n.kind === "residual") count *= blockChoices(model, n.body);
    else
      for (const b of n.args.values())
        if (b.kind === "gene") count *= BigInt(model.genes[b.gene].values.length);
  }
  return count;
}

/** `2.2e19`, `1,296`: a short form of a (big) count. */
export function formatCount(n: bigint): string {
  if (n < 100000n) return n.toLocaleString("en-US");
  const digits = n.toString();
  // Round to two significant figures from the leading three digits (exact for any size).
  const lead = Math.round(Number(digits.slice(0, 3)) / 10);
  const exponent = digits.length - 1 + (lead >= 100 ? 1 : 0);
  const mantissa = lead >= 100 ? lead / 100 : lead / 10;
  return `${mantissa.toFixed(1)}e${exponent}`;
}
