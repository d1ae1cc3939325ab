/** The language's keywords with a one-line documentation each (for hover and completion). */

export type KeywordPlace = "top" | "space" | "search" | "subnet";

export interface Keyword {
  readonly name: string;
  readonly doc: string;
  /** Where the keyword starts a statement; undefined for keywords inside statements. */
  readonly place?: KeywordPlace;
  /** Snippet inserted by completion. */
  readonly snippet?: string;
}

const KEYWORD_LIST: readonly Keyword[] = [
  {
    name: "space",
    place: "top",
    doc: "Declares a weight-sharing supernet: `space NAME { input … layers … }`.",
    snippet: "space ${1:Name} {\n\tinput image(${2:28}, ${3:28}, ${4:1})\n\t$0\n}",
  },
  {
    name: "search",
    place: "top",
    doc: "Declares how to search a space: `search NAME on SPACE { objectives … }`.",
    snippet:
      "search ${1:Name} on ${2:Space} {\n\tobjectives {\n\t\tmaximize accuracy\n\t\tminimize macs\n\t}\n\t$0\n}",
  },
  {
    name: "subnet",
    place: "top",
    doc: "A subnet chosen from a space: `subnet NAME of SPACE { path = value … }`; unassigned choices take their largest value.",
    snippet: "subnet ${1:name} of ${2:Space} {\n\t$0\n}",
  },
  {
    name: "input",
    place: "space",
    doc: "The network input: `image(H, W, C)`, `vector(N)` or `tokens(LENGTH, vocab: V)`.",
  },
  {
    name: "resolution",
    place: "space",
    doc: "Elastic input side for image inputs (inputs are resized): `resolution in {20, 24, 28}`.",
  },
  {
    name: "dataset",
    place: "space",
    doc: 'The training data: a named dataset (`fashion_mnist`), `idx(images, labels)` or `csv(path, label: "col")`. `classes` in a layer means its class count.',
  },
  {
    name: "stage",
    place: "space",
    doc: "A block repeated up to the largest depth, each repetition with its own choices (Once-for-All style): `stage NAME depth in {…} { chain }`. Only the first block applies its stride.",
    snippet: "stage ${1:name} depth in {${2:1, 2, 3}} {\n\t$0\n}",
  },
  {
    name: "residual",
    place: "space",
    doc: "Adds a skip connection around a chain: `residual { chain }`; the chain must keep the shape.",
    snippet: "residual {\n\t$0\n}",
  },
  {
    name: "objectives",
    place: "search",
    doc: "What the search optimises: `maximize METRIC` / `minimize METRIC`, one per line; two or more give a Pareto front.",
    snippet: "objectives {\n\tmaximize ${1:accuracy}\n\tminimize ${2:macs}\n}",
  },
  {
    name: "constraint",
    place: "search",
    doc: "A limit every reported subnet must meet: `constraint METRIC <= VALUE` (also `>=`, `<`, `>`).",
  },
  {
    name: "train",
    place: "search",
    doc: 'How the supernet is trained: `train { epochs: 6, batch: 128, … }`, or `train from "path"` to reuse a checkpoint.',
    snippet: "train { ${1:epochs}: ${2:6} }",
  },
  {
    name: "strategy",
    place: "search",
    doc: "The search strategy: `random`, `nsga2(…)` or `linas(…)` (NSGA-II accelerated by predictors).",
  },
  {
    name: "budget",
    place: "search",
    doc: "When the search stops: `budget N evaluations` and/or a duration such as `budget 20min`.",
  },
  {
    name: "seed",
    place: "search",
    doc: "The random seed of the run (a non-negative integer): the same seed gives the same search.",
  },
  {
    name: "target",
    place: "search",
    doc: 'Where the run runs: `local` or `remote "NAME"` (a remote named in the settings).',
  },
  {
    name: "measured",
    place: "subnet",
    doc: "Metrics a run measured for this subnet; the checker warns when the space no longer gives the recorded MACs or params.",
    snippet: "measured { $0 }",
  },
  { name: "depth", doc: "A stage's number of blocks: `depth in {1, 2, 3}`; in a subnet, `STAGE.depth = 2`." },
  { name: "in", doc: "Makes a value elastic: a choice set `in {3, 5, 7}` or a range `in 16..64 step 8`." },
  { name: "step", doc: "The step of a range: `in 16..64 step 8`." },
  { name: "on", doc: "`search NAME on SPACE`: the space this search explores." },
  { name: "of", doc: "`subnet NAME of SPACE`: the space this subnet is chosen from." },
  { name: "maximize", doc: "An objective to make as large as possible." },
  { name: "minimize", doc: "An objective to make as small as possible." },
  { name: "evaluations", doc: "`budget N evaluations`: the number of subnets the search evaluates." },
  { name: "from", doc: '`train from "path"`: reuse a trained supernet checkpoint and skip training.' },
  { name: "local", doc: "Run on this machine, as a child process." },
  { name: "remote", doc: '`remote "NAME"`: run on a remote target named in the settings.' },
];

export const KEYWORDS: ReadonlyMap<string, Keyword> = new Map(KEYWORD_LIST.map((k) => [k.name, k]));

export function keywordsOf(place: KeywordPlace): Keyword[] {
  return KEYWORD_LIST.filter((k) => k.place === place);
}
