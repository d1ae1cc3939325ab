/**
 * The semantic model of a space: its ops with resolved arguments, and its genes (the elastic
 * choices a subnet makes). Built from the syntax tree by `buildSpace`, which reports what it
 * cannot resolve; a partially broken space still yields a model of what could be resolved.
 */
import type * as A from "./ast";
import type { KnownDataset } from "./datasets";
import { KNOWN_DATASETS } from "./datasets";
import type { Diagnostic, Fix } from "./diagnostics";
import { movedBy } from "./diagnostics";
import type { ArgSpec, OpSpec } from "./ops";
import { ACTIVATIONS, OPS } from "./ops";
import type { Shape } from "./shapes";
import { closestName } from "./suggest";

/** One elastic choice of the space. `values` are ascending and unique; a gene value is an index into them. */
export interface Gene {
  readonly index: number;
  /** The path a subnet assigns it by: `resolution`, `s1.depth`, `s2[0].kernel`, `stem.out`. */
  readonly path: string;
  readonly values: readonly number[];
  readonly span: A.Span;
  readonly kind: "resolution" | "depth" | "arg";
  readonly stage?: string;
  readonly block?: number;
  readonly arg?: string;
  readonly label?: string;
}

export type ArgBinding =
  | { readonly kind: "fixed"; readonly value: number | boolean | string }
  | { readonly kind: "gene"; readonly gene: number };

export interface OpNode {
  readonly kind: "op";
  readonly spec: OpSpec;
  readonly call: A.OpCall;
  readonly args: ReadonlyMap<string, ArgBinding>;
  readonly label: string | undefined;
  /** Where this op sits: `stem`, `s2[1]`, or `layer 3`. */
  readonly owner: string;
}

export interface ResidualNode {
  readonly kind: "residual";
  readonly decl: A.ResidualBlock;
  readonly body: readonly ChainNode[];
}

export type ChainNode = OpNode | ResidualNode;

export interface StageNode {
  readonly kind: "stage";
  readonly name: string;
  readonly decl: A.StageDecl;
  /** The gene of the depth, or a fixed depth. */
  readonly depth: ArgBinding;
  /** One chain per repetition, up to the largest depth; each has its own genes. */
  readonly blocks: readonly (readonly ChainNode[])[];
  /** False when an op of the stage could not be resolved: its choices are then not all known. */
  readonly complete: boolean;
}

export type SeqNode = ChainNode | StageNode;

export type DatasetRef =
  | { readonly kind: "known"; readonly info: KnownDataset; readonly span: A.Span }
  | {
      readonly kind: "idx";
      readonly images: string;
      readonly labels: string;
      readonly classes?: number;
      readonly span: A.Span;
    }
  | {
      readonly kind: "csv";
      readonly path: string;
      readonly label: string;
      readonly classes?: number;
      readonly span: A.Span;
    };

export interface SpaceModel {
  readonly name: string;
  readonly decl: A.SpaceDecl;
  /** The declared input shape, before any resolution change. */
  readonly input: Shape | undefined;
  readonly resolution: ArgBinding | undefined;
  readonly dataset: DatasetRef | undefined;
  readonly items: readonly SeqNode[];
  readonly genes: readonly Gene[];
  /** Labelled layers by name, with the label's span (for navigation). */
  readonly layers: ReadonlyMap<string, A.Ident>;
  readonly stages: ReadonlyMap<string, StageNode>;
}

type Report = (d: Diagnostic) => void;

/** The largest size or value an argument may have: products of a few stay finite, so costs do too. */
const LARGEST_VALUE = 2 ** 31 - 1;
/** The deepest a stage may be: its blocks are built one by one. */
const LARGEST_DEPTH = 1024;

/** What building one stage produced and depended on, by its syntax node. */
interface BuiltStage {
  readonly node: StageNode;
  readonly genes: readonly Gene[];
  /** Its diagnostics, with the offsets of when `decl.start` was `at`. */
  readonly diagnostics: readonly Diagnostic[];
  readonly at: number;
  /** The layers its labels declare. */
  readonly labels: readonly A.Ident[];
  readonly unresolved: number;
  /** The class count `classes` stood for. */
  readonly classes: number | undefined;
}

const builtStages = new WeakMap<A.StageDecl, BuiltStage>();

/** A stage's model with its gene indices moved by `shift` (a stage before it gained or lost genes). */
function renumberStage(node: StageNode, shift: number): StageNode {
  const binding = (b: ArgBinding): ArgBinding =>
    b.kind === "gene" ? { kind: "gene", gene: b.gene + shift } : b;
  const chain = (nodes: readonly ChainNode[]): ChainNode[] =>
    nodes.map((n) =>
      n.kind === "residual"
        ? { ...n, body: chain(n.body) }
        : { ...n, args: new Map([...n.args].map(([name, b]) => [name, binding(b)])) },
    );
  return { ...node, depth: binding(node.depth), blocks: node.blocks.map(chain) };
}

export function buildSpace(decl: A.SpaceDecl, report: Report): SpaceModel {
  return new SpaceBuilder(decl, report).build();
}

class SpaceBuilder {
  private readonly genes: Gene[] = [];
  /** Where each arg gene was declared (its argument) and by which op, for path warnings. */
  private readonly argSites = new Map<number, { span: A.Span; op: string }>();
  private readonly layers = new Map<string, A.Ident>();
  private readonly stages = new Map<string, StageNode>();
  private input: Shape | undefined;
  private resolution: ArgBinding | undefined;
  private dataset: DatasetRef | undefined;
  private topLayerCount = 0;
  /** Ops that could not be resolved (unknown op, bad arguments): their choices are unknown. */
  private unresolvedOps = 0;

  constructor(
    private readonly decl: A.SpaceDecl,
    private readonly report: Report,
  ) {}

  /** Diagnostics of the stage being built, kept with it for when it is reused. */
  private captured: Diagnostic[] | undefined;

  private emit(d: Diagnostic): void {
    this.captured?.push(d);
    this.report(d);
  }

  build(): SpaceModel {
    const items: SeqNode[] = [];
    const seen = new Map<string, A.Span>();
    // Declarations first, wherever they stand: layers may use `classes` before `dataset` is written.
    for (const item of this.decl.items) {
      if (item.kind !== "input" && item.kind !== "resolution" && item.kind !== "dataset") continue;
      const prev = seen.get(item.kind);
      if (prev) {
        this.error(
          item,
          "duplicate-declaration",
          `\`${item.kind}\` is declared twice in this space`,
          undefined,
          {
            start: prev.start,
            end: prev.end,
            message: `the first \`${item.kind}\``,
          },
        );
        continue;
      }
      seen.set(item.kind, item);
      if (item.kind === "input") this.input = this.inputShape(item);
      else if (item.kind === "resolution") this.resolution = this.resolutionBinding(item);
      else this.dataset = this.datasetRef(item);
    }
    for (const item of this.decl.items) {
      if (item.kind === "input" || item.kind === "resolution" || item.kind === "dataset") continue;
      if (item.kind === "stage") {
        const stage = this.stage(item);
        if (stage) items.push(stage);
      } else {
        const from = this.genes.length;
        items.push(...this.chain([item], undefined));
        const label = item.kind === "layer" ? item.label : undefined;
        this.assignPaths(
          from,
          label
            ? { layer: label.name, labelled: true }
            : { layer: `#${this.topLayerCount}`, labelled: false },
          true,
        );
      }
    }
    if (!seen.has("input") && this.decl.name) {
      this.error(
        this.decl.name,
        "missing-input",
        "this space declares no `input`: add `input image(H, W, C)`, `input vector(N)` or `input tokens(LENGTH, vocab: V)`",
      );
    }
    if (this.resolution && this.input && this.input.kind !== "image") {
      const r = this.decl.items.find((i) => i.kind === "resolution")!;
      this.error(r, "resolution-needs-image", "`resolution` applies to image inputs only");
    }
    this.checkDatasetShape();
    return {
      name: this.decl.name?.name ?? "",
      decl: this.decl,
      input: this.input,
      resolution: this.resolution,
      dataset: this.dataset,
      items,
      genes: this.genes,
      layers: this.layers,
      stages: this.stages,
    };
  }

  // ── input, resolution, dataset ────────────────────────────────────────────────

  private inputShape(d: A.InputDecl): Shape | undefined {
    if (!d.form) return undefined;
    const nums = (specs: { name: string; doc: string }[]): number[] | undefined => {
      const values = this.bindPlain(d.args, specs, d.form!);
      return values && specs.every((s) => typeof values[s.name] === "number")
        ? specs.map((s) => values[s.name] as number)
        : undefined;
    };
    switch (d.form.name) {
      case "image": {
        const v = nums([
          { name: "H", doc: "height" },
          { name: "W", doc: "width" },
          { name: "C", doc: "channels" },
        ]);
        return v && { kind: "image", h: v[0], w: v[1], c: v[2] };
      }
      case "vector": {
        const v = nums([{ name: "N", doc: "features" }]);
        return v && { kind: "vector", n: v[0] };
      }
      case "tokens": {
        const v = nums([
          { name: "LENGTH", doc: "sequence length" },
          { name: "vocab", doc: "vocabulary size" },
        ]);
        return v && { kind: "tokens", length: v[0], vocab: v[1] };
      }
      default:
        this.error(
          d.form,
          "unknown-input",
          `unknown input form \`${d.form.name}\`: expected \`image\`, \`vector\` or \`tokens\``,
          [...this.renameFix(d.form, ["image", "vector", "tokens"])],
        );
        return undefined;
    }
  }

  /** Binds `(a, b, name: c)` to positive integers by position or name (input and dataset forms). */
  private bindPlain(
    args: readonly A.Arg[],
    specs: { name: string; doc: string }[],
    owner: A.Ident,
  ): Record<string, number> | undefined {
    const out: Record<string, number> = {};
    let ok = true;
    args.forEach((arg, i) => {
      const spec = arg.name
        ? specs.find((s) => s.name.toLowerCase() === arg.name!.name.toLowerCase())
        : specs[i];
      if (!spec) {
        this.error(
          arg,
          "unknown-argument",
          arg.name
            ? `\`${owner.name}\` has no argument \`${arg.name.name}\``
            : `too many arguments for \`${owner.name}\`: expected ${specs.length}`,
        );
        ok = false;
        return;
      }
      const v = arg.value;
      if (!v || v.kind !== "number" || !Number.isInteger(v.value) || v.value < 1 || v.value > LARGEST_VALUE) {
        this.error(
          arg.value ?? arg,
          "wrong-type",
          `${spec.doc} of \`${owner.name}\` must be a positive integer (at most ${LARGEST_VALUE})`,
        );
        ok = false;
        return;
      }
      out[spec.name] = v.value;
    });
    const missing = specs.filter((s) => out[s.name] === undefined);
    if (ok && missing.length > 0) {
      this.error(
        owner,
        "missing-argument",
        `\`${owner.name}\` needs ${missing.map((m) => `${m.name} (${m.doc})`).join(", ")}`,
      );
      return undefined;
    }
    return ok ? out : undefined;
  }

  private resolutionBinding(d: A.ResolutionDecl): ArgBinding | undefined {
    if (!d.values) return undefined;
    const spec: ArgSpec = {
      name: "resolution",
      type: "int",
      required: true,
      elastic: true,
      doc: "input side",
      min: 1,
    };
    return this.bindValue(spec, d.values, (values, span) =>
      this.addGene({ path: "resolution", values, span, kind: "resolution" }),
    );
  }

  private datasetRef(d: A.DatasetDecl): DatasetRef | undefined {
    const src = d.source;
    if (!src) return undefined;
    if (src.kind === "ident") {
      const info = KNOWN_DATASETS.get(src.name);
      if (info) return { kind: "known", info, span: src };
      this.error(
        src,
        "unknown-dataset",
        `unknown dataset \`${src.name}\`: expected ${[...KNOWN_DATASETS.keys()].map((k) => `\`${k}\``).join(", ")}, \`idx("images", "labels")\` or \`csv("path", label: "col")\``,
        this.renameFix(src, [...KNOWN_DATASETS.keys()]),
      );
      return undefined;
    }
    const strings = src.args
      .filter((a) => !a.name)
      .map((a) => (a.value?.kind === "string" ? a.value.value : undefined));
    const named = new Map(src.args.filter((a) => a.name).map((a) => [a.name!.name, a]));
    const classesArg = named.get("classes");
    let classes: number | undefined;
    if (classesArg) {
      if (
        classesArg.value?.kind === "number" &&
        Number.isInteger(classesArg.value.value) &&
        classesArg.value.value >= 2
      )
        classes = classesArg.value.value;
      else this.error(classesArg, "wrong-type", "`classes` must be an integer of at least 2");
    }
    for (const [name, arg] of named) {
      if (name !== "classes" && !(src.callee.name === "csv" && name === "label")) {
        this.error(arg.name!, "unknown-argument", `\`${src.callee.name}\` has no argument \`${name}\``);
      }
    }
    if (src.callee.name === "idx") {
      if (strings.length !== 2 || strings.some((s) => s === undefined)) {
        this.error(
          src,
          "missing-argument",
          '`idx` needs two quoted paths: `idx("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")`',
        );
        return undefined;
      }
      return { kind: "idx", images: strings[0]!, labels: strings[1]!, classes, span: src };
    }
    if (src.callee.name === "csv") {
      const label = named.get("label");
      if (strings.length !== 1 || strings[0] === undefined || label?.value?.kind !== "string") {
        this.error(
          src,
          "missing-argument",
          '`csv` needs a quoted path and a label column: `csv("data.csv", label: "species")`',
        );
        return undefined;
      }
      return { kind: "csv", path: strings[0], label: label.value.value, classes, span: src };
    }
    this.error(
      src.callee,
      "unknown-dataset",
      `unknown dataset form \`${src.callee.name}\`: expected \`idx(…)\` or \`csv(…)\``,
      this.renameFix(src.callee, ["idx", "csv"]),
    );
    return undefined;
  }

  private checkDatasetShape(): void {
    const ds = this.dataset;
    if (ds?.kind !== "known" || !this.input) return;
    const { info } = ds;
    const input = this.input;
    if (input.kind !== "image" || input.h !== info.h || input.w !== info.w || input.c !== info.c) {
      const fix: Fix[] = [];
      const inputDecl = this.decl.items.find((i): i is A.InputDecl => i.kind === "input");
      if (inputDecl)
        fix.push({
          title: `Change the input to image(${info.h}, ${info.w}, ${info.c})`,
          edits: [
            {
              start: inputDecl.start,
              end: inputDecl.end,
              newText: `input image(${info.h}, ${info.w}, ${info.c})`,
            },
          ],
          preferred: true,
        });
      this.error(
        ds.span,
        "dataset-shape",
        `dataset \`${info.name}\` has ${info.h}×${info.w}×${info.c} images, but the input is declared as ${describeShape(input)}`,
        fix,
      );
    }
  }

  /** The class count `classes` stands for, if the checker can know it. */
  private classes(): number | undefined {
    const ds = this.dataset;
    if (!ds) return undefined;
    return ds.kind === "known" ? ds.info.classes : ds.classes;
  }

  // ── stages and chains ─────────────────────────────────────────────────────────

  /**
   * A stage's model, reused from the last build of the same syntax node (the incremental parser
   * keeps the nodes of unchanged stages) when what it depends on outside itself is unchanged.
   */
  private stage(d: A.StageDecl): StageNode | undefined {
    const built = builtStages.get(d);
    if (built && this.canReuse(built)) return this.reuse(built, d);
    const firstGene = this.genes.length;
    const unresolved = this.unresolvedOps;
    const layers = this.layers.size;
    const captured: Diagnostic[] = [];
    this.captured = captured;
    const node = this.buildStage(d);
    this.captured = undefined;
    if (node)
      builtStages.set(d, {
        node,
        genes: this.genes.slice(firstGene),
        diagnostics: captured,
        at: d.start,
        labels: [...this.layers.values()].slice(layers),
        unresolved: this.unresolvedOps - unresolved,
        classes: this.classes(),
      });
    return node;
  }

  private canReuse(built: BuiltStage): boolean {
    const taken = (name: string): boolean => this.stages.has(name) || this.layers.has(name);
    return (
      built.classes === this.classes() &&
      !taken(built.node.name) &&
      !built.labels.some((l) => taken(l.name)) &&
      // Name clashes depend on the rest of the space: such a stage is built again.
      !built.diagnostics.some((x) => x.code === "duplicate-name")
    );
  }

  private reuse(built: BuiltStage, d: A.StageDecl): StageNode {
    const shift = built.genes.length ? this.genes.length - built.genes[0].index : 0;
    const moved = d.start - built.at;
    for (const x of built.diagnostics) this.report(movedBy(x, moved));
    const node = shift === 0 ? built.node : renumberStage(built.node, shift);
    for (const g of built.genes) this.genes.push(shift === 0 ? g : { ...g, index: g.index + shift });
    for (const label of built.labels) this.layers.set(label.name, label);
    this.unresolvedOps += built.unresolved;
    this.stages.set(node.name, node);
    if (shift !== 0)
      builtStages.set(d, { ...built, node, genes: this.genes.slice(this.genes.length - built.genes.length) });
    return node;
  }

  private buildStage(d: A.StageDecl): StageNode | undefined {
    if (!d.name) return undefined;
    const name = d.name.name;
    if (this.stages.has(name) || this.layers.has(name)) {
      this.error(
        d.name,
        "duplicate-name",
        `\`${name}\` is already the name of a ${this.stages.has(name) ? "stage" : "layer"} in this space`,
      );
      return undefined;
    }
    if (name === "resolution")
      this.error(d.name, "reserved-name", "`resolution` is reserved for the input resolution");
    const depthSpec: ArgSpec = {
      name: "depth",
      type: "int",
      required: true,
      elastic: true,
      doc: "stage depth",
      min: 1,
      max: LARGEST_DEPTH,
    };
    const depth = d.depth
      ? this.bindValue(depthSpec, d.depth, (values, span) =>
          this.addGene({ path: `${name}.depth`, values, span, kind: "depth", stage: name }),
        )
      : undefined;
    if (!depth) return undefined;
    const maxDepth =
      depth.kind === "fixed" ? (depth.value as number) : Math.max(...this.genes[depth.gene].values);
    if (d.body.length === 0)
      this.error(d.name, "empty-stage", `stage \`${name}\` has no layers: add the block it repeats`);
    const blocks: ChainNode[][] = [];
    const failuresBefore = this.unresolvedOps;
    const firstGene = this.genes.length;
    const first = this.chain(d.body, { stage: name, block: 0 });
    this.assignPaths(firstGene, { stage: name, block: 0 }, true);
    blocks.push(first);
    for (let b = 1; b < maxDepth; b++) {
      const from = this.genes.length;
      blocks.push(this.repeatBlock(first, name, b));
      this.assignPaths(from, { stage: name, block: b }, false);
    }
    const node: StageNode = {
      kind: "stage",
      name,
      decl: d,
      depth,
      blocks,
      complete: this.unresolvedOps === failuresBefore,
    };
    this.stages.set(name, node);
    return node;
  }

  /**
   * Block b of a stage: the first block's ops with genes of their own (OFA: each repetition
   * chooses independently). Only the first block applies its stride; later ones use stride 1.
   */
  private repeatBlock(nodes: readonly ChainNode[], stage: string, b: number): ChainNode[] {
    return nodes.map((n): ChainNode => {
      if (n.kind === "residual") return { ...n, body: this.repeatBlock(n.body, stage, b) };
      const owner = n.label ? `${stage}[${b}].${n.label}` : `${stage}[${b}]`;
      const args = new Map<string, ArgBinding>();
      for (const [name, binding] of n.args) {
        if (name === "stride") args.set(name, { kind: "fixed", value: 1 });
        else if (binding.kind === "fixed") args.set(name, binding);
        else {
          const g = this.genes[binding.gene];
          const gene = this.addGene({
            path: `${owner}.${name}`,
            values: g.values,
            span: g.span,
            kind: "arg",
            stage,
            block: b,
            arg: name,
            label: n.label,
          });
          const site = this.argSites.get(binding.gene);
          if (site) this.argSites.set(gene, site);
          args.set(name, { kind: "gene", gene });
        }
      }
      return { ...n, args, owner };
    });
  }

  private chain(
    items: readonly A.ChainItem[],
    where: { stage: string; block: number } | undefined,
  ): ChainNode[] {
    const out: ChainNode[] = [];
    for (const item of items) {
      if (item.kind === "error") continue;
      if (item.kind === "residual") {
        out.push({ kind: "residual", decl: item, body: this.chain(item.body, where) });
        continue;
      }
      let owner: string;
      if (item.label) {
        const name = item.label.name;
        if (!where || where.block === 0) {
          if (this.stages.has(name) || (this.layers.has(name) && this.layers.get(name) !== item.label)) {
            this.error(
              item.label,
              "duplicate-name",
              `\`${name}\` is already the name of a ${this.stages.has(name) ? "stage" : "layer"} in this space`,
            );
          } else if (name === "resolution") {
            this.error(item.label, "reserved-name", "`resolution` is reserved for the input resolution");
          } else this.layers.set(name, item.label);
        }
        owner = where ? `${where.stage}[${where.block}].${name}` : name;
      } else if (where) owner = `${where.stage}[${where.block}]`;
      else owner = `#${++this.topLayerCount}`;
      for (const call of item.ops) {
        const op = this.op(call, item.label?.name, owner, where);
        if (op) out.push(op);
      }
    }
    return out;
  }

  private op(
    call: A.OpCall,
    label: string | undefined,
    owner: string,
    where: { stage: string; block: number } | undefined,
  ): OpNode | undefined {
    const node = this.resolveOp(call, label, owner, where);
    if (!node) this.unresolvedOps++;
    return node;
  }

  private resolveOp(
    call: A.OpCall,
    label: string | undefined,
    owner: string,
    where: { stage: string; block: number } | undefined,
  ): OpNode | undefined {
    const spec = OPS.get(call.name.name);
    if (!spec) {
      if (!where || where.block === 0) {
        this.error(
          call.name,
          "unknown-op",
          `unknown op \`${call.name.name}\``,
          this.renameFix(call.name, [...OPS.keys()]),
        );
      }
      return undefined;
    }
    const report = !where || where.block === 0; // report argument problems once, not per repetition
    const args = new Map<string, ArgBinding>();
    const given = new Map<string, A.Arg>();
    let ok = true;
    (call.args ?? []).forEach((arg, i) => {
      const argSpec = arg.name ? spec.args.find((a) => a.name === arg.name!.name) : spec.args[i];
      if (!argSpec) {
        if (report) {
          if (arg.name)
            this.error(
              arg.name,
              "unknown-argument",
              `\`${spec.name}\` has no argument \`${arg.name.name}\`${spec.args.length ? `; it takes ${spec.args.map((a) => a.name).join(", ")}` : ""}`,
              this.renameFix(
                arg.name,
                spec.args.map((a) => a.name),
              ),
            );
          else
            this.error(
              arg,
              "unknown-argument",
              `too many arguments: \`${spec.name}\` takes ${spec.args.length === 0 ? "none" : spec.args.map((a) => a.name).join(", ")}`,
            );
        }
        ok = false;
        return;
      }
      if (given.has(argSpec.name)) {
        if (report) this.error(arg, "duplicate-argument", `\`${argSpec.name}\` is given twice`);
        return;
      }
      given.set(argSpec.name, arg);
      if (!arg.value) {
        ok = false;
        return;
      }
      const path = `${owner}.${argSpec.name}`; // provisional: `assignPaths` sets the final one
      const binding = this.bindValue(
        argSpec,
        arg.value,
        (values, span) =>
          this.addGene({
            path,
            values,
            span,
            kind: "arg",
            stage: where?.stage,
            block: where?.block,
            arg: argSpec.name,
            label,
          }),
        report,
      );
      if (binding) args.set(argSpec.name, binding);
      else ok = false;
      if (binding?.kind === "gene") this.argSites.set(binding.gene, { span: arg, op: spec.name });
    });
    const missing = spec.args.filter((a) => a.required && !given.has(a.name));
    if (missing.length > 0) {
      if (report) {
        // After the last argument (not before the `)`: there may be a trailing comma, or no `)` yet).
        const last = call.args?.[call.args.length - 1];
        const insertAt = last ? last.end : call.args ? call.end - 1 : call.end;
        const sep = call.args && call.args.length > 0 ? ", " : "";
        const text = missing.map((m) => `${m.name}: ${placeholder(m)}`).join(", ");
        this.error(
          call.name,
          "missing-argument",
          `\`${spec.name}\` needs ${missing.map((m) => `\`${m.name}\` (${m.doc})`).join(", ")}`,
          [
            {
              title: `Add ${missing.map((m) => m.name).join(", ")}`,
              edits: [{ start: insertAt, end: insertAt, newText: call.args ? `${sep}${text}` : `(${text})` }],
              preferred: true,
            },
          ],
        );
      }
      ok = false;
    }
    if (!ok) return undefined;
    for (const a of spec.args)
      if (!args.has(a.name) && a.default !== undefined) args.set(a.name, { kind: "fixed", value: a.default });
    return { kind: "op", spec, call, args, label, owner };
  }

  /**
   * The paths a subnet addresses the genes of one group by: a stage block (`s2[0]`) or a
   * top-level layer line. An argument that only one op of the group makes elastic is
   * `s2[0].kernel` / `stem.out`; when several do, labelled ops are told apart as
   * `s2[0].LABEL.kernel` (an only unlabelled one keeps `s2[0].kernel`), and choices no path
   * can name get a warning (and a `#k` path).
   */
  private assignPaths(
    from: number,
    group: { stage: string; block: number } | { layer: string; labelled: boolean },
    report: boolean,
  ): void {
    const byArg = new Map<string, Gene[]>();
    for (const g of this.genes.slice(from)) {
      if (g.kind !== "arg" || g.arg === undefined) continue;
      byArg.set(g.arg, [...(byArg.get(g.arg) ?? []), g]);
    }
    for (const [arg, genes] of byArg) {
      genes.forEach((g, k) => {
        let path: string;
        let problem: string | undefined;
        if ("stage" in group) {
          const base = `${group.stage}[${group.block}]`;
          // Labelled ops are named by label; the one unlabelled op (if only one) keeps the short path.
          const sameLabel = genes.filter((o) => o.label === g.label).length;
          if (genes.length === 1 || (g.label === undefined && sameLabel === 1)) path = `${base}.${arg}`;
          else if (g.label !== undefined && sameLabel === 1) path = `${base}.${g.label}.${arg}`;
          else {
            path = `${base}.${arg}#${k + 1}`;
            problem = `another op of ${base} also has an elastic \`${arg}\`: label the layers (\`name: ${this.argSites.get(g.index)?.op ?? "op"}(…)\`) so a subnet can address each`;
          }
        } else if (genes.length === 1) {
          path = `${group.layer}.${arg}`;
          if (!group.labelled)
            problem = `label this layer (\`name: ${this.argSites.get(g.index)?.op ?? "op"}(…)\`) so a subnet can address its \`${arg}\` choice`;
        } else {
          path = `${group.layer}.${arg}#${k + 1}`;
          problem = group.labelled
            ? `several ops of layer \`${group.layer}\` have an elastic \`${arg}\`: put them on separate labelled lines so a subnet can address each`
            : `label this layer (\`name: ${this.argSites.get(g.index)?.op ?? "op"}(…)\`) so a subnet can address its \`${arg}\` choice`;
        }
        this.genes[g.index] = { ...g, path };
        const site = this.argSites.get(g.index);
        if (problem && report && site)
          this.emit({
            start: site.span.start,
            end: site.span.end,
            severity: "warning",
            code: "unlabelled-choice",
            message: problem,
          });
      });
    }
  }

  private addGene(g: Omit<Gene, "index">): number {
    const index = this.genes.length;
    // One object shape for every gene (a spread of optional fields would give many).
    this.genes.push({
      index,
      path: g.path,
      values: g.values,
      span: g.span,
      kind: g.kind,
      stage: g.stage,
      block: g.block,
      arg: g.arg,
      label: g.label,
    });
    return index;
  }

  // ── values ───────────────────────────────────────────────────────────────────

  /**
   * Resolves an argument's value against its spec: a fixed value, or an elastic set that
   * becomes a gene (through `makeGene`). A set with one value is fixed. Reports bad values.
   */
  private bindValue(
    spec: ArgSpec,
    value: A.Expr | A.Elastic,
    makeGene: (values: number[], span: A.Span) => number,
    report = true,
  ): ArgBinding | undefined {
    const err = (at: A.Span, code: string, message: string, fixes?: Fix[]): undefined => {
      if (report) this.error(at, code, message, fixes);
      return undefined;
    };
    if (value.kind === "choices" || value.kind === "range") {
      if (!spec.elastic)
        return err(value, "not-elastic", `\`${spec.name}\` cannot be elastic: give one value`);
      if (spec.type !== "int" && spec.type !== "number")
        return err(value, "not-elastic", `\`${spec.name}\` cannot be elastic`);
      const values =
        value.kind === "choices"
          ? this.choiceValues(spec, value, report)
          : this.rangeValues(spec, value, report);
      if (!values) return undefined;
      if (values.length === 1) return { kind: "fixed", value: values[0] };
      return { kind: "gene", gene: makeGene(values, value) };
    }
    const v = this.scalar(spec, value, report);
    return v === undefined ? undefined : { kind: "fixed", value: v };
  }

  private scalar(spec: ArgSpec, e: A.Expr, report: boolean): number | boolean | string | undefined {
    const err = (message: string, code = "wrong-type", fixes?: Fix[]): undefined => {
      if (report) this.error(e, code, message, fixes);
      return undefined;
    };
    switch (spec.type) {
      case "bool":
        if (e.kind === "ident" && (e.name === "true" || e.name === "false")) return e.name === "true";
        return err(`\`${spec.name}\` must be \`true\` or \`false\``);
      case "activation":
        if (e.kind === "ident" && (ACTIVATIONS as readonly string[]).includes(e.name)) return e.name;
        return err(
          `\`${spec.name}\` must be one of ${ACTIVATIONS.join(", ")}`,
          "wrong-type",
          e.kind === "ident" ? this.renameFix(e, [...ACTIVATIONS]) : [],
        );
      case "int":
      case "number": {
        let n: number | undefined;
        if (e.kind === "number") {
          n = this.unitless(spec, e, report);
          if (n === undefined) return undefined;
        } else if (e.kind === "ident" && e.name === "classes") {
          n = this.classes();
          // A dataset that did not resolve has its own error; `classes` is unknown only because of it.
          if (n === undefined && !this.dataset && this.decl.items.some((i) => i.kind === "dataset"))
            return undefined;
          if (n === undefined)
            return err(
              "the number of classes is not known to the checker: add `classes: N` to the dataset (or declare `dataset fashion_mnist`)",
              "unknown-classes",
            );
        } else
          return err(
            `\`${spec.name}\` must be a number${spec.elastic ? " or a choice set such as `in {3, 5}`" : ""}`,
          );
        return this.checkNumber(spec, n, e, report);
      }
    }
  }

  /**
   * An op argument's number: sizes may be written with k/M/G, but a time or percent unit is a
   * mistake (`out: 16ms`, `rate: 10%`) that would otherwise be read as some other number.
   */
  private unitless(spec: ArgSpec, lit: A.NumberLit, report: boolean): number | undefined {
    if (lit.unit === "" || lit.unit === "k" || lit.unit === "M" || lit.unit === "G") return lit.value;
    if (report) {
      const plain = lit.unit === "%" ? +(lit.value / 100).toPrecision(6) : lit.value;
      const digits = lit.unit === "%" ? String(plain) : lit.raw.slice(0, lit.raw.length - lit.unit.length);
      this.error(
        lit,
        "wrong-unit",
        `\`${spec.name}\` (${spec.doc}) is a plain number, not in \`${lit.unit}\`: write \`${digits}\``,
        [
          {
            title: `Change to ${digits}`,
            edits: [{ start: lit.start, end: lit.end, newText: digits }],
            preferred: true,
          },
        ],
      );
    }
    return undefined;
  }

  private checkNumber(spec: ArgSpec, n: number, at: A.Span, report: boolean): number | undefined {
    const err = (code: string, message: string): undefined => {
      if (report) this.error(at, code, message);
      return undefined;
    };
    if (spec.type === "int" && !Number.isInteger(n))
      return err("non-integer", `\`${spec.name}\` must be an integer; got ${n}`);
    if (spec.min !== undefined && n < spec.min)
      return err(
        spec.min > 0 ? "non-positive" : "out-of-range",
        `\`${spec.name}\` must be at least ${spec.min}; got ${n}`,
      );
    const max = spec.max ?? LARGEST_VALUE;
    if (spec.exclusiveMax ? !(n < max) : !(n <= max))
      return err(
        "out-of-range",
        `\`${spec.name}\` must be ${spec.exclusiveMax ? "below" : "at most"} ${max}; got ${n}`,
      );
    return n;
  }

  private choiceValues(spec: ArgSpec, set: A.ChoiceSet, report: boolean): number[] | undefined {
    if (set.items.length === 0) {
      if (report) this.error(set, "empty-choices", `\`${spec.name}\` has an empty choice set`);
      return undefined;
    }
    const values: number[] = [];
    let ok = true;
    set.items.forEach((item, i) => {
      const v = this.scalar(spec, item, report);
      if (typeof v !== "number") {
        ok = false;
        return;
      }
      if (values.includes(v)) {
        if (report) {
          const prevEnd = set.items[i - 1].end;
          this.emit({
            start: item.start,
            end: item.end,
            severity: "warning",
            code: "duplicate-choice",
            message: `${v} is already a choice of \`${spec.name}\``,
            unnecessary: true,
            fixes: [
              {
                title: `Remove the duplicate ${v}`,
                edits: [{ start: prevEnd, end: item.end, newText: "" }],
                preferred: true,
              },
            ],
          });
        }
        return;
      }
      values.push(v);
    });
    return ok ? values.sort((a, b) => a - b) : undefined;
  }

  private rangeValues(spec: ArgSpec, r: A.RangeSpec, report: boolean): number[] | undefined {
    if (!r.from || !r.to) return undefined;
    const [fromValue, toValue] = [this.unitless(spec, r.from, report), this.unitless(spec, r.to, report)];
    if (fromValue === undefined || toValue === undefined) return undefined;
    const from = this.checkNumber(spec, fromValue, r.from, report);
    const to = this.checkNumber(spec, toValue, r.to, report);
    const step = r.step ? r.step.value : 1;
    if (from === undefined || to === undefined) return undefined;
    const err = (at: A.Span, code: string, message: string): undefined => {
      if (report) this.error(at, code, message);
      return undefined;
    };
    if (!(step > 0)) return err(r.step ?? r, "non-positive", `the step must be positive; got ${step}`);
    if (spec.type === "int" && !Number.isInteger(step))
      return err(r.step ?? r, "non-integer", `the step of \`${spec.name}\` must be an integer; got ${step}`);
    if (to < from)
      return err(r, "empty-choices", `the range ${from}..${to} is empty: the end is below the start`);
    const count = (to - from) / step;
    if (Math.abs(count - Math.round(count)) > 1e-9) {
      const last = from + Math.floor(count) * step;
      return err(
        r.step ?? r,
        "range-step",
        `step ${step} does not divide the range ${from}..${to}: it would stop at ${last}`,
      );
    }
    if (count > 4096)
      return err(
        r,
        "too-many-choices",
        `the range ${from}..${to} has ${Math.round(count) + 1} values; at most 4097 are allowed`,
      );
    const values: number[] = [];
    for (let i = 0; i <= Math.round(count); i++) values.push(+(from + i * step).toPrecision(12));
    return values;
  }

  // ── reporting ────────────────────────────────────────────────────────────────

  private renameFix(at: A.Ident, candidates: readonly string[]): Fix[] {
    const best = closestName(at.name, candidates);
    return best
      ? [
          {
            title: `Change to \`${best}\``,
            edits: [{ start: at.start, end: at.end, newText: best }],
            preferred: true,
          },
        ]
      : [];
  }

  private error(at: A.Span, code: string, message: string, fixes?: Fix[], related?: A.RelatedSpan): void {
    this.emit({
      start: at.start,
      end: at.end,
      severity: "error",
      code,
      message,
      ...(fixes && fixes.length ? { fixes } : {}),
      ...(related ? { related } : {}),
    });
  }
}

function placeholder(spec: ArgSpec): string {
  switch (spec.type) {
    case "bool":
      return "false";
    case "activation":
      return "relu";
    default:
      return spec.name === "kernel" ? "3" : spec.name === "expand" ? "4" : spec.name === "heads" ? "4" : "16";
  }
}

function describeShape(s: Shape): string {
  switch (s.kind) {
    case "image":
      return `image(${s.h}, ${s.w}, ${s.c})`;
    case "vector":
      return `vector(${s.n})`;
    case "tokens":
      return `tokens(${s.length}, vocab: ${s.vocab})`;
    case "seq":
      return `a sequence`;
  }
}
