import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CompletionItem } from "vscode-languageserver";
import { completion } from "../../../server/lsp/features/completion";
import { EXAMPLE, fixture } from "./fixture";

function complete(marked: string): CompletionItem[] {
  const f = fixture(marked);
  return completion(f.doc, f.analysis, f.position);
}

function labels(marked: string): string[] {
  return complete(marked).map((i) => i.label);
}

/** The example with its last subnet line replaced by `line` (which holds the cursor). */
function inSubnet(line: string): string {
  return EXAMPLE.replace("  s2[1] { kernel = 3, expand = 2 }\n", `${line}\n`);
}

const SPACE_START = "space A {\n  input image(28, 28, 1)\n";

describe("completion in a space", () => {
  test("inside `conv(|)`: its argument names with their docs, required ones first", () => {
    const items = complete(`${SPACE_START}  conv(|)\n}`);
    assert.deepEqual(
      items.map((i) => i.label),
      ["out", "kernel", "stride", "groups"],
    );
    const sorted = [...items]
      .sort((a, b) => (a.sortText ?? "").localeCompare(b.sortText ?? ""))
      .map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 2), ["out", "kernel"]);
    assert.match(JSON.stringify(items[0].documentation), /output channels/);
  });

  test("must not offer arguments already given, by name or by position, before or after the cursor", () => {
    assert.deepEqual(labels(`${SPACE_START}  conv(out: 16, |)\n}`), ["kernel", "stride", "groups"]);
    assert.deepEqual(labels(`${SPACE_START}  conv(|, kernel in {3, 5})\n}`), ["out", "stride", "groups"]);
    assert.deepEqual(labels(`${SPACE_START}  conv(16, 3, |)\n}`), ["stride", "groups"]);
  });

  test("the values of a boolean or activation argument", () => {
    assert.deepEqual(labels(`${SPACE_START}  mbconv(se: |)\n}`), ["true", "false"]);
    assert.ok(labels(`${SPACE_START}  mbconv(act: |)\n}`).includes("hswish"));
  });

  test("ops with a snippet of their required arguments, and statement keywords at the start of a line", () => {
    const items = complete(`${SPACE_START}  mb|\n}`);
    const mbconv = items.find((i) => i.label === "mbconv");
    assert.equal(mbconv?.insertText, "mbconv(out: $1, kernel: $2, expand: $3)$0");
    assert.equal(items.find((i) => i.label === "bn")?.insertText, undefined);
    for (const k of ["stage", "residual", "dataset"])
      assert.ok(
        items.some((i) => i.label === k),
        k,
      );
  });

  test("no snippet when a `(` already follows the op", () => {
    const mbconv = complete(`${SPACE_START}  mb|(out: 16)\n}`).find((i) => i.label === "mbconv");
    assert.ok(mbconv);
    assert.equal(mbconv.insertText, undefined);
  });

  test("after a label or an op of the chain: ops only", () => {
    const afterLabel = labels(`${SPACE_START}  stem: |\n}`);
    assert.ok(afterLabel.includes("conv"));
    assert.ok(!afterLabel.includes("stage"));
    assert.ok(labels(`${SPACE_START}  stem: conv(out: 8, kernel: 3) |\n}`).includes("bn"));
  });

  test("inside a stage: ops and `residual`, not space-level keywords", () => {
    const items = labels(`${SPACE_START}  stage s depth in {1, 2} {\n    |\n  }\n}`);
    assert.ok(items.includes("mbconv") && items.includes("residual"));
    assert.ok(!items.includes("input") && !items.includes("stage"));
  });

  test("`depth` after a stage name, datasets after `dataset`, input forms after `input`", () => {
    assert.deepEqual(labels("space A {\n  stage s2 |\n}"), ["depth"]);
    assert.deepEqual(labels("space A {\n  dataset |\n}"), ["fashion_mnist", "mnist", "idx", "csv"]);
    assert.deepEqual(labels("space A {\n  input |\n}"), ["image", "vector", "tokens"]);
  });

  test("must not offer anything inside a choice set, a comment or a string", () => {
    assert.deepEqual(labels(`${SPACE_START}  conv(out in {16, |})\n}`), []);
    assert.deepEqual(labels(`${SPACE_START}  // conv(|\n}`), []);
    assert.deepEqual(labels('space A {\n  dataset idx("tr|")\n}'), []);
  });
});

describe("completion at the top level", () => {
  test("declaration keywords, `on`/`of` after a name, space names after them", () => {
    assert.deepEqual(labels("|"), ["space", "search", "subnet"]);
    assert.deepEqual(labels("space A {\n}\nsearch Q |"), ["on"]);
    assert.deepEqual(labels("space A {\n}\nsubnet n |"), ["of"]);
    assert.deepEqual(labels("space A {\n}\nspace B {\n}\nsearch Q on |"), ["A", "B"]);
    assert.deepEqual(labels("space A {\n}\nsubnet n of |"), ["A"]);
  });

  test("works after a block left unclosed by a missing `)`", () => {
    assert.deepEqual(labels("space A {\n  conv(out: 16\n}\nsearch Q on A {\n  strategy |\n}"), [
      "random",
      "nsga2",
      "linas",
    ]);
  });
});

describe("completion in a search", () => {
  const search = (body: string): string => `space A {\n}\nsearch Q on A {\n  ${body}\n}`;

  test("statement keywords, metrics after maximize/minimize/constraint", () => {
    assert.deepEqual(labels(search("|")), [
      "objectives",
      "constraint",
      "train",
      "strategy",
      "budget",
      "seed",
      "target",
    ]);
    const metrics = ["accuracy", "loss", "macs", "params", "latency", "model_size"];
    assert.deepEqual(labels(search("objectives {\n    maximize |\n  }")), metrics);
    assert.deepEqual(labels(search("objectives {\n    |\n  }")), ["maximize", "minimize"]);
    assert.deepEqual(labels(search("constraint |")), metrics);
  });

  test("train settings not yet given, and the forms of a setting's value", () => {
    assert.deepEqual(labels(search("train { epochs: 6, | }")), [
      "batch",
      "optimizer",
      "schedule",
      "weight_decay",
      "label_smoothing",
      "sampling",
      "distill",
    ]);
    assert.deepEqual(labels(search("train { optimizer: | }")), ["sgd", "adam"]);
    assert.deepEqual(labels(search("train { optimizer: sgd(lr: 0.1, |) }")), ["momentum", "nesterov"]);
  });

  test("strategies with their settings, and predictors", () => {
    const strategies = complete(search("strategy |"));
    assert.deepEqual(
      strategies.map((i) => i.label),
      ["random", "nsga2", "linas"],
    );
    assert.equal(strategies.find((i) => i.label === "linas")?.insertText, "linas($1)");
    assert.deepEqual(labels(search("strategy linas(population: 40, |)")), [
      "iterations",
      "predictor",
      "inner",
    ]);
    assert.deepEqual(labels(search("strategy linas(predictor: |)")), ["auto", "ridge", "svr", "mlp"]);
    assert.deepEqual(labels(search("budget 240 |")), ["evaluations"]);
  });
});

describe("completion in a subnet", () => {
  test("after `s2[1].kernel = |`: exactly the choices, in order", () => {
    assert.deepEqual(labels(inSubnet("  s2[1].kernel = |")), ["3", "5", "7"]);
    assert.deepEqual(labels(inSubnet("  s2[1].kernel = 5|")), ["3", "5", "7"]);
    assert.deepEqual(labels(inSubnet("  resolution = |")), ["20", "24", "28"]);
  });

  test("stage, layer and resolution names at the start of an assignment", () => {
    assert.deepEqual(labels(inSubnet("  |")), ["resolution", "s1", "s2", "measured"]);
  });

  test("`depth` after `STAGE.`, the elastic arguments after `STAGE[i].` and inside `STAGE[i] { … }`", () => {
    assert.deepEqual(labels(inSubnet("  s2.|")), ["depth"]);
    assert.deepEqual(labels(inSubnet("  s2[1].|")), ["out", "kernel", "expand"]);
    assert.deepEqual(labels(inSubnet("  s2[1] { | }")), ["out", "kernel", "expand"]);
    assert.deepEqual(labels(inSubnet("  s2[1] { kernel = 3, | }")), ["out", "expand"]);
    assert.deepEqual(labels(inSubnet("  s2[1] { kernel = 3, expand = | }")), ["2", "4", "6"]);
  });

  test("metrics not yet recorded inside `measured { … }`", () => {
    assert.deepEqual(labels(inSubnet("  measured { macs: 1.2M, | }")), [
      "accuracy",
      "loss",
      "params",
      "latency",
      "model_size",
      "run",
    ]);
  });

  test("must not offer values for a path that does not exist", () => {
    assert.deepEqual(labels(inSubnet("  s9[0].kernel = |")), []);
    assert.deepEqual(labels(inSubnet("  s2[1].kernel 3|")), []);
  });
});
