/**
 * A queue worker (`musika worker`): takes run jobs from the queue and runs each with the ordinary
 * single-run code (run-one.ts) in a pool of worker threads, the same bundled task the local runner
 * uses, and returns the run's metrics as the job's result.
 *
 * The runs go to threads so this thread stays free to renew the jobs' locks: a lock not renewed
 * within the lock time makes BullMQ's stalled-job check (run by every worker) give the job to
 * another worker, which is what must happen when a worker dies, and only then. A job that throws
 * is retried by BullMQ with exponential back-off up to its attempts (set by the experiment).
 * A job of another musika version is refused without retries (its metrics would mix versions).
 *
 * SIGTERM (or Ctrl-C) stops taking jobs, lets the current ones finish and report, then exits 0; a
 * second signal exits at once, and BullMQ gives those jobs to other workers as stalled.
 */
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { firstLine } from '../errors.ts';
import { packageVersion } from '../manifest.ts';
import { checkVersion, connectQueue } from './queue-connect.ts';
import { QUEUE_NAME, type QueuedRun } from './queue-protocol.ts';
import type { RunJob, RunOutput } from './run-one.ts';
import { defaultEntry } from './runner.ts';

export interface QueueWorkerOptions {
  url: string;
  /** Runs at a time. */
  concurrency: number;
  /** Threads per run (the output never depends on it). */
  threads: number;
  /** Keep every run's directory, not only those of experiments run with --keep-runs. */
  keepRuns: boolean;
  /** A job's lock, seconds: renewed every half of it while the run is alive. */
  lockSeconds: number;
  log: (line: string) => void;
  /** The pool's task module URL; default the bundled run-worker.ts. */
  workerEntry?: string;
}

/** Runs until SIGTERM or SIGINT; resolves with the exit code. Throws a UsageError on bad queue input. */
export async function runQueueWorker(opts: QueueWorkerOptions): Promise<number> {
  const conn = await connectQueue(opts.url);
  const version = packageVersion();
  const probe = new Queue(QUEUE_NAME, { connection: conn.connection });
  try {
    await checkVersion(conn, probe, false);
  } catch (e) {
    await probe.close();
    await conn.close();
    throw e;
  }
  await probe.close();

  const pool = new Piscina({
    filename: opts.workerEntry ?? (await defaultEntry()),
    minThreads: opts.concurrency,
    maxThreads: opts.concurrency,
    idleTimeout: 60_000,
    execArgv: [],
  });
  const runJob = async (job: Job<QueuedRun, RunOutput>): Promise<RunOutput> => {
    const d = job.data;
    if (d.musika !== version)
      throw new UnrecoverableError(`a run of musika ${d.musika}, and this worker is musika ${version}`);
    const run: RunJob = {
      ...d.run,
      threads: opts.threads,
      keepDir: d.keep || opts.keepRuns ? join(d.runsDir, d.run.label) : undefined,
    };
    opts.log(`${job.id} started (attempt ${job.attemptsMade + 1} of ${job.opts.attempts ?? 1})`);
    const out = (await pool.run(run)) as RunOutput;
    opts.log(`${job.id} done in ${out.seconds.toFixed(1)} s`);
    return out;
  };
  // The signal handlers go in before the Worker is made: it takes jobs as soon as it exists, and a
  // SIGTERM that arrives after a job's start must find them (the default would kill the process).
  let worker: Worker<QueuedRun, RunOutput> | undefined;
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (++signals > 1) {
      opts.log(`${signal} again: exiting now; the current runs go back to the queue as stalled`);
      process.exit(130);
    }
    opts.log(`${signal}: finishing the current runs, then exiting`);
    void (async () => {
      await worker?.close(); // waits for the jobs in hand to finish and report
      await pool.destroy();
      await conn.close();
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      opts.log('stopped');
      resolveDone(0);
    })();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const lock = opts.lockSeconds * 1000;
  // Stopped before it started: take nothing.
  if (signals > 0) return done;
  worker = new Worker<QueuedRun, RunOutput>(QUEUE_NAME, runJob, {
    connection: conn.connection,
    concurrency: opts.concurrency,
    lockDuration: lock,
    stalledInterval: lock,
    // A job is taken again at most twice after its worker died; the third death fails it (it may be what kills them).
    maxStalledCount: 2,
  });
  worker.on('failed', (job, err) => opts.log(`${job?.id ?? 'a job'} failed: ${firstLine(err)}`));
  worker.on('error', (err) => opts.log(`queue error: ${firstLine(err)}`)); // BullMQ reconnects by itself
  await worker.waitUntilReady();
  opts.log(
    `taking runs from ${conn.url.display} (${opts.concurrency} at a time, ${opts.threads} thread${opts.threads === 1 ? '' : 's'} each); SIGTERM finishes the current runs, then exits`,
  );

  return done;
}
