/**
 * The syntax tree of a `.nas` file. Every node carries its source range (offsets); nodes that
 * the parser could not complete are still present with what was found, so the checker can keep
 * going after a syntax error.
 */
import type { Comment, NumberUnit } from "./tokens";

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Ident extends Span {
  readonly kind: "ident";
  readonly name: string;
}

export interface NumberLit extends Span {
  readonly kind: "number";
  readonly value: number;
  readonly unit: NumberUnit;
  readonly raw: string;
}

export interface StringLit extends Span {
  readonly kind: "string";
  readonly value: string;
  readonly raw: string;
}

/** `name(args)`, used for optimizers, strategies and dataset forms. */
export interface CallExpr extends Span {
  readonly kind: "call";
  readonly callee: Ident;
  readonly args: Arg[];
}

export type Expr = Ident | NumberLit | StringLit | CallExpr;

/** `{a, b, c}` */
export interface ChoiceSet extends Span {
  readonly kind: "choices";
  readonly items: Expr[];
}

/** `A..B` or `A..B step S` */
export interface RangeSpec extends Span {
  readonly kind: "range";
  readonly from: NumberLit | undefined;
  readonly to: NumberLit | undefined;
  readonly step: NumberLit | undefined;
}

/** What follows `in`: an elastic set of values. */
export type Elastic = ChoiceSet | RangeSpec;

/** `value`, `name: value` or `name in {…}` inside an argument list. */
export interface Arg extends Span {
  readonly kind: "arg";
  readonly name: Ident | undefined;
  /** A fixed value, or an elastic set after `in`. Undefined when missing (syntax error). */
  readonly value: Expr | Elastic | undefined;
}

export interface OpCall extends Span {
  readonly kind: "op";
  readonly name: Ident;
  /** Undefined when the op is written without parentheses (`bn`). */
  readonly args: Arg[] | undefined;
}

/** One line of a chain: `[label:] op op …`. */
export interface LayerLine extends Span {
  readonly kind: "layer";
  readonly label: Ident | undefined;
  readonly ops: OpCall[];
}

export interface ResidualBlock extends Span {
  readonly kind: "residual";
  readonly keyword: Span;
  readonly body: ChainItem[];
}

export type ChainItem = LayerLine | ResidualBlock | ErrorNode;

export interface InputDecl extends Span {
  readonly kind: "input";
  readonly form: Ident | undefined;
  readonly args: Arg[];
}

export interface ResolutionDecl extends Span {
  readonly kind: "resolution";
  readonly keyword: Span;
  readonly values: Elastic | Expr | undefined;
}

export interface DatasetDecl extends Span {
  readonly kind: "dataset";
  /** `fashion_mnist` (an identifier) or `idx(…)` / `csv(…)` (a call). */
  readonly source: Ident | CallExpr | undefined;
}

export interface StageDecl extends Span {
  readonly kind: "stage";
  readonly keyword: Span;
  readonly name: Ident | undefined;
  readonly depth: Elastic | Expr | undefined;
  readonly body: ChainItem[];
}

export type SpaceItem = InputDecl | ResolutionDecl | DatasetDecl | StageDecl | ChainItem;

export interface SpaceDecl extends Span {
  readonly kind: "space";
  readonly keyword: Span;
  readonly name: Ident | undefined;
  readonly items: SpaceItem[];
  /** Offsets of the braces, when present. */
  readonly open: number | undefined;
  readonly close: number | undefined;
}

export interface ObjectiveEntry extends Span {
  readonly kind: "objective";
  readonly sense: "maximize" | "minimize";
  readonly metric: Ident | undefined;
}

export interface ObjectivesDecl extends Span {
  readonly kind: "objectives";
  readonly entries: ObjectiveEntry[];
}

export type Comparison = "<=" | ">=" | "<" | ">";

export interface ConstraintDecl extends Span {
  readonly kind: "constraint";
  readonly metric: Ident | undefined;
  readonly op: Comparison | undefined;
  readonly value: NumberLit | undefined;
}

/** `train { key: value, … }` or `train from "path"`. */
export interface TrainDecl extends Span {
  readonly kind: "train";
  readonly from: StringLit | undefined;
  readonly settings: Arg[];
}

export interface StrategyDecl extends Span {
  readonly kind: "strategy";
  readonly value: Ident | CallExpr | undefined;
}

/** `budget 240 evaluations` or `budget 20min`. */
export interface BudgetDecl extends Span {
  readonly kind: "budget";
  readonly value: NumberLit | undefined;
  readonly evaluations: boolean;
}

export interface SeedDecl extends Span {
  readonly kind: "seed";
  readonly value: NumberLit | undefined;
}

export interface TargetDecl extends Span {
  readonly kind: "target";
  readonly where: Ident | undefined;
  readonly remote: StringLit | undefined;
}

export type SearchItem =
  ObjectivesDecl | ConstraintDecl | TrainDecl | StrategyDecl | BudgetDecl | SeedDecl | TargetDecl | ErrorNode;

export interface SearchDecl extends Span {
  readonly kind: "search";
  readonly keyword: Span;
  readonly name: Ident | undefined;
  readonly space: Ident | undefined;
  readonly items: SearchItem[];
  readonly open: number | undefined;
  readonly close: number | undefined;
}

/** `s2[1]` / `s2.depth` / `stem.out` / `resolution`. */
export interface PathSegment extends Span {
  readonly name: Ident;
  readonly index: NumberLit | undefined;
}

export interface SubnetPath extends Span {
  readonly segments: PathSegment[];
}

/** `path = value` */
export interface Assignment extends Span {
  readonly kind: "assign";
  readonly path: SubnetPath;
  readonly value: Expr | undefined;
}

/** `s2[0] { out = 32, kernel = 5 }` */
export interface BlockAssignment extends Span {
  readonly kind: "blockAssign";
  readonly path: SubnetPath;
  readonly assignments: Assignment[];
}

/** `measured { accuracy: 86.9%, … }` */
export interface MeasuredDecl extends Span {
  readonly kind: "measured";
  readonly keyword: Span;
  readonly entries: Arg[];
}

export type SubnetItem = Assignment | BlockAssignment | MeasuredDecl | ErrorNode;

export interface SubnetDecl extends Span {
  readonly kind: "subnet";
  readonly keyword: Span;
  readonly name: Ident | undefined;
  readonly space: Ident | undefined;
  readonly items: SubnetItem[];
  readonly open: number | undefined;
  readonly close: number | undefined;
}

/** Tokens the parser skipped while recovering from a syntax error. */
export interface ErrorNode extends Span {
  readonly kind: "error";
}

export type TopLevel = SpaceDecl | SearchDecl | SubnetDecl | ErrorNode;

export interface SyntaxError extends Span {
  readonly message: string;
  readonly code: string;
  /** Another place the error is about, such as the `(` a missing `)` would close. */
  readonly related?: RelatedSpan;
}

/** A place a diagnostic refers to, with what it is (shown as a link under the message). */
export interface RelatedSpan extends Span {
  readonly message: string;
}

export interface NasFile {
  readonly text: string;
  readonly items: TopLevel[];
  readonly comments: Comment[];
  readonly errors: SyntaxError[];
}
