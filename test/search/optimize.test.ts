import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { optimizeCommand } from "../../server/cli/optimize";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await optimizeCommand(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("supernet optimize", () => {
  test("--json prints the settings, the reference point and both fronts' hypervolume and IGD", async () => {
    const r = await run([
      "--problem",
      "zdt1",
      "--population",
      "20",
      "--generations",
      "10",
      "--seed",
      "3",
      "--json",
    ]);
    assert.equal(r.code, 0);
    assert.equal(r.err, "");
    const result = JSON.parse(r.out);
    assert.equal(result.problem, "zdt1");
    assert.equal(result.strategy, "nsga2");
    assert.equal(result.evaluations, 200);
    assert.deepEqual(result.reference, [1, 1]);
    assert.equal(result.trueHypervolume, 2 / 3);
    for (const front of [result.front, result.populationFront]) {
      assert.ok(front.size > 0 && front.igd > 0 && front.hypervolume >= 0);
      assert.equal(front.ratio, front.hypervolume / result.trueHypervolume);
    }
    assert.ok(result.front.hypervolume >= result.populationFront.hypervolume);
  });

  test("the same seed prints the same numbers", async () => {
    const args = [
      "--problem",
      "dtlz2",
      "--strategy",
      "random",
      "--population",
      "10",
      "--generations",
      "5",
      "--json",
    ];
    const strip = (text: string) => ({ ...JSON.parse(text), seconds: 0 });
    assert.deepEqual(strip((await run(args)).out), strip((await run(args)).out));
  });

  test("text output names the reference point and the true-front hypervolume", async () => {
    const r = await run(["--problem", "zdt2", "--population", "10", "--generations", "3"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /reference \(1, 1\), true-front HV 0\.333333/);
    assert.match(r.out, /^front .* HV \d\.\d{6} .* IGD \d+\.\d{6}$/m);
  });

  for (const [args, message] of [
    [["--problem", "zdt1", "--pop", "5"], /Unknown option '--pop'/],
    [["--problem", "zdt7"], /unknown problem "zdt7"/],
    [["--problem", "zdt1", "--strategy", "cmaes"], /unknown strategy "cmaes"/],
    [["--problem", "zdt1", "--population", "1"], /--population must be an integer >= 2, got "1"/],
    [["--problem", "zdt1", "--generations", "2.5"], /--generations must be an integer >= 1/],
    [["--strategy", "nsga2"], /--problem is required/],
    [["--problem", "zdt1", "extra"], /positional/i],
  ] as const) {
    test(`bad flags (${args.join(" ")}) give a clear error and exit code 2`, async () => {
      const r = await run([...args]);
      assert.equal(r.code, 2);
      assert.equal(r.out, "");
      assert.match(r.err, /^supernet optimize: /);
      assert.match(r.err, message);
      assert.match(r.err, /usage: supernet optimize/);
    });
  }

  test("--help prints the usage and exits 0", async () => {
    const r = await run(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /usage: supernet optimize --problem zdt1\|zdt2\|zdt3\|zdt6\|dtlz2/);
  });
});
