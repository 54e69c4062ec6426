/**
 * Running an experiment's runs: in parallel over the machine's cores, each finished run recorded
 * in the journal as it ends, finished runs of an earlier attempt reused, a failed run recorded
 * with its error instead of stopping the others.
 *
 * The runs go to a piscina pool of worker threads, one run per worker at a time (run-worker.ts,
 * loaded from a cached bundle like the shard workers). With at least as many runs left as cores
 * each run is single-threaded, which wastes nothing on barriers; with fewer, each run may use the
 * cores left over, as many as simulate would choose for its size (the output never depends on threads).
 *
 * With a queue (--queue redis://...), the runs go to a BullMQ queue instead and `musika worker`
 * processes run them (queue-runner.ts); the journal, the rows and so the outputs are the same.
 */
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { cachedBundle } from '../bundle.mjs';
import { countBar } from '../progress.ts';
import { defaultThreads } from '../run-defaults.ts';
import type { Scenario } from '../scenario.ts';
import { firstLine } from '../errors.ts';
import type { Base } from './base.ts';
import { Journal, type Identity, type RunRow } from './journal.ts';
import { runId } from './plan.ts';
import type { RunJob, RunOutput } from './run-one.ts';

/** A run to do: its scenario (seed included) and a readable label. */
export interface PlannedRun {
  label: string;
  scenario: Scenario;
}

export interface RunnerOptions {
  /** The experiment's directory: journal, outputs and (with keepRuns) runs/<label>/. */
  out: string;
  /** The arguments that decide the runs; a resume must give the same (journal.ts). */
  identity: Identity;
  keepRuns?: boolean;
  /** Parallel runs; default: the machine's cores (divided by threads when given). */
  concurrency?: number;
  /** Threads per run; default: see the header. */
  threads?: number;
  /** The pool's task module URL; default the bundled run-worker.ts. Tests inject failing workers. */
  workerEntry?: string;
  /** Label of the progress bar. */
  label?: string;
  /** Run on this job queue instead of locally: redis://HOST:PORT[/DB], and the attempts per job. */
  queue?: { url: string; attempts: number };
  /** Where to say what is happening (the command's stderr); default silent. */
  say?: (line: string) => void;
}

/**
 * The runner's options for one experiment: where and how its base says to run, under the
 * experiment's identity and progress label.
 */
export function baseRunnerOptions(
  base: Base,
  identity: Identity,
  label: string,
  req: { workerEntry?: string; say?: (line: string) => void },
): RunnerOptions {
  return {
    out: base.out,
    identity,
    keepRuns: base.keepRuns,
    concurrency: base.parallel,
    threads: base.threads,
    workerEntry: req.workerEntry,
    label,
    queue: base.queue,
    say: req.say,
  };
}

export interface RunnerResult {
  /** A row per planned run, in the plan's order (runs with the same scenario share one row). */
  rows: RunRow[];
  /** How many rows came from the journal of an earlier attempt (or, on a queue, from jobs that had finished). */
  reused: number;
}

/** The URL of the pool's worker module: a cached bundle, else the tsx entry. */
export async function defaultEntry(): Promise<string> {
  try {
    return await cachedBundle({
      name: 'run-worker',
      entry: 'engine/experiments/run-worker.ts',
      dirs: ['engine', 'agents', 'market'],
    });
  } catch {
    return new URL('./run-worker.mjs', import.meta.url).href;
  }
}

export async function runPlan(plan: PlannedRun[], opts: RunnerOptions): Promise<RunnerResult> {
  const journal = Journal.open(opts.out, opts.identity);
  const done = journal.finished();
  const ids = plan.map((r) => runId(r.scenario));
  const todo = new Map<string, PlannedRun>();
  plan.forEach((r, k) => {
    if (!done.has(ids[k]) && !todo.has(ids[k])) todo.set(ids[k], r);
  });
  const unique = new Set(ids).size;
  let reused = unique - todo.size;
  const rows = new Map(done);

  // Unkept runs work in DIR/tmp, so a killed experiment's half-written runs are removed when it
  // is resumed (and when it ends), not left in the system's temporary directory.
  const scratch = join(opts.out, 'tmp');
  rmSync(scratch, { recursive: true, force: true });
  const record = (row: RunRow): void => {
    journal.record(row);
    rows.set(row.id, row);
  };
  if (todo.size > 0 && opts.queue) {
    // Loaded for a queue only: BullMQ and ioredis cost a local experiment a third of a second to load.
    const { runOnQueue } = await import('./queue-runner.ts');
    // Workers elsewhere may be writing kept runs' partial copies (kept-run.ts): nothing is removed here.
    reused += await runOnQueue(
      todo,
      unique,
      reused,
      {
        ...opts.queue,
        out: opts.out,
        identity: opts.identity,
        keepRuns: opts.keepRuns,
        label: opts.label ?? 'runs',
        say: opts.say ?? (() => {}),
      },
      record,
    );
  } else if (todo.size > 0) {
    // Partial copies of kept runs left by a killed experiment (kept-run.ts); only this process writes here.
    rmSync(join(opts.out, 'runs', '.partial'), { recursive: true, force: true });
    const cores = Math.max(1, availableParallelism());
    const concurrency = Math.max(1, Math.min(opts.concurrency ?? Math.floor(cores / (opts.threads ?? 1)), todo.size));
    // Spare cores (fewer runs than cores) go to the runs, but only as far as simulate itself would
    // use them: below its threshold a second thread costs more than it saves.
    const spare = Math.max(1, Math.floor(cores / concurrency));
    const pool = new Piscina({
      filename: opts.workerEntry ?? (await defaultEntry()),
      minThreads: concurrency,
      maxThreads: concurrency,
      idleTimeout: 1000,
      execArgv: [],
    });
    const bar = countBar(opts.label ?? 'runs', unique, 'runs', reused);
    let finished = reused;
    let failed = 0;
    try {
      await Promise.all(
        [...todo].map(async ([id, r]) => {
          const threads = opts.threads ?? Math.min(spare, defaultThreads(r.scenario.traders, r.scenario.weeks));
          const job: RunJob = {
            id,
            label: r.label,
            scenario: r.scenario,
            threads,
            keepDir: opts.keepRuns ? join(opts.out, 'runs', r.label) : undefined,
            scratch,
          };
          let row: RunRow;
          try {
            const out = (await pool.run(job)) as RunOutput;
            row = { id, label: r.label, status: 'ok', metrics: out.metrics, seconds: out.seconds };
          } catch (e) {
            row = { id, label: r.label, status: 'failed', error: firstLine(e), metrics: {}, seconds: 0 };
            failed++;
          }
          record(row);
          bar.update(++finished, failed);
        }),
      );
    } finally {
      bar.stop();
      await pool.destroy();
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return { rows: ids.map((id) => rows.get(id)!), reused };
}

/** The union of the metric names of the rows, sorted: the columns of every experiment's CSV. */
export function metricNames(rows: RunRow[]): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.metrics)) names.add(k);
  return [...names].sort();
}

/** The failed rows as one line for the end of a command, or undefined when none failed. */
export function failureSummary(rows: RunRow[]): string | undefined {
  const failed = [...new Map(rows.filter((r) => r.status === 'failed').map((r) => [r.id, r])).values()];
  if (failed.length === 0) return undefined;
  const list = failed
    .slice(0, 10)
    .map((r) => `${r.label} (${r.error})`)
    .join('; ');
  return `${failed.length} run${failed.length === 1 ? '' : 's'} failed: ${list}${failed.length > 10 ? '; ...' : ''}`;
}
