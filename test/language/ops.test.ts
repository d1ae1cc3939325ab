/**
 * MACs, params and output shapes of every op, against values worked out by hand. Each case goes
 * through the language (parse → model → analysis), so argument defaults and bindings are covered too.
 * Conventions (ops.ts): 'same' padding, side = ceil(side / stride); convolutions have no bias, dense and
 * patchify do; BN/LayerNorm count gamma and beta; MACs count only convolutions, dense and attention.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { OPS } from "../../server/language/ops";
import { formatShape } from "../../server/language/shapes";
import { buildFirstSpace } from "./spaces";

interface OpCost {
  readonly out: string;
  readonly macs: number;
  readonly params: number;
  readonly problems: readonly string[];
}

/** One layer chain applied to one input, with no elastic choices. */
function cost(input: string, chain: string): OpCost {
  const { analysis, diagnostics } = buildFirstSpace(`space T {\n  input ${input}\n  ${chain}\n}\n`);
  assert.equal(analysis.outputs.length, 1, "a space without choices has one output shape");
  assert.ok(analysis.macs && analysis.params);
  assert.equal(analysis.macs.min, analysis.macs.max);
  assert.equal(analysis.params.min, analysis.params.max);
  return {
    out: formatShape(analysis.outputs[0]),
    macs: analysis.macs.min,
    params: analysis.params.min,
    problems: diagnostics.filter((d) => d.code !== "output-shape").map((d) => `${d.code}: ${d.message}`),
  };
}

function problems(input: string, chain: string): string[] {
  const { diagnostics } = buildFirstSpace(`space T {\n  input ${input}\n  ${chain}\n}\n`);
  return diagnostics.filter((d) => d.code !== "output-shape").map((d) => `${d.code}: ${d.message}`);
}

describe("conv", () => {
  test("3×3, stride 1, on 8×8×3 → 8×8×16", () => {
    // params = k·k·cin·out = 3·3·3·16 = 432; MACs = params · 8·8 = 432 · 64 = 27648
    assert.deepEqual(cost("image(8, 8, 3)", "conv(out: 16, kernel: 3)"), {
      out: "8×8×16",
      macs: 27648,
      params: 432,
      problems: [],
    });
  });
  test("grouped, strided: groups 2, stride 2 on 8×8×4 → 4×4×6", () => {
    // side = ceil(8/2) = 4; params = 3·3·(4/2)·6 = 108; MACs = 108 · 4·4 = 1728
    assert.deepEqual(cost("image(8, 8, 4)", "conv(out: 6, kernel: 3, stride: 2, groups: 2)"), {
      out: "4×4×6",
      macs: 1728,
      params: 108,
      problems: [],
    });
  });
  test("an odd side rounds up under stride ('same' padding): 7 → 4", () => {
    // params = 1·1·2·5 = 10; MACs = 10 · 4·4 = 160
    assert.deepEqual(cost("image(7, 7, 2)", "conv(out: 5, kernel: 1, stride: 2)"), {
      out: "4×4×5",
      macs: 160,
      params: 10,
      problems: [],
    });
  });
  test("groups that do not divide the channels is a shape error", () => {
    assert.match(
      problems("image(8, 8, 4)", "conv(out: 6, kernel: 3, groups: 3)").join("\n"),
      /shape: groups 3 must divide the input channels 4 and out 6/,
    );
  });
  test("conv on a vector is a shape error", () => {
    assert.match(
      problems("vector(10)", "conv(out: 6, kernel: 3)").join("\n"),
      /`conv` needs an image input, got \(10\)/,
    );
  });
});

describe("dwconv", () => {
  test("5×5, stride 2 on 8×8×4 → 4×4×4", () => {
    // params = k·k·c = 25·4 = 100; MACs = 100 · 4·4 = 1600
    assert.deepEqual(cost("image(8, 8, 4)", "dwconv(kernel: 5, stride: 2)"), {
      out: "4×4×4",
      macs: 1600,
      params: 100,
      problems: [],
    });
  });
});

describe("mbconv", () => {
  // 8×8×4 in, out 8, kernel 3, expand 6: hidden width mid = 4·6 = 24.
  //   expand 1×1:  MACs 4·24·64 = 6144            params 4·24 + 2·24 (BN) = 144
  //   depthwise:   MACs 3·3·24·64 = 13824         params 9·24 + 2·24 = 264
  //   project 1×1: MACs 24·8·64 = 12288           params 24·8 + 2·8 = 208
  //   total:       MACs 32256                     params 616
  test("without SE", () => {
    assert.deepEqual(cost("image(8, 8, 4)", "mbconv(out: 8, kernel: 3, expand: 6)"), {
      out: "8×8×8",
      macs: 32256,
      params: 616,
      problems: [],
    });
  });
  test("with SE: squeeze width make_divisible(floor(24/4), 8) = 8 (OFA's)", () => {
    // SE MACs 24·8 + 8·24 = 384 → 32256 + 384 = 32640; SE params 24·8 + 8 + 8·24 + 24 = 416 → 616 + 416 = 1032
    assert.deepEqual(cost("image(8, 8, 4)", "mbconv(out: 8, kernel: 3, expand: 6, se: true)"), {
      out: "8×8×8",
      macs: 32640,
      params: 1032,
      problems: [],
    });
  });
  test("stride 2: the expansion runs at the input size, the rest at the output size", () => {
    // expand 6144 (8×8); depthwise 9·24·16 = 3456 (4×4); project 24·8·16 = 3072 → 12672; params unchanged 616
    assert.deepEqual(cost("image(8, 8, 4)", "mbconv(out: 8, kernel: 3, expand: 6, stride: 2)"), {
      out: "4×4×8",
      macs: 12672,
      params: 616,
      problems: [],
    });
  });
  test("expand 1 has no expansion conv", () => {
    // 8×8×8, mid = 8. depthwise MACs 25·8·64 = 12800, params 25·8 + 16 = 216;
    // project MACs 8·8·64 = 4096, params 64 + 16 = 80 → MACs 16896, params 296
    assert.deepEqual(cost("image(8, 8, 8)", "mbconv(out: 8, kernel: 5, expand: 1)"), {
      out: "8×8×8",
      macs: 16896,
      params: 296,
      problems: [],
    });
  });
  test("adds a skip only with stride 1 and equal channels", () => {
    const mb = OPS.get("mbconv");
    assert.ok(mb);
    const image = { kind: "image", h: 8, w: 8, c: 8 } as const;
    const args = { out: 8, kernel: 3, expand: 1, stride: 1, se: false, act: "relu" };
    const skip = (extra: object): boolean | undefined => {
      const r = mb.apply(image, { ...args, ...extra });
      assert.ok(typeof r !== "string");
      return r.skip;
    };
    assert.equal(skip({}), true);
    assert.equal(skip({ stride: 2 }), false);
    assert.equal(skip({ out: 16 }), false);
  });
});

describe("dense", () => {
  test("on a vector: (10) → (5)", () => {
    // params = 10·5 + 5 (bias) = 55; MACs = 10·5 = 50
    assert.deepEqual(cost("vector(10)", "dense(5)"), { out: "(5)", macs: 50, params: 55, problems: [] });
  });
  test("on a sequence it acts per token: 4×8 → 4×16", () => {
    // tokens(4, vocab: 3) → embedding(8): params 3·8 + 4·8 = 56 (token + position tables), MACs 0.
    // dense(16) per token: params 8·16 + 16 = 144; MACs 4·8·16 = 512. Total params 56 + 144 = 200.
    assert.deepEqual(cost("tokens(4, vocab: 3)", "embedding(8) dense(16)"), {
      out: "4×16",
      macs: 512,
      params: 200,
      problems: [],
    });
  });
  test("after an image without gap or flatten is a shape error", () => {
    assert.match(
      problems("image(8, 8, 3)", "dense(10)").join("\n"),
      /`dense` after an image needs `gap` or `flatten` first/,
    );
  });
});

describe("normalisation, activations, dropout", () => {
  test("bn on an image counts gamma and beta per channel", () => {
    // 2·4 = 8 params, no MACs
    assert.deepEqual(cost("image(8, 8, 4)", "bn relu relu6 hswish gelu dropout(0.2)"), {
      out: "8×8×4",
      macs: 0,
      params: 8,
      problems: [],
    });
  });
  test("bn on a vector: 2·10 = 20 params", () => {
    assert.deepEqual(cost("vector(10)", "bn"), { out: "(10)", macs: 0, params: 20, problems: [] });
  });
  test("layernorm on a sequence: 2·dim", () => {
    // embedding params 5·6 + 3·6 = 48; layernorm 2·6 = 12 → 60
    assert.deepEqual(cost("tokens(3, vocab: 5)", "embedding(6) layernorm"), {
      out: "3×6",
      macs: 0,
      params: 60,
      problems: [],
    });
  });
  test("dropout's rate must lie in [0, 1)", () => {
    assert.match(
      problems("vector(4)", "dropout(1)").join("\n"),
      /out-of-range: `rate` must be below 1; got 1/,
    );
  });
});

describe("pools, gap, flatten", () => {
  test("maxpool's stride defaults to its kernel", () => {
    assert.deepEqual(cost("image(8, 8, 4)", "maxpool(kernel: 2)"), {
      out: "4×4×4",
      macs: 0,
      params: 0,
      problems: [],
    });
  });
  test("avgpool with an explicit stride, 'same' padding: ceil(7/2) = 4", () => {
    assert.deepEqual(cost("image(7, 7, 4)", "avgpool(kernel: 3, stride: 2)"), {
      out: "4×4×4",
      macs: 0,
      params: 0,
      problems: [],
    });
  });
  test("gap over an image and over a sequence", () => {
    assert.deepEqual(cost("image(4, 4, 8)", "gap"), { out: "(8)", macs: 0, params: 0, problems: [] });
    // embedding params 10·8 + 4·8 = 112
    assert.deepEqual(cost("tokens(4, vocab: 10)", "embedding(8) gap"), {
      out: "(8)",
      macs: 0,
      params: 112,
      problems: [],
    });
  });
  test("flatten over an image (4·4·8 = 128) and a sequence (4·8 = 32)", () => {
    assert.deepEqual(cost("image(4, 4, 8)", "flatten"), { out: "(128)", macs: 0, params: 0, problems: [] });
    assert.deepEqual(cost("tokens(4, vocab: 10)", "embedding(8) flatten"), {
      out: "(32)",
      macs: 0,
      params: 112,
      problems: [],
    });
  });
  test("gap on a vector is a shape error", () => {
    assert.match(problems("vector(4)", "gap").join("\n"), /`gap` needs an image or a sequence, got \(4\)/);
  });
});

describe("embedding, patchify, transformer", () => {
  test("embedding: token table vocab·dim plus position table length·dim", () => {
    // 100·32 + 16·32 = 3200 + 512 = 3712
    assert.deepEqual(cost("tokens(16, vocab: 100)", "embedding(dim: 32)"), {
      out: "16×32",
      macs: 0,
      params: 3712,
      problems: [],
    });
  });
  test("patchify 7×7 patches of 28×28×1 into 16 tokens of width 16", () => {
    // (28/7)² = 16 patches; params 7·7·1·16 + 16 (bias) = 800; MACs 7·7·1·16 per patch · 16 = 12544
    assert.deepEqual(cost("image(28, 28, 1)", "patchify(size: 7, dim: 16)"), {
      out: "16×16",
      macs: 12544,
      params: 800,
      problems: [],
    });
  });
  test("patchify with a size that does not divide the input drops the edge and warns", () => {
    // floor(28/8) = 3 → 9 patches; params 8·8·1·4 + 4 = 260; MACs 256 · 9 = 2304
    const c = cost("image(28, 28, 1)", "patchify(size: 8, dim: 4)");
    assert.equal(c.out, "9×4");
    assert.equal(c.params, 260);
    assert.equal(c.macs, 2304);
    assert.match(c.problems.join("\n"), /shape-warning: the 28×28 input is not a multiple of patch size 8/);
  });
  test("patchify larger than the input is a shape error", () => {
    assert.match(
      problems("image(28, 28, 1)", "patchify(size: 32, dim: 4)").join("\n"),
      /patch size 32 is larger than the 28×28 input: no patch fits/,
    );
  });
  test("transformer on 16 tokens × 16, dim 32, 4 heads, mlp 64", () => {
    // L = 16, D = 16, dim = 32, mlp = 64.
    // MACs: q,k,v  L·3·D·dim = 16·3·16·32 = 24576
    //       scores and weighted sum  2·L·L·dim = 2·256·32 = 16384
    //       output projection  L·dim·D = 16·32·16 = 8192
    //       MLP  2·L·D·mlp = 2·16·16·64 = 32768            → 81920
    // params: two LayerNorms 4·D = 64; q,k,v 3·(16·32 + 32) = 1632; out 32·16 + 16 = 528;
    //         MLP 16·64 + 64 = 1088 and 64·16 + 16 = 1040   → 4352
    // The input is a patchify of 28×28×1 by 7 into 16×16 (12544 MACs, 800 params, as above).
    assert.deepEqual(
      cost("image(28, 28, 1)", "patchify(size: 7, dim: 16) transformer(dim: 32, heads: 4, mlp: 64)"),
      {
        out: "16×16",
        macs: 12544 + 81920,
        params: 800 + 4352,
        problems: [],
      },
    );
  });
  test("transformer's dim must be divisible by heads", () => {
    assert.match(
      problems("tokens(4, vocab: 10)", "embedding(8) transformer(dim: 30, heads: 4, mlp: 8)").join("\n"),
      /dim 30 is not divisible by heads 4/,
    );
  });
});

describe("ops in a stage", () => {
  test("only the first block applies the stride; every block pays for its own choices", () => {
    // Block 0: conv 3×3, 4→8, stride 2 on 8×8 → 4×4: params 3·3·4·8 = 288, MACs 288·16 = 4608.
    // Block 1: conv 3×3, 8→8, stride 1 on 4×4 → 4×4: params 3·3·8·8 = 576, MACs 576·16 = 9216.
    const { analysis } = buildFirstSpace(
      "space T {\n  input image(8, 8, 4)\n  stage s depth in {1, 2} {\n    conv(out: 8, kernel: 3, stride: 2)\n  }\n}\n",
    );
    assert.deepEqual(analysis.macs, { min: 4608, max: 4608 + 9216 });
    assert.deepEqual(analysis.params, { min: 288, max: 288 + 576 });
    assert.deepEqual(analysis.outputs.map(formatShape), ["4×4×8"]);
  });
});
