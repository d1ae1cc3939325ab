/**
 * The supernet as a graph for the graph panel: one node per op instance (ids are the plan's step
 * ids, so a subnet's plan and the graph name the same things), grouped into stages, blocks and
 * residuals, each with its output shapes and its MACs and params range. Children follow source
 * order; data flows from each child to the next. Pure: the LSP wiring adds ranges.
 */
import type { Span } from "./ast";
import type { Range, SpaceAnalysis } from "./analysis";
import type { Genome } from "./encoding";
import { largestGenome } from "./encoding";
import type { ArgBinding, ChainNode, Gene, OpNode, SpaceModel, StageNode } from "./model";
import type { OpStep, PlanStep } from "./plan";
import { PlanError, opSteps, planSubnet } from "./plan";
import { formatShape } from "./shapes";

export type GraphNodeKind = "input" | "op" | "residual" | "block" | "stage";

/** An argument as the source gives it: a fixed value, or a gene (by path) with its choices. */
export interface GraphArg {
  readonly name: string;
  readonly value?: string;
  readonly gene?: string;
  readonly values?: readonly number[];
}

export interface GraphNode {
  readonly id: string;
  readonly kind: GraphNodeKind;
  /** The enclosing stage, block or residual; undefined at the top level. */
  readonly parent: string | undefined;
  /** Op name, stage name, `s1[0]`, `residual` or `input`. */
  readonly label: string;
  /** The layer label of an op (`stem`, `head`). */
  readonly layer?: string;
  readonly args: readonly GraphArg[];
  /** What a collapsed stage, block or residual stands for: `depth {2,3,4} × kernel {3,5,7} × expand {3,4,6}`. */
  readonly badge: string;
  /** The output shapes it can produce. */
  readonly shapes: readonly string[];
  readonly macs: Range | undefined;
  readonly params: Range | undefined;
  readonly span: Span;
  readonly stage?: string;
  readonly block?: number;
  /** A block beyond its stage's smallest depth: only deeper subnets have it. */
  readonly optional: boolean;
  /** A stage's depth: its gene's path, or its one value. */
  readonly depth?: { readonly gene?: string; readonly values: readonly number[] };
}

export interface SpaceGraph {
  readonly space: string;
  /** Pre-order: every parent before its children, siblings in source (and data-flow) order. */
  readonly nodes: readonly GraphNode[];
  readonly genes: readonly { readonly path: string; readonly values: readonly number[] }[];
}

/** Per op instance (plan step id): its least and greatest MACs and params over the space. */
type InstanceCosts = ReadonlyMap<string, { macs: Range; params: Range }>;

export function buildSpaceGraph(model: SpaceModel, analysis: SpaceAnalysis): SpaceGraph {
  return new GraphBuilder(model, analysis).build();
}

class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly costs: InstanceCosts;
  /** The largest subnet's step ids in the order this builder meets them, when its shapes work out. */
  private readonly planned: readonly string[] | undefined;
  private nextPlanned = 0;

  constructor(
    private readonly model: SpaceModel,
    private readonly analysis: SpaceAnalysis,
  ) {
    this.costs = instanceCosts(model);
    const plan = tryPlan(model, largestGenome(model));
    this.planned = plan && preOrder(plan).map((s) => s.id);
  }

  build(): SpaceGraph {
    const { model } = this;
    this.input();
    // Without a plan (a space whose shapes do not work out), ids are made the way \`planSubnet\` makes them.
    let layer = 0;
    const counters = new Map<string, { i: number }>();
    for (const item of model.items) {
      if (item.kind === "stage") {
        this.stage(item);
        continue;
      }
      const owner = item.kind === "op" && item.label ? item.label : `#${++layer}`;
      const counter = counters.get(owner) ?? { i: 0 };
      counters.set(owner, counter);
      this.chain([item], owner, counter, undefined, undefined);
    }
    return {
      space: model.name,
      nodes: this.nodes,
      genes: model.genes.map((g) => ({ path: g.path, values: g.values })),
    };
  }

  private input(): void {
    const { model } = this;
    const decl = model.decl.items.find((i) => i.kind === "input");
    if (!model.input || !decl) return;
    const input = model.input;
    const res = model.resolution;
    const sides =
      res === undefined ? [] : res.kind === "fixed" ? [res.value as number] : model.genes[res.gene].values;
    const shapes =
      input.kind === "image" && sides.length
        ? sides.map((side) => formatShape({ ...input, h: side, w: side }))
        : [formatShape(input)];
    const args: GraphArg[] = res?.kind === "gene" ? [geneArg("resolution", model.genes[res.gene])] : [];
    this.add({
      id: "input",
      kind: "input",
      parent: undefined,
      label: "input",
      args,
      badge: "",
      shapes,
      macs: undefined,
      params: undefined,
      span: decl,
      optional: false,
    });
  }

  private stage(stage: StageNode): void {
    const { model } = this;
    const depth = stage.depth;
    const depthGene = depth.kind === "gene" ? model.genes[depth.gene] : undefined;
    const depths = depth.kind === "gene" ? model.genes[depth.gene].values : [depth.value as number];
    const stats = this.analysis.stages.get(stage.name);
    const id = stageId(stage.name);
    const blockGenes = model.genes.filter((g) => g.stage === stage.name && g.kind === "arg" && g.block === 0);
    const badge = [
      ...(depthGene ? [`depth ${choiceSet(depthGene.values)}`] : []),
      ...blockGenes.map((g) => `${argKey(g)} ${choiceSet(g.values)}`),
    ].join(" × ");
    const stageNode: GraphNode = {
      id,
      kind: "stage",
      parent: undefined,
      label: stage.name,
      args: [],
      badge: badge || `depth ${depths[0]}`,
      shapes: stats ? [...stats.outputs] : [],
      macs: stats?.macs,
      params: stats?.params,
      span: stage.decl,
      stage: stage.name,
      optional: false,
      depth: { ...(depthGene ? { gene: depthGene.path } : {}), values: depths },
    };
    this.add(stageNode);
    const body = stage.decl.body;
    const bodySpan: Span = body.length
      ? { start: body[0].start, end: body[body.length - 1].end }
      : stage.decl;
    stage.blocks.forEach((block, b) => {
      const blockId = `${stage.name}[${b}]`;
      const genes = model.genes.filter((g) => g.stage === stage.name && g.kind === "arg" && g.block === b);
      const first = this.nodes.length;
      this.add({
        id: blockId,
        kind: "block",
        parent: id,
        label: blockId,
        args: [],
        badge: genes.map((g) => `${argKey(g)} ${choiceSet(g.values)}`).join(" × ") || "fixed",
        shapes: [],
        macs: undefined,
        params: undefined,
        span: bodySpan,
        stage: stage.name,
        block: b,
        optional: b >= Math.min(...depths),
      });
      this.chain(block, blockId, { i: 0 }, blockId, { stage: stage.name, block: b });
      this.summarize(first);
    });
  }

  /** Adds a chain's nodes; `counter` numbers op and residual instances as `planSubnet` does. */
  private chain(
    nodes: readonly ChainNode[],
    owner: string,
    counter: { i: number },
    parent: string | undefined,
    where: { stage: string; block: number } | undefined,
  ): void {
    for (const node of nodes) {
      const made = `${owner}/${counter.i++}`;
      const id = this.planned?.[this.nextPlanned++] ?? made;
      const place = { ...(where ? { stage: where.stage, block: where.block } : {}), optional: false };
      if (node.kind === "residual") {
        const first = this.nodes.length;
        this.add({
          id,
          kind: "residual",
          parent,
          label: "residual",
          args: [],
          badge: opNames(node.body),
          shapes: [],
          macs: undefined,
          params: undefined,
          span: node.decl,
          ...place,
        });
        this.chain(node.body, owner, counter, id, where);
        this.summarize(first);
        continue;
      }
      const stats = this.analysis.ops.get(node.call.start);
      const cost =
        this.costs.get(id) ??
        (stats && Number.isFinite(stats.macs.min) ? { macs: stats.macs, params: stats.params } : undefined);
      this.add({
        id,
        kind: "op",
        parent,
        label: node.spec.name,
        ...(node.label ? { layer: node.label } : {}),
        args: this.args(node),
        badge: "",
        shapes: stats ? [...stats.outputs] : [],
        macs: cost?.macs,
        params: cost?.params,
        span: node.call,
        ...place,
      });
    }
  }

  /** The arguments the source writes (defaults left out), in the op's order. */
  private args(node: OpNode): GraphArg[] {
    const given = new Set((node.call.args ?? []).map((a, i) => a.name?.name ?? node.spec.args[i]?.name));
    const out: GraphArg[] = [];
    for (const spec of node.spec.args) {
      const binding = node.args.get(spec.name);
      if (!binding || !given.has(spec.name)) continue;
      out.push(argOf(this.model, spec.name, binding));
    }
    return out;
  }

  /** A block's or residual's cost is the sum of its ops'; its shapes are its last op's. */
  private summarize(index: number): void {
    const group = this.nodes[index];
    const inside = new Set([group.id]);
    let macs: Range | undefined = { min: 0, max: 0 };
    let params: Range | undefined = { min: 0, max: 0 };
    let shapes: readonly string[] = [];
    for (let i = index + 1; i < this.nodes.length; i++) {
      const n = this.nodes[i];
      if (!n.parent || !inside.has(n.parent)) break;
      inside.add(n.id);
      if (n.kind !== "op") continue;
      shapes = n.shapes;
      macs = macs && n.macs ? { min: macs.min + n.macs.min, max: macs.max + n.macs.max } : undefined;
      params =
        params && n.params ? { min: params.min + n.params.min, max: params.max + n.params.max } : undefined;
    }
    this.nodes[index] = {
      ...group,
      shapes,
      macs: inside.size > 1 ? macs : undefined,
      params: inside.size > 1 ? params : undefined,
    };
  }

  private add(node: GraphNode): void {
    this.nodes.push(node);
  }
}

export function stageId(stage: string): string {
  return `stage:${stage}`;
}

/**
 * Every op instance's cost range. MACs and params grow with every elastic argument (widths,
 * kernels, expansion, resolution), so an instance costs least in the smallest subnet that still
 * has it (smallest choices at the greatest depth) and most in the largest. Undefined when the
 * space's shapes do not work out for one of the two; the per-source ranges are used then.
 */
function instanceCosts(model: SpaceModel): InstanceCosts {
  const deepest: Genome = model.genes.map((g) => (g.kind === "depth" ? g.values.length - 1 : 0));
  const steps = (genome: Genome): Map<string, OpStep> | undefined => {
    const plan = tryPlan(model, genome);
    return plan && new Map(opSteps(plan).map((s) => [s.id, s]));
  };
  const low = steps(deepest);
  const high = steps(largestGenome(model));
  const out = new Map<string, { macs: Range; params: Range }>();
  if (!low || !high) return out;
  for (const [id, hi] of high) {
    const lo = low.get(id) ?? hi;
    out.set(id, {
      macs: { min: Math.min(lo.macs, hi.macs), max: Math.max(lo.macs, hi.macs) },
      params: { min: Math.min(lo.params, hi.params), max: Math.max(lo.params, hi.params) },
    });
  }
  return out;
}

function tryPlan(model: SpaceModel, genome: Genome): readonly PlanStep[] | undefined {
  try {
    return planSubnet(model, genome).steps;
  } catch (e) {
    if (e instanceof PlanError) return undefined;
    throw e;
  }
}

/** Steps in the order the model lists them: a residual before its body. */
function preOrder(steps: readonly PlanStep[]): PlanStep[] {
  return steps.flatMap((s) => (s.kind === "op" ? [s] : [s, ...preOrder(s.body)]));
}

function argOf(model: SpaceModel, name: string, binding: ArgBinding): GraphArg {
  return binding.kind === "gene"
    ? geneArg(name, model.genes[binding.gene])
    : { name, value: String(binding.value) };
}

function geneArg(name: string, gene: Gene): GraphArg {
  return { name, gene: gene.path, values: gene.values };
}

/** A block gene's name inside its block: `kernel`, `conv1.out` (labelled layers), `out#2`. */
function argKey(gene: Gene): string {
  if (gene.label && gene.arg) return `${gene.label}.${gene.arg}`;
  const head = `${gene.stage}[${gene.block}].`;
  return gene.path.startsWith(head) ? gene.path.slice(head.length) : gene.path;
}

export function choiceSet(values: readonly number[]): string {
  return `{${values.join(",")}}`;
}

function opNames(nodes: readonly ChainNode[]): string {
  return nodes.map((n) => (n.kind === "op" ? n.spec.name : `residual(${opNames(n.body)})`)).join(" ");
}
