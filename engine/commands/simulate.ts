/** `musika simulate`: run a scenario and write a run directory; resume a killed run, extend a finished one. */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINT_FILE, readCheckpoint, type Checkpoint } from '../checkpoint.ts';
import { SET_HELP, assignments, parse, positiveInt, str } from '../cli-args.ts';
import { UsageError, show } from '../errors.ts';
import { progressBar } from '../progress.ts';
import { resolveScenario, validateScenario } from '../scenario-load.ts';
import { packageVersion } from '../manifest.ts';
import type { OutputFormat } from '../run-output.ts';
import { simulate, type SimulationSummary } from '../simulate.ts';
import { PARQUET_DATASETS, TRADERS_PARQUET } from '../parquet-schema.ts';
import type { Scenario } from '../scenario.ts';

export const SIMULATE_HELP = `Usage: musika simulate --out DIR [options]

Runs the market simulation and writes DIR/traders.csv, transactions.csv, prices.csv, market.csv
(or, with --format parquet, traders.parquet and the transactions/, market/ and prices/ datasets
partitioned by week), metrics.json, checkpoint.bin and manifest.json (last). Same seed and scenario
give byte-identical files.

  musika simulate --out DIR [options]          a new run (DIR must not hold a finished run)
  musika simulate --resume DIR [--threads T]   continue a killed run from its last checkpoint
  musika simulate --extend DIR --weeks N       continue a finished run for N more weeks; the result
                                               equals a run made that long from the start

Options:
  --traders N        number of traders (default 2000)
  --weeks W          simulated weeks (default 26)
  --seed S           random seed, any string (default 42)
  --out DIR          run directory to write (required)
  --scenario NAME    personas (default), uniform (the brief's "before") or distinct (textbook personas)
  --config FILE      JSON file overriding any scenario field, e.g. {"population":{"baseVisitsPerWeek":2}}
${SET_HELP}
  --threads T        threads stepping the traders: main and T - 1 workers (default: 1 below
                     400,000 trader-weeks, else 2); the output is byte-identical for any T
  --format F         csv (default) or parquet: zstd-compressed, typed columns, about 10x smaller
                     and read far faster by DuckDB, polars, pandas or Spark; choose it from about
                     100,000 trader-weeks, or whenever the data goes to one of those tools
  --checkpoint-every W
                     write a checkpoint every W weeks (0: only at the start and the end; default
                     4 from 2,000,000 trader-weeks, else 0); a killed run resumes from the last
  --resume DIR       continue the killed run in DIR, with its own scenario and format (any --threads)
  --extend DIR       continue the finished run in DIR for --weeks N more weeks
  --force            overwrite a finished run in --out DIR
  -h, --help         show this help

A new run into a directory holding a killed run's leftovers (*.tmp files) removes them and says so.
`;

export const simulateOptions = {
  traders: { type: 'string' },
  weeks: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  scenario: { type: 'string' },
  config: { type: 'string' },
  threads: { type: 'string' },
  set: { type: 'string', multiple: true },
  'checkpoint-every': { type: 'string' },
  format: { type: 'string' },
  resume: { type: 'string' },
  extend: { type: 'string' },
  force: { type: 'boolean' },
} as const;

/** Resolves the scenario from parsed flags; throws UsageError on bad input. */
export function scenarioFromFlags(values: Record<string, unknown>): Scenario {
  return resolveScenario({
    preset: str(values, 'scenario') ?? 'personas',
    configFile: str(values, 'config'),
    traders: positiveInt(values, 'traders', 50_000_000),
    weeks: positiveInt(values, 'weeks', 520),
    seed: str(values, 'seed'),
    sets: assignments(values),
  });
}

/** Runs with a progress bar; removes a directory it created if a new run fails (a resumed one keeps its checkpoint). */
export async function runWithProgress(
  s: Scenario,
  out: string,
  threads?: number,
  more: { checkpointEvery?: number; resume?: Checkpoint; format?: OutputFormat } = {},
): Promise<SimulationSummary> {
  const existed = existsSync(out);
  const bar = progressBar(`simulate ${s.name}`, s.weeks * 7, 'days');
  if (more.resume) bar.update(more.resume.header.day, { rows: more.resume.header.nextId - 1 });
  try {
    return await simulate(s, out, { threads, ...more, onDay: (done, _total, rows) => bar.update(done, { rows }) });
  } catch (e) {
    // A run that failed past a checkpoint kept its files; say how to continue it.
    if (existsSync(join(out, CHECKPOINT_FILE))) {
      if (e instanceof Error)
        e.message += ` (the run can be continued from its last checkpoint: musika simulate --resume ${out})`;
    } else if (!existed) rmSync(out, { recursive: true, force: true });
    throw e;
  } finally {
    bar.stop();
  }
}

/** What a run directory writes (either format): removed by --force, or the leftovers of a killed run. */
const RUN_FILES = [
  'traders.csv',
  'transactions.csv',
  'prices.csv',
  'market.csv',
  TRADERS_PARQUET,
  ...PARQUET_DATASETS,
  'metrics.json',
  CHECKPOINT_FILE,
  'manifest.json',
];

/**
 * Makes DIR ready for a new run: a finished run needs --force; a killed run's temporary files are
 * removed (the message says so, and how to resume instead). Returns what it said, if anything.
 */
export function prepareOut(out: string, force: boolean): string | undefined {
  if (!existsSync(out)) return undefined;
  if (existsSync(join(out, 'manifest.json')) && !force) {
    throw new UsageError(
      `${out} holds a finished run: give --force to overwrite it, or --extend ${out} --weeks N to continue it`,
    );
  }
  // A killed Parquet run may have no temporary file open at the moment it died: its checkpoint
  // without a manifest says it is one.
  const killedParquet =
    !existsSync(join(out, 'manifest.json')) &&
    existsSync(join(out, CHECKPOINT_FILE)) &&
    existsSync(join(out, TRADERS_PARQUET));
  const leftovers = readdirSync(out).filter((f) => f.endsWith('.tmp') || (killedParquet && RUN_FILES.includes(f)));
  for (const f of [...leftovers, ...(force || leftovers.length ? RUN_FILES : [])])
    rmSync(join(out, f), { recursive: true, force: true });
  return leftovers.length
    ? `removed ${leftovers.length} leftover file${leftovers.length === 1 ? '' : 's'} of a killed run in ${out} (${leftovers.join(', ')}); --resume ${out} would have continued it`
    : undefined;
}

function needCheckpoint(dir: string): Checkpoint {
  let c: Checkpoint | undefined;
  try {
    c = readCheckpoint(dir);
  } catch (e) {
    throw new UsageError(`${dir}: the checkpoint cannot be read (${(e as Error).message})`);
  }
  if (!c) throw new UsageError(`${dir} has no ${CHECKPOINT_FILE} to continue from`);
  // Another version's state may not mean the same to this code: refuse rather than mix.
  if (c.header.musika !== packageVersion()) {
    throw new UsageError(
      `${dir}: the checkpoint was written by musika ${c.header.musika}, this is ${packageVersion()}; continue it with that version`,
    );
  }
  try {
    validateScenario(c.header.scenario);
  } catch (e) {
    const message = (e as Error).message;
    // The version number does not move with every new scenario field, so say what a missing one means.
    const older = message.includes('(it is missing)')
      ? '; the run was made before this musika added that field: continue it with the musika that made it'
      : '';
    throw new UsageError(`${dir}: the checkpoint's scenario is not valid here: ${message}${older}`);
  }
  return c;
}

export function formatSummary(s: Scenario, r: SimulationSummary, out: string): string {
  const lines = [
    `musika simulate: scenario ${s.name}, seed ${s.seed}, ${r.traders.toLocaleString('en-US')} traders x ${s.weeks} weeks`,
    `  transactions  ${r.transactions.toLocaleString('en-US')}`,
    `  time          ${r.seconds.total.toFixed(2)} s (set-up ${r.seconds.setup.toFixed(2)} s, stepping and writing ${r.seconds.stepping.toFixed(2)} s, ${r.threads} thread${r.threads === 1 ? '' : 's'})`,
    '  spend by persona:',
  ];
  const total = r.spendCents.reduce((a, b) => a + b, 0);
  s.population.personas.forEach((p, i) => {
    const usd = (r.spendCents[i] / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const share = total > 0 ? ((100 * r.spendCents[i]) / total).toFixed(1) : '0.0';
    lines.push(
      `    ${p.id.padEnd(20)} ${r.purchases[i].toLocaleString('en-US').padStart(11)} items  USD ${usd.padStart(14)}  (${share}%)`,
    );
  });
  lines.push(`  data written to ${out}`);
  return lines.join('\n');
}

/** --format: csv (default) or parquet. */
export function formatFromFlags(values: Record<string, unknown>): OutputFormat {
  const f = str(values, 'format') ?? 'csv';
  if (f !== 'csv' && f !== 'parquet') throw new UsageError(`--format must be csv or parquet, got ${show(f)}`);
  return f;
}

export async function simulateCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, simulateOptions);
  if (values.help) {
    process.stdout.write(SIMULATE_HELP);
    return 0;
  }
  const format = formatFromFlags(values);
  const threads = positiveInt(values, 'threads', 64);
  const every = str(values, 'checkpoint-every');
  const checkpointEvery =
    every === undefined ? undefined : every === '0' ? 0 : positiveInt(values, 'checkpoint-every', 520);
  const resumeDir = str(values, 'resume');
  const extendDir = str(values, 'extend');
  if (resumeDir !== undefined || extendDir !== undefined) {
    const dir = (resumeDir ?? extendDir) as string;
    if (resumeDir !== undefined && extendDir !== undefined)
      throw new UsageError('give --resume DIR or --extend DIR, not both');
    const allowed =
      resumeDir !== undefined
        ? ['threads', 'checkpoint-every', 'resume']
        : ['threads', 'checkpoint-every', 'extend', 'weeks'];
    const extra = Object.keys(values).filter((k) => values[k] !== undefined && !allowed.includes(k));
    if (extra.length)
      throw new UsageError(
        `--${extra[0]} cannot be given with --${resumeDir !== undefined ? 'resume' : 'extend'}: the run keeps its own scenario`,
      );
    const c = needCheckpoint(dir);
    const finished = existsSync(join(dir, 'manifest.json'));
    const s: Scenario = c.header.scenario;
    if (resumeDir !== undefined) {
      if (finished)
        throw new UsageError(`${dir} holds a finished run: nothing to resume (--extend ${dir} --weeks N continues it)`);
    } else {
      const weeks = positiveInt(values, 'weeks', 520);
      if (weeks === undefined) throw new UsageError('--extend DIR needs --weeks N, the weeks to add');
      if (!finished || c.header.day !== s.weeks * 7)
        throw new UsageError(
          `${dir} is not a finished run (it has no manifest.json or its checkpoint is mid-run): --resume ${dir} first`,
        );
      s.weeks += weeks;
      try {
        validateScenario(s);
      } catch (e) {
        throw new UsageError(`--weeks ${show(values.weeks)}: ${(e as Error).message}`);
      }
      // No longer a finished run until the extension is done.
      rmSync(join(dir, 'manifest.json'));
      rmSync(join(dir, 'metrics.json'), { force: true });
    }
    const r = await runWithProgress(s, dir, threads, { checkpointEvery, resume: c });
    process.stdout.write(`${formatSummary(s, r, dir)}\n`);
    return 0;
  }
  const out = str(values, 'out');
  if (!out) throw new UsageError('--out DIR is required');
  const s = scenarioFromFlags(values);
  const said = prepareOut(out, values.force === true);
  if (said) process.stderr.write(`musika: ${said}\n`);
  const r = await runWithProgress(s, out, threads, { checkpointEvery, format });
  process.stdout.write(`${formatSummary(s, r, out)}\n`);
  return 0;
}
