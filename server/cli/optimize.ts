/** `supernet optimize`: runs a search strategy on a standard test problem and scores its front. */
import { parseArgs } from "node:util";
import { benchmarkStrategies, runBenchmark } from "../search/benchmark";
import type { BenchmarkResult, BenchmarkSettings, BenchmarkStrategy, FrontScore } from "../search/benchmark";
import { testProblemNames } from "../search/problems";

const USAGE = `usage: supernet optimize --problem ${testProblemNames.join("|")} [--strategy ${benchmarkStrategies.join("|")}]
                         [--population N] [--generations N] [--seed S] [--json]

Runs the strategy for population × generations evaluations and prints the hypervolume and IGD of
its front (the non-dominated set of all evaluations) and of its final population, beside the true
front's hypervolume. Reference point: (1,1) for ZDT, (1,1,1) for DTLZ2 (3 objectives).
Defaults: --strategy nsga2 --population 100 --generations 200 --seed 1.`;

export interface OptimizeIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: OptimizeIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

class BadFlag extends Error {}

function integerFlag(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new BadFlag(`--${name} must be an integer >= ${min}, got "${text}"`);
  }
  return value;
}

function parse(args: string[]): { settings: BenchmarkSettings; json: boolean } | null {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        problem: { type: "string" },
        strategy: { type: "string", default: "nsga2" },
        population: { type: "string", default: "100" },
        generations: { type: "string", default: "200" },
        seed: { type: "string", default: "1" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    throw new BadFlag((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return null;
  if (v.problem === undefined) throw new BadFlag("--problem is required");
  if (!testProblemNames.includes(v.problem)) {
    throw new BadFlag(`unknown problem "${v.problem}" (choose ${testProblemNames.join(", ")})`);
  }
  if (!(benchmarkStrategies as readonly string[]).includes(v.strategy)) {
    throw new BadFlag(`unknown strategy "${v.strategy}" (choose ${benchmarkStrategies.join(", ")})`);
  }
  return {
    settings: {
      problem: v.problem,
      strategy: v.strategy as BenchmarkStrategy,
      population: integerFlag("population", v.population, 2),
      generations: integerFlag("generations", v.generations, 1),
      seed: integerFlag("seed", v.seed, Number.MIN_SAFE_INTEGER),
    },
    json: v.json,
  };
}

const fixed = (x: number): string => x.toFixed(6);

function scoreLine(label: string, s: FrontScore): string {
  return `${label.padEnd(17)} ${String(s.size).padStart(5)} points   HV ${fixed(s.hypervolume)} (${(100 * s.ratio).toFixed(2)}% of true)   IGD ${fixed(s.igd)}`;
}

function report(r: BenchmarkResult, seconds: number): string {
  return [
    `problem ${r.problem}, strategy ${r.strategy}, population ${r.population}, generations ${r.generations}, seed ${r.seed}`,
    `evaluations ${r.evaluations}, reference (${r.reference.join(", ")}), true-front HV ${fixed(r.trueHypervolume)}`,
    scoreLine("front", r.front),
    scoreLine("final population", r.populationFront),
    `time ${seconds.toFixed(2)} s`,
  ].join("\n");
}

export async function optimizeCommand(args: string[], io: OptimizeIo = processIo): Promise<number> {
  let options;
  try {
    options = parse(args);
  } catch (e) {
    if (!(e instanceof BadFlag)) throw e;
    io.err(`supernet optimize: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === null) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  const result = await runBenchmark(options.settings);
  const seconds = (performance.now() - started) / 1000;
  io.out(options.json ? `${JSON.stringify({ ...result, seconds })}\n` : `${report(result, seconds)}\n`);
  return 0;
}
