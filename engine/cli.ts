/**
 * The musika command line: one program, one subcommand per job.
 *   node engine/bin.mjs <command> [options]   (the `musika` program; or npx tsx engine/cli.ts <command>)
 * Bad input prints one line on stderr and exits 2.
 */
import { Interrupted, UsageError } from './errors.ts';

const HELP = `Usage: musika <command> [options]

Commands:
  pipeline        the whole job: simulate, analyze, validate, recommend, report (what npm start runs)
  simulate        run the market simulation and write a run directory
  analyze         features, k-means over k, silhouette, prediction strength (natural k), agreement with the personas
  compare         the persona scenario against the uniform one (the brief's before/after)
  recommend       recommenders fitted on the early weeks, scored on the last weeks (HitRate, Recall, NDCG)
  report          one self-contained HTML page with charts of a run and its analysis
  validate        the model's validation checklist on a run: nine checks, PASS/FAIL, validation.json
  sweep           one scenario parameter over values and seeds: sweep.csv and sweep.html
  counterfactual  each seed with and without mechanisms (priceResponse, stock, ...): paired differences
  sensitivity     Morris elementary effects of scenario parameters on every metric
  sql             a SQL query (DuckDB) over a run's tables, CSV or Parquet
  worker          take the runs an experiment queued with --queue (BullMQ on Redis) and run them

Run "musika <command> --help" for a command's options.
`;

type Command = (argv: string[]) => number | Promise<number>;

/** Each command is loaded when called, so `simulate` does not pay for the analysis's imports. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  pipeline: async () => (await import('./commands/pipeline.ts')).pipelineCommand,
  simulate: async () => (await import('./commands/simulate.ts')).simulateCommand,
  analyze: async () => (await import('./commands/analyze.ts')).analyzeCommand,
  compare: async () => (await import('./commands/compare.ts')).compareCommand,
  recommend: async () => (await import('./commands/recommend.ts')).recommendCommand,
  report: async () => (await import('./commands/report.ts')).reportCommand,
  validate: async () => (await import('./commands/validate.ts')).validateCommand,
  sweep: async () => (await import('./commands/sweep.ts')).sweepCommand,
  counterfactual: async () => (await import('./commands/counterfactual.ts')).counterfactualCommand,
  sensitivity: async () => (await import('./commands/sensitivity.ts')).sensitivityCommand,
  sql: async () => (await import('./commands/sql.ts')).sqlCommand,
  worker: async () => (await import('./commands/worker.ts')).workerCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  const load = COMMANDS[command];
  try {
    if (!load) throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return await (await load())(rest);
  } catch (e) {
    // Unusable input data (a run directory missing files or columns, too few traders) is the
    // user's input too: one line and exit code 2, not a stack trace.
    if (e instanceof UsageError || (e instanceof Error && e.name === 'RunDirError')) {
      process.stderr.write(`musika: ${e.message}\n`);
      return 2;
    }
    // Ctrl-C on an experiment waiting for a queue: what was done is kept, and the message says how to go on.
    if (e instanceof Interrupted) {
      process.stderr.write(`musika: ${e.message}\n`);
      return 130;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
