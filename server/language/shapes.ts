/** Tensor shapes flowing through a space, without the batch dimension. */
export type Shape =
  | { readonly kind: "image"; readonly h: number; readonly w: number; readonly c: number }
  | { readonly kind: "vector"; readonly n: number }
  | { readonly kind: "tokens"; readonly length: number; readonly vocab: number }
  | { readonly kind: "seq"; readonly length: number; readonly dim: number };

export function shapeKey(s: Shape): string {
  switch (s.kind) {
    case "image":
      return `i${s.h}x${s.w}x${s.c}`;
    case "vector":
      return `v${s.n}`;
    case "tokens":
      return `t${s.length}x${s.vocab}`;
    case "seq":
      return `s${s.length}x${s.dim}`;
  }
}

/** Human form used in hovers and messages: `28×28×16`, `(10)`, `64 tokens × 128`. */
export function formatShape(s: Shape): string {
  switch (s.kind) {
    case "image":
      return `${s.h}×${s.w}×${s.c}`;
    case "vector":
      return `(${s.n})`;
    case "tokens":
      return `${s.length} tokens (vocab ${s.vocab})`;
    case "seq":
      return `${s.length}×${s.dim}`;
  }
}

export function sameShape(a: Shape, b: Shape): boolean {
  return shapeKey(a) === shapeKey(b);
}

/** The channel/feature width of a shape (what `bn`, `layernorm` and `dense` act on). */
export function featureWidth(s: Shape): number {
  switch (s.kind) {
    case "image":
      return s.c;
    case "vector":
      return s.n;
    case "tokens":
      return s.vocab;
    case "seq":
      return s.dim;
  }
}
