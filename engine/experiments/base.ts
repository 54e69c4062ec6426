/**
 * What every experiment command shares: simulate's scenario flags (the base scenario every run
 * starts from), the seeds, the output directory and how runs are kept, and the arguments that
 * identify the experiment for a resume.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { SET_HELP, assignments, positiveInt, str } from '../cli-args.ts';
import { UsageError } from '../errors.ts';
import { packageVersion } from '../manifest.ts';
import { resolveScenario, validateScenario, type ScenarioRequest } from '../scenario-load.ts';
import { applyAssignment, nameAssignment, type Assignment } from '../scenario-paths.ts';
import type { Scenario } from '../scenario.ts';
import type { Identity } from './journal.ts';
import { seedList } from './plan.ts';
import { DEFAULT_ATTEMPTS } from './queue-protocol.ts';
import { parseQueueUrl } from './queue-url.ts';

export const experimentOptions = {
  traders: { type: 'string' },
  weeks: { type: 'string' },
  seed: { type: 'string' },
  seeds: { type: 'string' },
  out: { type: 'string' },
  scenario: { type: 'string' },
  config: { type: 'string' },
  set: { type: 'string', multiple: true },
  'keep-runs': { type: 'boolean' },
  parallel: { type: 'string' },
  threads: { type: 'string' },
  queue: { type: 'string' },
  attempts: { type: 'string' },
} as const;

/** Help lines of the shared flags; `seeds` is the command's default number of seeds. */
export function experimentHelp(seeds: number): string {
  return `  --seeds N          seeds per point (default ${seeds}): --seed S, S+1, ..., S+N-1 for an integer S
                     (else S, S-1, S-2, ...); the first is always S, as in simulate
  --seed S           the first seed (default 42)
  --traders N        traders per run (default 2000)
  --weeks W          simulated weeks per run (default 26)
  --scenario NAME    the base scenario: personas (default), uniform or distinct
  --config FILE      JSON file overriding any field of the base scenario
${SET_HELP}
  --out DIR          the experiment's directory (required); re-run with the same arguments and
                     --out to resume a killed experiment: finished runs are reused
  --keep-runs        keep each run's directory under DIR/runs/ (default: each run works in
                     DIR/tmp/, removed as it ends)
  --parallel J       runs at a time (default: the machine's cores, divided by --threads if given)
  --threads T        threads per run (default: 1 while there are at least as many runs as cores,
                     else the spare cores as far as simulate would use them); output never depends on it
  --queue redis://HOST:PORT[/DB]
                     run on a job queue instead of here: one BullMQ job per run, taken by
                     \`musika worker --queue URL\` on any machines; waits for them and writes the same
                     files, byte for byte. Ctrl-C stops the waiting (the jobs stay queued); the same
                     command again collects them. With --keep-runs, DIR must be on a filesystem the
                     workers mount at the same path (README: Running on several machines)
  --attempts N       with --queue: attempts per run before it counts as failed (default ${DEFAULT_ATTEMPTS}),
                     retried after 1 s, 2 s, 4 s, ...`;
}

/** What an experiment command may be given besides its arguments (tests give a failing worker and collect the output). */
export interface ExperimentDeps {
  workerEntry?: string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export const stdout = (text: string): void => void process.stdout.write(text);
export const stderr = (text: string): void => void process.stderr.write(text);

export interface Base {
  out: string;
  request: ScenarioRequest;
  seeds: string[];
  keepRuns: boolean;
  parallel?: number;
  threads?: number;
  /** Run on this job queue (--queue) with these attempts per run; absent: run here. */
  queue?: { url: string; attempts: number };
  /** The arguments every experiment's identity includes (not --queue: a run is the same run wherever it runs). */
  identity: Identity;
}

/** Reads the shared flags; throws a UsageError on bad input (the base scenario is validated too). */
export function readBase(values: Record<string, unknown>, defaultSeeds: number): Base {
  const out = str(values, 'out');
  if (!out) throw new UsageError('--out DIR is required');
  const configFile = str(values, 'config');
  const request: ScenarioRequest = {
    preset: str(values, 'scenario') ?? 'personas',
    configFile,
    traders: positiveInt(values, 'traders', 50_000_000),
    weeks: positiveInt(values, 'weeks', 520),
    sets: assignments(values),
  };
  const seed = str(values, 'seed') ?? '42';
  const seeds = seedList(seed, positiveInt(values, 'seeds', 10_000) ?? defaultSeeds);
  resolveScenario({ ...request, seed }); // bad base input fails here, before any plan
  const config =
    configFile !== undefined && existsSync(configFile)
      ? createHash('sha256').update(readFileSync(configFile)).digest('hex')
      : null;
  const identity: Identity = {
    musika: packageVersion(),
    scenario: request.preset,
    config,
    set: (request.sets ?? []).map((a) => `${a.path}=${JSON.stringify(a.value)}`),
    traders: request.traders ?? null,
    weeks: request.weeks ?? null,
    seeds,
  };
  const url = str(values, 'queue');
  const attempts = positiveInt(values, 'attempts', 100);
  if (url === undefined && attempts !== undefined)
    throw new UsageError('--attempts applies to runs on a queue: give --queue too');
  if (url !== undefined) {
    parseQueueUrl(url);
    // Each worker decides how it runs its jobs.
    for (const flag of ['parallel', 'threads']) {
      if (values[flag] !== undefined)
        throw new UsageError(
          `--${flag} is for local runs; with --queue give \`musika worker\` --concurrency and --threads`,
        );
    }
  }
  const queue = url === undefined ? undefined : { url, attempts: attempts ?? DEFAULT_ATTEMPTS };
  return {
    out,
    request,
    seeds,
    keepRuns: values['keep-runs'] === true,
    parallel: positiveInt(values, 'parallel', 1024),
    threads: positiveInt(values, 'threads', 64),
    queue,
    identity,
  };
}

/**
 * One run's scenario: the base with the seed, then the experiment's own assignments (which win
 * over --set), validated. Errors name `flag` (--param, --without, ...) and the assignment.
 */
export function runScenario(base: Base, seed: string, extra: Assignment[], flag: string): Scenario {
  const s = resolveScenario({ ...base.request, seed });
  if (extra.length === 0) return s;
  const applied = extra.map((a) => ({ a, concrete: applyAssignment(s, a, flag) }));
  try {
    validateScenario(s);
  } catch (e) {
    throw nameAssignment(e, applied, flag);
  }
  return s;
}

/** "2,000 traders x 26 weeks, scenario personas": the base scenario in a page's subtitle. */
export function describeBase(base: Base): string {
  const traders = base.request.traders ?? 2000;
  const weeks = base.request.weeks ?? 26;
  const sets = base.request.sets?.length
    ? `, ${base.request.sets.map((a) => `${a.path}=${JSON.stringify(a.value)}`).join(', ')}`
    : '';
  return `${traders.toLocaleString('en-US')} traders x ${weeks} week${weeks === 1 ? '' : 's'}, scenario ${base.request.preset}${base.request.configFile ? ` with ${base.request.configFile}` : ''}${sets}`;
}
