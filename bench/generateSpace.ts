/** Generates large but realistic `.nas` files for benchmarks: many MobileNet-style stages. */
export function generateSpace(targetLines: number): string {
  const head = [
    "// Generated for benchmarks: a deep MobileNetV3-style space.",
    "space Big {",
    "  input image(224, 224, 3)",
    "  resolution in {160, 192, 224}",
    "  stem: conv(out: 16, kernel: 3, stride: 2) bn hswish",
  ];
  const tail = [
    "  head: gap dense(1000)",
    "}",
    "",
    "search Wide on Big {",
    "  objectives {",
    "    maximize accuracy",
    "    minimize macs",
    "    minimize latency",
    "  }",
    "  constraint params <= 900M",
    "  strategy linas(population: 50, predictor: ridge)",
    "  budget 2000 evaluations",
    "  seed 1",
    "}",
    "",
  ];
  const lines = [...head];
  let stage = 0;
  while (lines.length + tail.length + 8 < targetLines) {
    const stride = stage % 40 === 0 && stage < 200 ? 2 : 1;
    lines.push(
      `  // stage ${stage}: inverted residual blocks`,
      `  stage s${stage} depth in {2, 3, 4} {`,
      `    mbconv(out in {24, 32}, kernel in {3, 5, 7}, expand in {3, 4, 6}, stride: ${stride}, se: true)`,
      "  }",
      `  stage t${stage} depth in {1, 2} {`,
      `    residual {`,
      `      dwconv(kernel in {3, 5}) bn relu`,
      "    }",
      "  }",
    );
    stage++;
  }
  return [...lines, ...tail].join("\n");
}
