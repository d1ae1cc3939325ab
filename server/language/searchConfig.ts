/**
 * A `search` block resolved into a typed configuration (what runs consume), with every setting's
 * schema declared once: the checker reports against it and completion offers from it.
 */
import type * as A from "./ast";
import type { Diagnostic } from "./diagnostics";
import type { Metric } from "./metrics";
import { METRICS, isMetric } from "./metrics";
import { closestName } from "./suggest";

export type Optimizer =
  | { readonly kind: "sgd"; readonly lr: number; readonly momentum: number; readonly nesterov: boolean }
  | { readonly kind: "adam"; readonly lr: number; readonly beta1: number; readonly beta2: number };

export interface TrainConfig {
  readonly epochs: number;
  readonly batch: number;
  readonly optimizer: Optimizer;
  readonly schedule: { readonly kind: "cosine"; readonly warmup: number } | { readonly kind: "constant" };
  readonly weightDecay: number;
  readonly labelSmoothing: number;
  readonly sampling: { readonly kind: "sandwich"; readonly random: number } | { readonly kind: "uniform" };
  readonly distill: boolean;
  /** `train from "path"`: reuse a trained supernet checkpoint. */
  readonly from?: string;
}

export type Predictor = "ridge" | "svr" | "mlp" | "auto";

export type StrategyConfig =
  | { readonly kind: "random" }
  | {
      readonly kind: "nsga2";
      readonly population: number;
      readonly crossover: number;
      readonly mutation: number | undefined;
    }
  | {
      readonly kind: "linas";
      readonly population: number;
      readonly iterations: number | undefined;
      readonly predictor: Predictor;
      /** Predicted evaluations of the inner NSGA-II per iteration. */
      readonly inner: number;
    };

export interface SearchConfig {
  readonly name: string;
  readonly space: string;
  readonly objectives: readonly { readonly metric: Metric; readonly sense: "maximize" | "minimize" }[];
  readonly constraints: readonly {
    readonly metric: Metric;
    readonly op: A.Comparison;
    readonly value: number;
  }[];
  readonly train: TrainConfig;
  readonly strategy: StrategyConfig;
  readonly budget: { readonly evaluations?: number; readonly durationMs?: number };
  readonly seed: number;
  readonly target: { readonly kind: "local" } | { readonly kind: "remote"; readonly name: string };
}

/** A setting's schema: the type of its value and its documentation (used by completion and hover). */
export type SettingType =
  | { readonly kind: "int"; readonly min: number }
  | { readonly kind: "number"; readonly min: number; readonly max?: number }
  | { readonly kind: "bool" }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "call"; readonly forms: Readonly<Record<string, readonly SettingSpec[]>> };

export interface SettingSpec {
  readonly name: string;
  readonly type: SettingType;
  readonly doc: string;
  readonly default: number | boolean | string;
}

const num = (name: string, doc: string, dflt: number, min = 0, max?: number): SettingSpec => ({
  name,
  type: { kind: "number", min, max },
  doc,
  default: dflt,
});
const int = (name: string, doc: string, dflt: number, min = 1): SettingSpec => ({
  name,
  type: { kind: "int", min },
  doc,
  default: dflt,
});

export const TRAIN_SETTINGS: readonly SettingSpec[] = [
  int("epochs", "passes over the training split", 6),
  int("batch", "images per step", 128),
  {
    name: "optimizer",
    type: {
      kind: "call",
      forms: {
        sgd: [
          num("lr", "learning rate", 0.05),
          num("momentum", "momentum", 0.9, 0, 1),
          { name: "nesterov", type: { kind: "bool" }, doc: "Nesterov momentum", default: false },
        ],
        adam: [
          num("lr", "learning rate", 0.001),
          num("beta1", "first-moment decay", 0.9, 0, 1),
          num("beta2", "second-moment decay", 0.999, 0, 1),
        ],
      },
    },
    doc: "`sgd(lr: 0.05, momentum: 0.9)` or `adam(lr: 0.001)`",
    default: "sgd",
  },
  {
    name: "schedule",
    type: { kind: "call", forms: { cosine: [num("warmup", "warm-up epochs (linear)", 0)], constant: [] } },
    doc: "learning-rate schedule: `cosine(warmup: 1)` or `constant`",
    default: "cosine",
  },
  num("weight_decay", "L2 weight decay (not on BatchNorm or biases)", 4e-5),
  num("label_smoothing", "label smoothing of the cross-entropy", 0.1, 0, 1),
  {
    name: "sampling",
    type: {
      kind: "call",
      forms: {
        sandwich: [int("random", "random subnets per step besides the largest and smallest", 2, 0)],
        uniform: [],
      },
    },
    doc: "subnets trained per step: `sandwich(random: 2)` (largest + smallest + N random) or `uniform` (one random)",
    default: "sandwich",
  },
  {
    name: "distill",
    type: { kind: "bool" },
    doc: "in-place distillation: smaller subnets learn from the largest's predictions",
    default: false,
  },
];

export const STRATEGIES: Readonly<Record<string, readonly SettingSpec[]>> = {
  random: [],
  nsga2: [
    int("population", "subnets per generation", 40, 2),
    num("crossover", "crossover probability", 0.9, 0, 1),
    num("mutation", "per-gene mutation rate (default 1/genes)", 0, 0, 1),
  ],
  linas: [
    int("population", "subnets evaluated per iteration", 40, 2),
    int("iterations", "iterations (default: as many as the budget allows)", 0, 0),
    {
      name: "predictor",
      type: { kind: "enum", values: ["auto", "ridge", "svr", "mlp"] },
      doc: "predictor of the expensive objectives (auto: chosen by cross-validation)",
      default: "auto",
    },
    int("inner", "predicted evaluations of the inner NSGA-II per iteration", 2000, 1),
  ],
};

export const STRATEGY_DOCS: Readonly<Record<string, string>> = {
  random: "uniform random sampling of the space (no duplicates)",
  nsga2: "NSGA-II: non-dominated sorting genetic algorithm with categorical crossover and mutation",
  linas: "LINAS (DyNAS-T): NSGA-II accelerated by learned predictors of the expensive objectives",
};

type Report = (d: Diagnostic) => void;

interface SettingValues {
  [name: string]: number | boolean | string | { form: string; args: SettingValues };
}

/** Checks a setting list against its schema and returns the values given (defaults not applied). */
export function readSettings(
  args: readonly A.Arg[],
  specs: readonly SettingSpec[],
  owner: string,
  report: Report,
): SettingValues {
  const out: SettingValues = {};
  const err = (
    at: A.Span,
    code: string,
    message: string,
    fix?: { title: string; newText: string; at: A.Span },
  ): void =>
    report({
      start: at.start,
      end: at.end,
      severity: "error",
      code,
      message,
      ...(fix
        ? {
            fixes: [
              {
                title: fix.title,
                edits: [{ start: fix.at.start, end: fix.at.end, newText: fix.newText }],
                preferred: true,
              },
            ],
          }
        : {}),
    });
  args.forEach((arg, i) => {
    const spec = arg.name
      ? specs.find((s) => s.name === arg.name!.name)
      : specs.length === 1 || i < specs.length
        ? specs[i]
        : undefined;
    if (!spec) {
      if (arg.name) {
        const best = closestName(
          arg.name.name,
          specs.map((s) => s.name),
        );
        err(
          arg.name,
          "unknown-setting",
          `${owner} has no setting \`${arg.name.name}\`; it takes ${specs.map((s) => s.name).join(", ") || "none"}`,
          best ? { title: `Change to \`${best}\``, newText: best, at: arg.name } : undefined,
        );
      } else
        err(
          arg,
          "unknown-setting",
          `${owner} takes ${specs.length ? specs.map((s) => s.name).join(", ") : "no settings"}`,
        );
      return;
    }
    if (out[spec.name] !== undefined) {
      err(arg, "duplicate-argument", `\`${spec.name}\` is given twice`);
      return;
    }
    if (!arg.value) return;
    const v = settingValue(arg.value, spec, report);
    if (v !== undefined) out[spec.name] = v;
  });
  return out;
}

function settingValue(
  value: A.Expr | A.Elastic,
  spec: SettingSpec,
  report: Report,
): SettingValues[string] | undefined {
  const err = (message: string, code = "wrong-type"): undefined => {
    report({ start: value.start, end: value.end, severity: "error", code, message });
    return undefined;
  };
  const t = spec.type;
  switch (t.kind) {
    case "int":
    case "number": {
      if (value.kind !== "number") return err(`\`${spec.name}\` must be a number (${spec.doc})`);
      if (t.kind === "int" && !Number.isInteger(value.value))
        return err(`\`${spec.name}\` must be an integer; got ${value.raw}`, "non-integer");
      if (value.value < t.min)
        return err(
          `\`${spec.name}\` must be at least ${t.min}; got ${value.raw}`,
          t.min > 0 ? "non-positive" : "out-of-range",
        );
      if (t.kind === "number" && t.max !== undefined && value.value > t.max)
        return err(`\`${spec.name}\` must be at most ${t.max}; got ${value.raw}`, "out-of-range");
      return value.value;
    }
    case "bool":
      if (value.kind === "ident" && (value.name === "true" || value.name === "false"))
        return value.name === "true";
      return err(`\`${spec.name}\` must be \`true\` or \`false\``);
    case "enum":
      if (value.kind === "ident" && t.values.includes(value.name)) return value.name;
      return err(`\`${spec.name}\` must be one of ${t.values.join(", ")}`);
    case "call": {
      const callee = value.kind === "call" ? value.callee : value.kind === "ident" ? value : undefined;
      const form = callee && t.forms[callee.name];
      if (!callee || !form) {
        const names = Object.keys(t.forms);
        const best = callee ? closestName(callee.name, names) : undefined;
        report({
          start: (callee ?? value).start,
          end: (callee ?? value).end,
          severity: "error",
          code: "wrong-type",
          message: `\`${spec.name}\` must be one of ${names.map((n) => `\`${n}(…)\``).join(", ")}`,
          ...(best && callee
            ? {
                fixes: [
                  {
                    title: `Change to \`${best}\``,
                    edits: [{ start: callee.start, end: callee.end, newText: best }],
                    preferred: true,
                  },
                ],
              }
            : {}),
        });
        return undefined;
      }
      const args = value.kind === "call" ? readSettings(value.args, form, `\`${callee.name}\``, report) : {};
      return { form: callee.name, args };
    }
  }
}

function pick<T extends number | boolean | string>(
  values: SettingValues,
  specs: readonly SettingSpec[],
  name: string,
): T {
  const v = values[name];
  return (v !== undefined && typeof v !== "object" ? v : specs.find((s) => s.name === name)!.default) as T;
}

function callOf(
  values: SettingValues,
  specs: readonly SettingSpec[],
  name: string,
): { form: string; args: SettingValues } {
  const v = values[name];
  return v !== undefined && typeof v === "object"
    ? v
    : { form: specs.find((s) => s.name === name)!.default as string, args: {} };
}

function resolveTrain(d: A.TrainDecl | undefined, report: Report): TrainConfig {
  const values = d ? readSettings(d.settings, TRAIN_SETTINGS, "`train`", report) : {};
  const opt = callOf(values, TRAIN_SETTINGS, "optimizer");
  const optType = TRAIN_SETTINGS.find((s) => s.name === "optimizer")!.type;
  const optSpecs = optType.kind === "call" ? (optType.forms[opt.form] ?? []) : [];
  const optimizer: Optimizer =
    opt.form === "adam"
      ? {
          kind: "adam",
          lr: pick(opt.args, optSpecs, "lr"),
          beta1: pick(opt.args, optSpecs, "beta1"),
          beta2: pick(opt.args, optSpecs, "beta2"),
        }
      : {
          kind: "sgd",
          lr: pick(opt.args, optSpecs, "lr"),
          momentum: pick(opt.args, optSpecs, "momentum"),
          nesterov: pick(opt.args, optSpecs, "nesterov"),
        };
  const sched = callOf(values, TRAIN_SETTINGS, "schedule");
  const samp = callOf(values, TRAIN_SETTINGS, "sampling");
  return {
    epochs: pick(values, TRAIN_SETTINGS, "epochs"),
    batch: pick(values, TRAIN_SETTINGS, "batch"),
    optimizer,
    schedule:
      sched.form === "constant"
        ? { kind: "constant" }
        : { kind: "cosine", warmup: (sched.args.warmup as number | undefined) ?? 0 },
    weightDecay: pick(values, TRAIN_SETTINGS, "weight_decay"),
    labelSmoothing: pick(values, TRAIN_SETTINGS, "label_smoothing"),
    sampling:
      samp.form === "uniform"
        ? { kind: "uniform" }
        : { kind: "sandwich", random: (samp.args.random as number | undefined) ?? 2 },
    distill: pick(values, TRAIN_SETTINGS, "distill"),
    ...(d?.from ? { from: d.from.value } : {}),
  };
}

function resolveStrategy(d: A.StrategyDecl | undefined, report: Report): StrategyConfig {
  const value = d?.value;
  if (!value) return { kind: "linas", population: 40, iterations: undefined, predictor: "auto", inner: 2000 };
  const callee = value.kind === "call" ? value.callee : value;
  const specs = STRATEGIES[callee.name];
  if (!specs) {
    const best = closestName(callee.name, Object.keys(STRATEGIES));
    report({
      start: callee.start,
      end: callee.end,
      severity: "error",
      code: "unknown-strategy",
      message: `unknown strategy \`${callee.name}\`: expected ${Object.keys(STRATEGIES)
        .map((s) => `\`${s}\``)
        .join(", ")}`,
      ...(best
        ? {
            fixes: [
              {
                title: `Change to \`${best}\``,
                edits: [{ start: callee.start, end: callee.end, newText: best }],
                preferred: true,
              },
            ],
          }
        : {}),
    });
    return { kind: "random" };
  }
  const v = value.kind === "call" ? readSettings(value.args, specs, `\`${callee.name}\``, report) : {};
  switch (callee.name) {
    case "nsga2":
      return {
        kind: "nsga2",
        population: pick(v, specs, "population"),
        crossover: pick(v, specs, "crossover"),
        mutation: (v.mutation as number | undefined) || undefined,
      };
    case "linas":
      return {
        kind: "linas",
        population: pick(v, specs, "population"),
        iterations: (v.iterations as number | undefined) || undefined,
        predictor: pick(v, specs, "predictor"),
        inner: pick(v, specs, "inner"),
      };
    default:
      return { kind: "random" };
  }
}

/** Resolves a search block, reporting what does not fit the schema. Space-dependent checks live in the checker. */
export function resolveSearch(d: A.SearchDecl, report: Report): SearchConfig {
  const objectives: { metric: Metric; sense: "maximize" | "minimize" }[] = [];
  const constraints: { metric: Metric; op: A.Comparison; value: number }[] = [];
  const budget: { evaluations?: number; durationMs?: number } = {};
  let train: A.TrainDecl | undefined;
  let strategy: A.StrategyDecl | undefined;
  let seed = 0;
  let target: SearchConfig["target"] = { kind: "local" };
  const once = new Map<string, A.Span>();
  const dup = (item: A.SearchItem, key: string): boolean => {
    if (once.has(key)) {
      report({
        start: item.start,
        end: item.end,
        severity: "error",
        code: "duplicate-declaration",
        message: `\`${key}\` is set twice in this search`,
      });
      return true;
    }
    once.set(key, item);
    return false;
  };
  const metricOf = (m: A.Ident | undefined): Metric | undefined => {
    if (!m) return undefined;
    if (isMetric(m.name)) return m.name;
    const best = closestName(m.name, [...METRICS.keys()]);
    report({
      start: m.start,
      end: m.end,
      severity: "error",
      code: "unknown-metric",
      message: `unknown metric \`${m.name}\`: expected ${[...METRICS.keys()].join(", ")}`,
      ...(best
        ? {
            fixes: [
              {
                title: `Change to \`${best}\``,
                edits: [{ start: m.start, end: m.end, newText: best }],
                preferred: true,
              },
            ],
          }
        : {}),
    });
    return undefined;
  };
  for (const item of d.items) {
    switch (item.kind) {
      case "objectives":
        if (dup(item, "objectives")) break;
        for (const e of item.entries) {
          const metric = metricOf(e.metric);
          if (!metric) continue;
          const prev = objectives.find((o) => o.metric === metric);
          if (prev) {
            report({
              start: e.start,
              end: e.end,
              severity: "error",
              code: "duplicate-objective",
              message:
                prev.sense === e.sense
                  ? `\`${metric}\` is already an objective`
                  : `\`${metric}\` cannot be both maximised and minimised`,
            });
            continue;
          }
          const spec = METRICS.get(metric)!;
          if ((spec.better === "higher") !== (e.sense === "maximize")) {
            report({
              start: e.start,
              end: e.end,
              severity: "warning",
              code: "objective-direction",
              message: `${e.sense} ${metric}: ${metric} is usually ${spec.better === "higher" ? "maximised" : "minimised"} (${spec.doc})`,
              fixes: [
                {
                  title: `Change to ${spec.better === "higher" ? "maximize" : "minimize"}`,
                  edits: [
                    {
                      start: e.start,
                      end: e.start + e.sense.length,
                      newText: spec.better === "higher" ? "maximize" : "minimize",
                    },
                  ],
                },
              ],
            });
          }
          objectives.push({ metric, sense: e.sense });
        }
        break;
      case "constraint": {
        const metric = metricOf(item.metric);
        if (!metric || !item.op || !item.value) break;
        const spec = METRICS.get(metric)!;
        if (!spec.units.includes(item.value.unit)) {
          report({
            start: item.value.start,
            end: item.value.end,
            severity: "error",
            code: "wrong-unit",
            message: `a limit on ${metric} cannot be in \`${item.value.unit}\`: use ${spec.units.map((u) => (u === "" ? "a plain number" : `\`${u}\``)).join(", ")}`,
          });
          break;
        }
        if (
          metric === "accuracy" &&
          item.value.unit === "" &&
          item.value.value > 0 &&
          item.value.value <= 1
        ) {
          // Accuracy is in percent everywhere; 0.9 is almost certainly meant as 90%.
          const percent = `${+(item.value.value * 100).toPrecision(6)}%`;
          report({
            start: item.value.start,
            end: item.value.end,
            severity: "warning",
            code: "accuracy-fraction",
            message: `accuracy is in percent: \`${item.value.raw}\` means ${item.value.raw}%; write \`${percent}\` for ${percent}`,
            fixes: [
              {
                title: `Change to ${percent}`,
                edits: [{ start: item.value.start, end: item.value.end, newText: percent }],
                preferred: true,
              },
            ],
          });
        }
        constraints.push({ metric, op: item.op, value: item.value.value });
        break;
      }
      case "train":
        if (!dup(item, "train")) train = item;
        break;
      case "strategy":
        if (!dup(item, "strategy")) strategy = item;
        break;
      case "budget":
        if (!item.value) break;
        if (item.evaluations) {
          if (item.value.unit !== "" || !Number.isInteger(item.value.value) || item.value.value < 1) {
            report({
              start: item.value.start,
              end: item.value.end,
              severity: "error",
              code: "wrong-type",
              message: "an evaluation budget is a positive whole number: `budget 240 evaluations`",
            });
          } else if (!dup(item, "budget … evaluations")) budget.evaluations = item.value.value;
        } else if (["us", "ms", "s", "min", "h"].includes(item.value.unit)) {
          if (!dup(item, "budget (time)")) budget.durationMs = item.value.value;
        } else {
          report({
            start: item.value.start,
            end: item.value.end,
            severity: "error",
            code: "budget-unit",
            message: "a budget is `N evaluations` or a duration such as `20min`",
            fixes: [
              {
                title: "Add `evaluations`",
                edits: [{ start: item.end, end: item.end, newText: " evaluations" }],
                preferred: true,
              },
            ],
          });
        }
        break;
      case "seed":
        if (!item.value || dup(item, "seed")) break;
        if (!Number.isInteger(item.value.value) || item.value.value < 0 || item.value.unit !== "") {
          report({
            start: item.value.start,
            end: item.value.end,
            severity: "error",
            code: "wrong-type",
            message: "the seed is a non-negative integer",
          });
        } else seed = item.value.value;
        break;
      case "target":
        if (!item.where || dup(item, "target")) break;
        if (item.where.name === "local") target = { kind: "local" };
        else if (item.where.name === "remote" && item.remote)
          target = { kind: "remote", name: item.remote.value };
        else if (item.where.name !== "remote")
          report({
            start: item.where.start,
            end: item.where.end,
            severity: "error",
            code: "unknown-target",
            message: 'the target is `local` or `remote "NAME"`',
          });
        break;
      case "error":
        break;
    }
  }
  return {
    name: d.name?.name ?? "",
    space: d.space?.name ?? "",
    objectives,
    constraints,
    train: resolveTrain(train, report),
    strategy: resolveStrategy(strategy, report),
    budget,
    seed,
    target,
  };
}
