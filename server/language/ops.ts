/**
 * The op table: for each op its arguments, shape rule, MACs and params. Conventions (also in
 * docs/language.md): convolutions are 'same'-padded (output side = ceil(side / stride)) and have no
 * bias (a `bn` normally follows); `dense` and `patchify` have a bias; params count trainable weights
 * only (BatchNorm's gamma and beta, not its running statistics); MACs count multiply-accumulates of
 * convolutions, dense layers and attention, not of normalisation, activations or pooling.
 */
import type { Shape } from "./shapes";
import { featureWidth, formatShape } from "./shapes";

export type ArgType = "int" | "number" | "bool" | "activation";

export interface ArgSpec {
  readonly name: string;
  readonly type: ArgType;
  readonly required: boolean;
  readonly default?: number | boolean | string;
  /** Whether `name in {…}` is allowed. */
  readonly elastic: boolean;
  readonly doc: string;
  /** Inclusive bounds for numeric values. */
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMax?: boolean;
  /** Whether its value changes the op's output shape (error messages name such choices). */
  readonly shapes?: boolean;
}

export type ArgValues = Readonly<Record<string, number | boolean | string>>;

export interface OpResult {
  readonly out: Shape;
  readonly macs: number;
  readonly params: number;
  /** Set for ops that add their input back (mbconv with stride 1 and equal channels). */
  readonly skip?: boolean;
  /** A non-fatal note about this application (e.g. a stride with no effect). */
  readonly warning?: string;
}

export interface OpSpec {
  readonly name: string;
  readonly doc: string;
  readonly args: readonly ArgSpec[];
  /** Applies the op to a shape with concrete argument values; a string is an error message. */
  apply(input: Shape, args: ArgValues): OpResult | string;
}

export const ACTIVATIONS = ["relu", "relu6", "hswish", "gelu", "sigmoid", "swish", "none"] as const;

const int = (name: string, doc: string, extra: Partial<ArgSpec> = {}): ArgSpec => ({
  name,
  type: "int",
  required: extra.default === undefined,
  elastic: true,
  doc,
  min: 1,
  ...extra,
});

/** 'same' padding output side. */
export function strided(side: number, stride: number): number {
  return Math.ceil(side / stride);
}

function needImage(op: string, s: Shape): string | undefined {
  if (s.kind === "image") return undefined;
  return `\`${op}\` needs an image input, got ${formatShape(s)}`;
}

function strideWarning(s: Shape & { kind: "image" }, stride: number): string | undefined {
  return stride > 1 && Math.min(s.h, s.w) < stride
    ? `stride ${stride} on a ${s.h}×${s.w} input has no effect: the spatial size is already below the stride`
    : undefined;
}

const conv: OpSpec = {
  name: "conv",
  doc: "2-D convolution, 'same' padding, no bias (follow it with `bn`).",
  args: [
    int("out", "output channels", { shapes: true }),
    int("kernel", "kernel side (odd)"),
    int("stride", "stride", { default: 1, elastic: false, shapes: true }),
    int("groups", "groups; must divide the input and output channels", { default: 1, elastic: false }),
  ],
  apply(s, a) {
    const bad = needImage("conv", s);
    if (bad || s.kind !== "image") return bad!;
    const out = a.out as number,
      k = a.kernel as number,
      stride = a.stride as number,
      g = a.groups as number;
    if (s.c % g !== 0 || out % g !== 0)
      return `groups ${g} must divide the input channels ${s.c} and out ${out}`;
    const h = strided(s.h, stride),
      w = strided(s.w, stride);
    return {
      out: { kind: "image", h, w, c: out },
      macs: k * k * (s.c / g) * out * h * w,
      params: k * k * (s.c / g) * out,
      warning: strideWarning(s, stride),
    };
  },
};

const dwconv: OpSpec = {
  name: "dwconv",
  doc: "Depthwise 2-D convolution, 'same' padding, no bias.",
  args: [
    int("kernel", "kernel side (odd)"),
    int("stride", "stride", { default: 1, elastic: false, shapes: true }),
  ],
  apply(s, a) {
    const bad = needImage("dwconv", s);
    if (bad || s.kind !== "image") return bad!;
    const k = a.kernel as number,
      stride = a.stride as number;
    const h = strided(s.h, stride),
      w = strided(s.w, stride);
    return {
      out: { kind: "image", h, w, c: s.c },
      macs: k * k * s.c * h * w,
      params: k * k * s.c,
      warning: strideWarning(s, stride),
    };
  },
};

/**
 * The squeeze-and-excitation width OFA uses: a quarter of the expanded channels, rounded to a
 * multiple of 8 (OFA's `make_divisible(mid // 4, 8)`), so imported OFA/DyNAS-T subnets cost what
 * they cost there.
 */
export function seWidth(mid: number): number {
  return makeDivisible(Math.floor(mid / 4), 8);
}

/** The nearest multiple of `divisor` (at least `divisor`), never more than 10% below `v`. */
export function makeDivisible(v: number, divisor: number): number {
  let rounded = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * v) rounded += divisor;
  return rounded;
}

/** Expanded channels of an inverted residual block. */
export function expandedWidth(cin: number, expand: number): number {
  return Math.max(1, Math.round(cin * expand));
}

const mbconv: OpSpec = {
  name: "mbconv",
  doc:
    "Inverted residual block (MobileNetV2/V3): 1×1 expand + BN + act, k×k depthwise + BN + act, optional " +
    "squeeze-and-excitation, 1×1 project + BN. Adds a skip connection when stride is 1 and in = out.",
  args: [
    int("out", "output channels", { shapes: true }),
    int("kernel", "depthwise kernel side (odd)"),
    {
      name: "expand",
      type: "number",
      required: true,
      elastic: true,
      doc: "expansion ratio of the hidden width",
      min: 1,
    },
    int("stride", "stride of the depthwise conv", { default: 1, elastic: false, shapes: true }),
    {
      name: "se",
      type: "bool",
      required: false,
      default: false,
      elastic: false,
      doc: "squeeze-and-excitation",
    },
    { name: "act", type: "activation", required: false, default: "relu", elastic: false, doc: "activation" },
  ],
  apply(s, a) {
    const bad = needImage("mbconv", s);
    if (bad || s.kind !== "image") return bad!;
    const out = a.out as number,
      k = a.kernel as number,
      e = a.expand as number,
      stride = a.stride as number,
      se = a.se as boolean;
    const mid = expandedWidth(s.c, e);
    const h = strided(s.h, stride),
      w = strided(s.w, stride);
    let macs = 0,
      params = 0;
    if (e !== 1) {
      macs += s.c * mid * s.h * s.w;
      params += s.c * mid + 2 * mid;
    }
    macs += k * k * mid * h * w;
    params += k * k * mid + 2 * mid;
    if (se) {
      const r = seWidth(mid);
      macs += mid * r + r * mid;
      params += mid * r + r + r * mid + mid;
    }
    macs += mid * out * h * w;
    params += mid * out + 2 * out;
    return {
      out: { kind: "image", h, w, c: out },
      macs,
      params,
      skip: stride === 1 && s.c === out,
      warning: strideWarning(s, stride),
    };
  },
};

const dense: OpSpec = {
  name: "dense",
  doc: "Fully connected layer with bias. After an image it needs `gap` or `flatten` first; on a sequence it acts per token.",
  args: [int("units", "output units", { shapes: true })],
  apply(s, a) {
    const units = a.units as number;
    if (s.kind === "image") return "`dense` after an image needs `gap` or `flatten` first";
    if (s.kind === "tokens") return "`dense` on tokens needs `embedding` first";
    if (s.kind === "seq")
      return {
        out: { kind: "seq", length: s.length, dim: units },
        macs: s.length * s.dim * units,
        params: s.dim * units + units,
      };
    return { out: { kind: "vector", n: units }, macs: s.n * units, params: s.n * units + units };
  },
};

function norm(name: string, doc: string): OpSpec {
  return {
    name,
    doc,
    args: [],
    apply(s) {
      if (s.kind === "tokens") return `\`${name}\` on tokens needs \`embedding\` first`;
      return { out: s, macs: 0, params: 2 * featureWidth(s) };
    },
  };
}

function elementwise(name: string, doc: string, args: readonly ArgSpec[] = []): OpSpec {
  return {
    name,
    doc,
    args,
    apply(s) {
      if (s.kind === "tokens") return `\`${name}\` on tokens needs \`embedding\` first`;
      return { out: s, macs: 0, params: 0 };
    },
  };
}

function pool(name: string, doc: string): OpSpec {
  return {
    name,
    doc,
    args: [
      int("kernel", "window side", { shapes: true }),
      int("stride", "stride (default: the kernel)", { default: 0, elastic: false, min: 0, shapes: true }),
    ],
    apply(s, a) {
      const bad = needImage(name, s);
      if (bad || s.kind !== "image") return bad!;
      const stride = (a.stride as number) || (a.kernel as number);
      const h = strided(s.h, stride),
        w = strided(s.w, stride);
      return { out: { kind: "image", h, w, c: s.c }, macs: 0, params: 0, warning: strideWarning(s, stride) };
    },
  };
}

const gap: OpSpec = {
  name: "gap",
  doc: "Global average pooling: averages over spatial positions (image) or over tokens (sequence).",
  args: [],
  apply(s) {
    if (s.kind === "image") return { out: { kind: "vector", n: s.c }, macs: 0, params: 0 };
    if (s.kind === "seq") return { out: { kind: "vector", n: s.dim }, macs: 0, params: 0 };
    return `\`gap\` needs an image or a sequence, got ${formatShape(s)}`;
  },
};

const flatten: OpSpec = {
  name: "flatten",
  doc: "Flattens an image or a sequence into a vector.",
  args: [],
  apply(s) {
    if (s.kind === "image") return { out: { kind: "vector", n: s.h * s.w * s.c }, macs: 0, params: 0 };
    if (s.kind === "seq") return { out: { kind: "vector", n: s.length * s.dim }, macs: 0, params: 0 };
    if (s.kind === "vector") return { out: s, macs: 0, params: 0 };
    return "`flatten` on tokens needs `embedding` first";
  },
};

const embedding: OpSpec = {
  name: "embedding",
  doc: "Token embedding with a learned position embedding: tokens(L, vocab: V) → L×dim.",
  args: [int("dim", "embedding width", { shapes: true })],
  apply(s, a) {
    if (s.kind !== "tokens") return `\`embedding\` needs a tokens input, got ${formatShape(s)}`;
    const dim = a.dim as number;
    return { out: { kind: "seq", length: s.length, dim }, macs: 0, params: s.vocab * dim + s.length * dim };
  },
};

const patchify: OpSpec = {
  name: "patchify",
  doc: "Splits an image into size×size patches and projects each to `dim` (a strided conv with bias), giving a sequence (ViT).",
  args: [
    int("size", "patch side", { elastic: false, shapes: true }),
    int("dim", "token width", { shapes: true }),
  ],
  apply(s, a) {
    const bad = needImage("patchify", s);
    if (bad || s.kind !== "image") return bad!;
    const size = a.size as number,
      dim = a.dim as number;
    const h = Math.floor(s.h / size),
      w = Math.floor(s.w / size);
    if (h < 1 || w < 1) return `patch size ${size} is larger than the ${s.h}×${s.w} input: no patch fits`;
    return {
      out: { kind: "seq", length: h * w, dim },
      macs: size * size * s.c * dim * h * w,
      params: size * size * s.c * dim + dim,
      warning:
        s.h % size || s.w % size
          ? `the ${s.h}×${s.w} input is not a multiple of patch size ${size}: edge pixels are dropped`
          : undefined,
    };
  },
};

const transformer: OpSpec = {
  name: "transformer",
  doc:
    "One pre-norm transformer encoder layer on a sequence L×D: multi-head self-attention with `heads` heads over " +
    "an attention width `dim` (q, k, v: D→dim; output: dim→D), then an MLP D→mlp→D (GELU); each with LayerNorm and a residual.",
  args: [
    int("dim", "attention width (q/k/v); must be divisible by heads"),
    int("heads", "attention heads"),
    int("mlp", "MLP hidden width"),
  ],
  apply(s, a) {
    if (s.kind !== "seq")
      return `\`transformer\` needs a sequence (use \`embedding\` or \`patchify\` first), got ${formatShape(s)}`;
    const dim = a.dim as number,
      heads = a.heads as number,
      mlp = a.mlp as number;
    if (dim % heads !== 0) return `dim ${dim} is not divisible by heads ${heads}`;
    const L = s.length,
      D = s.dim;
    return {
      out: s,
      macs: L * 3 * D * dim + 2 * L * L * dim + L * dim * D + 2 * L * D * mlp,
      params: 4 * D + 3 * (D * dim + dim) + (dim * D + D) + (D * mlp + mlp) + (mlp * D + D),
    };
  },
};

export const OPS: ReadonlyMap<string, OpSpec> = new Map(
  [
    conv,
    dwconv,
    mbconv,
    dense,
    norm("bn", "Batch normalisation (learned scale and shift)."),
    norm("layernorm", "Layer normalisation over the feature width."),
    elementwise("relu", "ReLU activation."),
    elementwise("relu6", "ReLU capped at 6."),
    elementwise("hswish", "Hard swish activation (MobileNetV3)."),
    elementwise("gelu", "GELU activation."),
    elementwise("dropout", "Dropout during training (identity at evaluation).", [
      {
        name: "rate",
        type: "number",
        required: true,
        elastic: false,
        doc: "drop probability in [0, 1)",
        min: 0,
        max: 1,
        exclusiveMax: true,
      },
    ]),
    pool("maxpool", "Max pooling, 'same' padding."),
    pool("avgpool", "Average pooling, 'same' padding."),
    gap,
    flatten,
    embedding,
    patchify,
    transformer,
  ].map((op) => [op.name, op]),
);
