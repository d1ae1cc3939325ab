/** Completion: the items that fit the cursor's context (see completionContext). */
import type { CompletionItem, Position } from "vscode-languageserver";
import { CompletionItemKind, InsertTextFormat, MarkupKind } from "vscode-languageserver-types";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DocumentAnalysis, SpaceInfo } from "../../language/checker";
import { DATASET_FORMS, KNOWN_DATASETS } from "../../language/datasets";
import { METRICS } from "../../language/metrics";
import { ACTIVATIONS, OPS } from "../../language/ops";
import type { OpSpec } from "../../language/ops";
import type { SettingSpec } from "../../language/searchConfig";
import { STRATEGIES, STRATEGY_DOCS } from "../../language/searchConfig";
import type { CompletionContext } from "./completionContext";
import { completionContext } from "./completionContext";
import * as D from "./describe";
import type { Keyword, KeywordPlace } from "./keywords";
import { KEYWORDS, keywordsOf } from "./keywords";
import type { PathPart } from "./locate";
import { genesAtPath } from "./locate";

export function completion(
  doc: TextDocument,
  analysis: DocumentAnalysis,
  position: Position,
): CompletionItem[] {
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  // Whether a `(` already follows the word at the cursor (then an op or form is inserted without one).
  const parenFollows = /^[A-Za-z0-9_]*\(/.test(text.slice(offset));
  return itemsFor(completionContext(text, offset, analysis.file), analysis, parenFollows);
}

function markdown(value: string): CompletionItem["documentation"] {
  return { kind: MarkupKind.Markdown, value };
}

function itemsFor(
  context: CompletionContext,
  analysis: DocumentAnalysis,
  parenFollows: boolean,
): CompletionItem[] {
  switch (context.kind) {
    case "none":
      return [];
    case "topKeyword":
      return keywordItems("top");
    case "words":
      return wordItems(context.words);
    case "spaceName":
      return [...analysis.spaces.values()].map((s) => ({
        label: s.model.name,
        kind: CompletionItemKind.Class,
        documentation: markdown(D.describeSpace(s)),
      }));
    case "layer":
      return [...[...OPS.values()].map((op) => opItem(op, parenFollows)), ...wordItems(context.keywords)];
    case "opArg": {
      const { op } = context;
      return op.args
        .filter((a) => !context.given.has(a.name))
        .map((a) => ({
          label: a.name,
          kind: CompletionItemKind.Field,
          detail: a.required ? "required" : `default ${String(a.default)}`,
          documentation: markdown(D.describeArg(op, a, [])),
          insertText: `${a.name}: `,
          // Required arguments first.
          sortText: `${a.required ? 0 : 1}${op.args.indexOf(a)}`,
        }));
    }
    case "opArgValue": {
      const { type } = context.arg;
      const values = type === "bool" ? ["true", "false"] : type === "activation" ? [...ACTIVATIONS] : [];
      return values.map((v) => ({ label: v, kind: CompletionItemKind.Value }));
    }
    case "dataset":
      return [
        ...[...KNOWN_DATASETS.values()].map((d) => ({
          label: d.name,
          kind: CompletionItemKind.Constant,
          documentation: markdown(D.describeDataset(d)),
        })),
        snippetItem(
          "idx",
          'idx("${1:train-images-idx3-ubyte.gz}", "${2:train-labels-idx1-ubyte.gz}")',
          DATASET_FORMS.idx.doc,
          parenFollows,
        ),
        snippetItem("csv", 'csv("${1:data.csv}", label: "${2:label}")', DATASET_FORMS.csv.doc, parenFollows),
      ];
    case "inputForm":
      return [
        snippetItem(
          "image",
          "image(${1:H}, ${2:W}, ${3:C})",
          "An image input: height, width, channels.",
          parenFollows,
        ),
        snippetItem("vector", "vector(${1:N})", "A feature vector of N values.", parenFollows),
        snippetItem(
          "tokens",
          "tokens(${1:LENGTH}, vocab: ${2:V})",
          "A token sequence of a given length over a vocabulary.",
          parenFollows,
        ),
      ];
    case "searchStatement":
      return keywordItems("search");
    case "metric":
      return [
        ...[...METRICS.values()]
          .filter((m) => !context.given.has(m.name))
          .map((m) => ({
            label: m.name,
            kind: CompletionItemKind.Property,
            documentation: markdown(D.describeMetric(m, undefined)),
            ...(context.measured ? { insertText: `${m.name}: ` } : {}),
          })),
        ...(context.measured && !context.given.has("run")
          ? [
              {
                label: "run",
                kind: CompletionItemKind.Property,
                documentation: "The run that measured these metrics.",
                insertText: "run: ",
              },
            ]
          : []),
      ];
    case "strategy":
      return Object.entries(STRATEGIES).map(([name, settings]) =>
        formItem(name, settings, STRATEGY_DOCS[name], parenFollows),
      );
    case "setting":
      return context.specs
        .filter((s) => !context.given.has(s.name))
        .map((s) => ({
          label: s.name,
          kind: CompletionItemKind.Field,
          documentation: markdown(D.describeSetting(s, context.owner)),
          insertText: `${s.name}: `,
        }));
    case "settingValue":
      return settingValues(context.spec, parenFollows);
    case "path":
    case "assignValue": {
      const space = analysis.spaces.get(context.space);
      if (!space) return [];
      return context.kind === "path"
        ? pathItems(space, context.parts, context.given)
        : valueItems(space, context.parts);
    }
  }
}

function keywordItem(k: Keyword): CompletionItem {
  return {
    label: k.name,
    kind: CompletionItemKind.Keyword,
    documentation: markdown(k.doc),
    ...(k.snippet ? { insertText: k.snippet, insertTextFormat: InsertTextFormat.Snippet } : {}),
  };
}

/** Keywords by name (a word without documentation is still offered). */
function wordItems(names: readonly string[]): CompletionItem[] {
  return names.map((name) => keywordItem(KEYWORDS.get(name) ?? { name, doc: "" }));
}

function keywordItems(place: KeywordPlace): CompletionItem[] {
  return keywordsOf(place).map(keywordItem);
}

function snippetItem(label: string, snippet: string, doc: string, parenFollows: boolean): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Function,
    documentation: markdown(doc),
    ...(parenFollows ? {} : { insertText: snippet, insertTextFormat: InsertTextFormat.Snippet }),
  };
}

/** An op, inserted with its required arguments as tab stops: `conv(out: $1, kernel: $2)`. */
function opItem(op: OpSpec, parenFollows: boolean): CompletionItem {
  const required = op.args.filter((a) => a.required);
  const snippet = required.length
    ? `${op.name}(${required.map((a, i) => `${a.name}: $${i + 1}`).join(", ")})$0`
    : op.name;
  return {
    label: op.name,
    kind: CompletionItemKind.Function,
    detail: D.signature(op),
    documentation: markdown(op.doc),
    ...(parenFollows || snippet === op.name
      ? {}
      : { insertText: snippet, insertTextFormat: InsertTextFormat.Snippet }),
  };
}

/** A strategy or setting form: `linas($1)` (its settings follow inside), or a bare name when it takes none. */
function formItem(
  name: string,
  settings: readonly SettingSpec[],
  doc: string | undefined,
  parenFollows: boolean,
): CompletionItem {
  return {
    label: name,
    kind: CompletionItemKind.Function,
    documentation: markdown(D.describeForm(name, doc, settings)),
    ...(settings.length && !parenFollows
      ? { insertText: `${name}($1)`, insertTextFormat: InsertTextFormat.Snippet }
      : {}),
  };
}

function settingValues(spec: SettingSpec, parenFollows: boolean): CompletionItem[] {
  const t = spec.type;
  switch (t.kind) {
    case "bool":
      return ["true", "false"].map((v) => ({ label: v, kind: CompletionItemKind.Value }));
    case "enum":
      return t.values.map((v) => ({
        label: v,
        kind: CompletionItemKind.EnumMember,
        ...(v === spec.default ? { detail: "default" } : {}),
      }));
    case "call":
      return Object.entries(t.forms).map(([name, settings]) =>
        formItem(name, settings, undefined, parenFollows),
      );
    default:
      return [];
  }
}

/** Names that can start a subnet path, or the members after a path such as `s2[0].`. */
function pathItems(
  space: SpaceInfo,
  parts: readonly PathPart[],
  given: ReadonlySet<string>,
): CompletionItem[] {
  const { model } = space;
  if (parts.length === 0) {
    const layersWithChoices = [...model.layers.keys()].filter((l) =>
      model.genes.some((g) => g.stage === undefined && g.label === l),
    );
    return [
      ...(model.genes.some((g) => g.kind === "resolution")
        ? [
            {
              label: "resolution",
              kind: CompletionItemKind.Keyword,
              documentation: markdown(D.describeChoices(model.genes.filter((g) => g.kind === "resolution"))),
            },
          ]
        : []),
      ...[...model.stages.values()].map((s) => ({
        label: s.name,
        kind: CompletionItemKind.Module,
        documentation: markdown(D.describeStage(space, s)),
      })),
      ...layersWithChoices.map((l) => ({ label: l, kind: CompletionItemKind.Variable })),
      ...wordItems(["measured"]),
    ];
  }
  const [head, ...rest] = parts;
  const prefix = `${head.name}${head.index === undefined ? "" : `[${head.index}]`}.${rest.map((p) => `${p.name}.`).join("")}`;
  const members = new Map<string, CompletionItem>();
  for (const g of model.genes) {
    if (!g.path.startsWith(prefix) || g.path.includes("#")) continue;
    const member = g.path.slice(prefix.length).split(".")[0];
    if (given.has(member) || members.has(member)) continue;
    const leaf = g.path.slice(prefix.length) === member;
    members.set(member, {
      label: member,
      kind: leaf ? CompletionItemKind.Field : CompletionItemKind.Variable,
      ...(leaf ? { detail: D.choiceSet(g.values), documentation: markdown(D.describeChoices([g])) } : {}),
    });
  }
  // A labelled layer's choices are also reachable as `STAGE[i].LABEL.ARG`.
  if (head.index !== undefined && rest.length === 0) {
    for (const g of model.genes) {
      if (g.stage === head.name && g.block === head.index && g.label && !members.has(g.label))
        members.set(g.label, { label: g.label, kind: CompletionItemKind.Variable });
    }
  }
  return [...members.values()];
}

/** The choices of the gene a path assigns, in ascending order. */
function valueItems(space: SpaceInfo, parts: readonly PathPart[]): CompletionItem[] {
  const genes = genesAtPath(space.model, parts);
  if (genes.length !== 1) return [];
  const values = genes[0].values;
  return values.map((v, i) => ({
    label: String(v),
    kind: CompletionItemKind.Value,
    sortText: String(i).padStart(4, "0"),
    ...(i === values.length - 1 ? { detail: "the largest (when unassigned)" } : {}),
  }));
}
