/** The `supernet` command-line tool. */
import { checkCommand } from "./check";
import { doctorCommand } from "./doctor";
import { exportCommand } from "./export";
import { importCommand } from "./import";
import { infoCommand } from "./info";
import { optimizeCommand } from "./optimize";
import { resumeCommand, searchCommand } from "./search";
import { UsageError } from "./usage";

const USAGE = `usage: supernet <command> [options]

commands:
  search FILE [--search NAME] [--out DIR] [--events] [--json] [--backend auto|node|wasm|cpu] [--data auto|embedded|full]
                               train the supernet and search it; prints the Pareto front
  resume RUNDIR                continue a stopped or killed run where it stopped
  import dynast RESULTS.csv    turn a DyNAS-T results file into a run directory (the panels show it)
  export FILE --subnet NAME --checkpoint DIR --out DIR
                               write a subnet as a standalone TensorFlow.js model (model.json + weights)
  check FILE... [--json]       check .nas files; gcc-style diagnostics, exit 1 on any error
  info FILE [--json]           spaces (subnet count, MACs and params ranges) and searches of a file
  optimize --problem P ...     run a search strategy on a standard test problem (zdt1..zdt6, dtlz2)
  doctor [--json]              compute backends that load, the one chosen, and their throughput
`;

type Command = (args: string[], out: (line: string) => void) => number | Promise<number>;

const print = (line: string): void => void process.stdout.write(`${line}\n`);

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  info: infoCommand,
  optimize: (args) => optimizeCommand(args),
  doctor: (args) => doctorCommand(args),
  search: (args) => searchCommand(args),
  resume: (args) => resumeCommand(args),
  import: (args) => importCommand(args),
  export: (args) => exportCommand(args),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`supernet: unknown command \`${name}\`\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args, print);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`supernet: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
