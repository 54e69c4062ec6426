/**
 * The job queue's protocol, in one place: what the experiment and `musika worker` agree on.
 *
 * - One BullMQ queue, QUEUE_NAME, per Redis database: every experiment's runs go to it, so a worker
 *   serves whatever is queued.
 * - One job per run. Its id is the experiment's id (a hash of the arguments that decide its runs,
 *   the same identity the journal keeps) and the run's label, which names the parameter value and
 *   the seed (value=0.3,seed=43). BullMQ does not add a job whose id exists, so enqueueing twice
 *   does not run twice, and a re-run of the same command finds its finished jobs.
 * - The job's data carries the whole run (the resolved scenario: a worker reads no file) and the
 *   musika version that made it; the job's result is the run's metrics (RunOutput).
 * - Finished jobs are kept (removeOnComplete false) so a re-run reuses them; failed jobs too, so
 *   the error can be read, and a re-run retries them.
 */
import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { Identity } from './journal.ts';
import type { RunJob } from './run-one.ts';

export const QUEUE_NAME = 'musika-runs';

/** A Redis key beside the queue naming the musika version whose jobs it holds (queue-connect.ts). */
export const VERSION_KEY = 'musika:queue-version';

/** Attempts per job by default: the first and two retries. */
export const DEFAULT_ATTEMPTS = 3;

/** The first retry waits this long; each next one twice as long (BullMQ's exponential back-off). */
export const BACKOFF_MS = 1000;

/** What a job carries: the run and who made it. */
export interface QueuedRun {
  /** The musika version of the experiment; a worker of another version refuses the job. */
  musika: string;
  /** The experiment's id (experimentId). */
  experiment: string;
  /** The run, without threads (the worker decides) or scratch (the worker's own). */
  run: Omit<RunJob, 'threads' | 'scratch' | 'keepDir'>;
  /** The experiment's DIR/runs, absolute: where a kept run goes (runs/<label>), on a shared filesystem. */
  runsDir: string;
  /** Whether the experiment keeps its runs (--keep-runs); a worker started with --keep-runs keeps them all. */
  keep: boolean;
}

/** An experiment's id: a hash of its identity (kind, arguments, seeds, musika version). */
export function experimentId(identity: Identity): string {
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16);
}

/** A run's job id. BullMQ refuses ':' in ids; labels are made of [A-Za-z0-9_.,=+-] (plan.ts). */
export function jobIdOf(experiment: string, label: string): string {
  return `${experiment}.${label}`;
}

/** Every job's options: retries with exponential back-off, finished jobs kept (see the header). */
export function jobOptions(jobId: string, attempts: number): JobsOptions {
  return {
    jobId,
    attempts,
    backoff: { type: 'exponential', delay: BACKOFF_MS },
    removeOnComplete: false,
    removeOnFail: false,
  };
}
