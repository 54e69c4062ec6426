/** `musika sweep`: one scenario parameter over a list of values, every value with every seed. */
import { parse, str } from '../cli-args.ts';
import { UsageError } from '../errors.ts';
// The experiment's own modules, not experiments/index.ts: through the index the bundle loads the
// queue's BullMQ and ioredis with every local experiment (0.2 CPU-s more at each start).
import {
  experimentHelp,
  experimentOptions,
  readBase,
  stderr,
  stdout,
  type ExperimentDeps,
} from '../experiments/base.ts';
import { parseRange, parseValues } from '../experiments/plan.ts';
import { runSweep } from '../experiments/sweep.ts';

export const SWEEP_HELP = `Usage: musika sweep --param PATH (--values V1,V2,... | --range FROM:TO:STEPS) --out DIR [options]

Runs one simulation per (value, seed), in parallel over the machine's cores, with the scenario
field PATH set to each value (as --set PATH=VALUE would), and writes:
  DIR/sweep.csv   one row per run: value, seed, status, error, then every metric (sorted by name);
                  a row's metrics equal the metrics.json of simulate with the same --set and --seed
  DIR/sweep.html  every metric against the value: each run, the mean across seeds and its 95% interval
                  (the chart alone in DIR/sweep.svg)
A failed run does not stop the others: its row has status "failed" and the error, and the command
exits 1 at the end naming it.

Options:
  --param PATH       the scenario field to vary, e.g. population.personas.bargain_hunter.share (a
                     persona's share rescales the others in proportion so the shares sum to 1)
  --values V1,V2,... the values (JSON if they are JSON, e.g. 0.1 or false, else strings)
  --range FROM:TO:STEPS  STEPS evenly spaced values from FROM to TO, both included
  --metrics M1,M2,...    chart only these metrics (sweep.csv still has every metric)
${experimentHelp(3)}
  -h, --help         show this help
`;

export const sweepOptions = {
  ...experimentOptions,
  param: { type: 'string' },
  values: { type: 'string' },
  range: { type: 'string' },
  metrics: { type: 'string' },
} as const;

export async function sweepCommand(argv: string[], deps: ExperimentDeps = {}): Promise<number> {
  const out = deps.stdout ?? stdout;
  const err = deps.stderr ?? stderr;
  const { values } = parse(argv, sweepOptions);
  if (values.help) {
    out(SWEEP_HELP);
    return 0;
  }
  const param = str(values, 'param');
  if (!param) throw new UsageError('--param PATH is required');
  const list = str(values, 'values');
  const range = str(values, 'range');
  if ((list === undefined) === (range === undefined))
    throw new UsageError('give exactly one of --values V1,V2,... and --range FROM:TO:STEPS');
  const vals = list !== undefined ? parseValues(list) : parseRange(range!);
  const base = readBase(values, 3);
  const t0 = performance.now();
  const chartMetrics = str(values, 'metrics')
    ?.split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  const r = await runSweep({
    base,
    param,
    values: vals,
    chartMetrics,
    workerEntry: deps.workerEntry,
    say: (line) => err(`musika sweep: ${line}\n`),
  });
  const runs = r.rows.length;
  out(
    `musika sweep: ${param} over ${vals.length} values x ${base.seeds.length} seeds = ${runs} runs (${r.reused} reused) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  out(`  ${r.csvPath}\n  ${r.htmlPath}\n`);
  if (r.failure) {
    err(`musika sweep: ${r.failure}\n`);
    return 1;
  }
  return 0;
}
