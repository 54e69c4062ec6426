/**
 * Running an experiment's runs on a job queue (--queue): one BullMQ job per run, taken by
 * `musika worker` processes on any machines (queue-worker.ts), each job's metrics collected as it
 * finishes into the experiment's journal, so the outputs are made exactly as for a local run.
 *
 * Waiting: a QueueEvents reader from the events stream's last entry *before* anything is queued,
 * so no completion can slip between queueing and listening; jobs that had finished before (an
 * earlier attempt of this experiment) are read once after queueing. If no event of ours comes for
 * RECONCILE_MS (the stream is capped, a Redis was restarted), the pending jobs are read directly.
 *
 * Ctrl-C stops the waiting only: the queued jobs stay queued and the workers go on; the rows that
 * came in are in the journal. Re-running the same command queues nothing new (the job ids exist),
 * reuses the finished jobs and waits for the rest. Jobs that failed are retried on a re-run, as
 * failed runs are in a local experiment.
 */
import { resolve, join } from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { Interrupted, firstLine } from '../errors.ts';
import { packageVersion } from '../manifest.ts';
import { countBar } from '../progress.ts';
import type { Identity, RunRow } from './journal.ts';
import { checkVersion, connectQueue } from './queue-connect.ts';
import { QUEUE_NAME, experimentId, jobIdOf, jobOptions, type QueuedRun } from './queue-protocol.ts';
import type { PlannedRun } from './runner.ts';
import type { RunOutput } from './run-one.ts';

/** Quiet time after which the pending jobs are read directly rather than waited for by events. */
const RECONCILE_MS = 10_000;

export interface QueueRunOptions {
  /** redis://HOST:PORT[/DB] */
  url: string;
  /** Attempts per job (the first and its retries). */
  attempts: number;
  out: string;
  identity: Identity;
  keepRuns?: boolean;
  label: string;
  /** Where to say what is happening (the command's stderr). */
  say: (line: string) => void;
}

/**
 * Queues the runs `todo` (run id -> run), waits for them and hands each finished one to `onRow`.
 * Returns how many had finished in the queue before (reused, as rows of the journal are).
 */
export async function runOnQueue(
  todo: Map<string, PlannedRun>,
  total: number,
  reused: number,
  opts: QueueRunOptions,
  onRow: (row: RunRow) => void,
): Promise<number> {
  const conn = await connectQueue(opts.url);
  const queue = new Queue<QueuedRun, RunOutput>(QUEUE_NAME, { connection: conn.connection });
  let events: QueueEvents | undefined;
  let bar: ReturnType<typeof countBar> | undefined;
  // Listening to SIGINT replaces Node's exit on Ctrl-C, so every step below must heed it: before the
  // waiting, a flag checked between steps (a slice of jobs is queued whole or not at all); while
  // waiting, `stop` ends the wait.
  let interrupted = false;
  let stop: (() => void) | undefined;
  const onSigint = (): void => {
    interrupted = true;
    stop?.();
  };
  process.on('SIGINT', onSigint);
  try {
    await queue.waitUntilReady();
    await checkVersion(conn, queue, true);
    const experiment = experimentId(opts.identity);
    const pending = new Map<string, { id: string; label: string }>();
    for (const [id, r] of todo) pending.set(jobIdOf(experiment, r.label), { id, label: r.label });

    let finished = reused;
    let failed = 0;
    let retried = 0;
    const progress = countBar(opts.label, total, 'runs', reused, true);
    bar = progress;
    let lastEvent = Date.now();
    let wake: () => void = () => {};
    const finish = (jobId: string, row: (p: { id: string; label: string }) => RunRow): void => {
      const p = pending.get(jobId);
      if (!p) return; // another experiment's job, or one already collected
      pending.delete(jobId);
      const r = row(p);
      if (r.status === 'failed') failed++;
      onRow(r);
      progress.update(++finished, failed, retried);
      if (pending.size === 0) wake();
    };
    const ok =
      (out: RunOutput) =>
      (p: { id: string; label: string }): RunRow => ({
        id: p.id,
        label: p.label,
        status: 'ok',
        metrics: out.metrics,
        seconds: out.seconds,
      });
    const bad =
      (reason: string) =>
      (p: { id: string; label: string }): RunRow => ({
        id: p.id,
        label: p.label,
        status: 'failed',
        error: firstLine(reason),
        metrics: {},
        seconds: 0,
      });

    // Listen from the stream's current end, before queueing (see the header).
    const last = await conn.redis.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1);
    events = new QueueEvents(QUEUE_NAME, { connection: conn.connection, lastEventId: last[0]?.[0] ?? '0-0' });
    events.on('completed', ({ jobId, returnvalue }) => {
      lastEvent = Date.now();
      finish(jobId, ok(returnvalue as unknown as RunOutput));
    });
    events.on('failed', ({ jobId, failedReason }) => {
      lastEvent = Date.now();
      finish(jobId, bad(failedReason));
    });
    // A failed attempt with attempts left waits its back-off as a delayed job; a dead worker's job is reported stalled.
    const retry = ({ jobId }: { jobId: string }): void => {
      if (!pending.has(jobId)) return;
      lastEvent = Date.now();
      progress.update(finished, failed, ++retried);
    };
    events.on('delayed', retry);
    events.on('stalled', retry);
    events.on('error', () => {}); // BullMQ reconnects; a lasting outage shows as no progress
    await events.waitUntilReady();

    const version = packageVersion();
    const runsDir = resolve(join(opts.out, 'runs'));
    const jobs = [...pending].map(([jobId, p]) => {
      const r = todo.get(p.id)!;
      const data: QueuedRun = {
        musika: version,
        experiment,
        run: { id: p.id, label: p.label, scenario: r.scenario },
        runsDir,
        keep: opts.keepRuns === true,
      };
      return { name: 'run', data, opts: jobOptions(jobId, opts.attempts) };
    });
    // In slices: one MULTI per slice keeps each Redis transaction small.
    const interruption = (): Interrupted =>
      new Interrupted(
        `interrupted: ${finished} of ${total} runs done; the queued runs stay queued and the workers go on; re-run the same command to collect them`,
      );
    for (let k = 0; k < jobs.length; k += 500) {
      if (interrupted) throw interruption();
      await queue.addBulk(jobs.slice(k, k + 500));
    }

    // Jobs finished before this attempt (or between queueing and listening) are read once. Which
    // ones is asked in one pipeline (a score in BullMQ's completed and failed sets, the job's hash),
    // not job by job: a re-run of a 5,000-run experiment must not pay 5,000 round trips.
    // `first`: the read right after queueing, where a failed job is an earlier attempt's, retried as
    // a local re-run retries failed runs; later (events lost) a failed job is this attempt's failure.
    const settle = async (first: boolean): Promise<void> => {
      const ids = [...pending.keys()];
      const pipe = conn.redis.pipeline();
      for (const jobId of ids)
        pipe.zscore(queue.keys.completed, jobId).zscore(queue.keys.failed, jobId).exists(queue.toKey(jobId));
      const answers = ((await pipe.exec()) ?? []).map(([err, v]) => (err ? null : v));
      const done: string[] = [];
      for (let k = 0; k < ids.length; k++) {
        const [completed, failed, exists] = answers.slice(3 * k, 3 * k + 3);
        const jobId = ids[k];
        if (completed !== null) done.push(jobId);
        else if (failed !== null) {
          const job = await queue.getJob(jobId);
          if (first) await job?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
          else if (job) finish(jobId, bad(job.failedReason));
        } else if (exists === 0) {
          // Removed from Redis meanwhile (an emptied queue): queue it again.
          const again = jobs.find((j) => j.opts.jobId === jobId)!;
          await queue.add(again.name, again.data, again.opts);
        }
      }
      for (let k = 0; k < done.length; k += 200) {
        const got = await Promise.all(
          done.slice(k, k + 200).map((id) => queue.getJob(id) as Promise<Job<QueuedRun, RunOutput> | undefined>),
        );
        for (const job of got) if (job?.id !== undefined) finish(job.id, ok(job.returnvalue));
      }
    };
    await settle(true);
    const fromQueue = todo.size - pending.size;
    if (pending.size > 0)
      opts.say(
        `${pending.size} runs queued on ${conn.url.display}; waiting for workers (musika worker --queue ${conn.url.display})`,
      );

    await new Promise<void>((done, fail) => {
      if (pending.size === 0) return done();
      if (interrupted) return fail(interruption());
      wake = done;
      stop = () => fail(interruption());
      const timer = setInterval(() => {
        if (Date.now() - lastEvent < RECONCILE_MS) return;
        lastEvent = Date.now();
        settle(false).catch(() => {}); // Redis away: try again after the next quiet spell
      }, 1000);
      timer.unref();
      const clear = (): void => clearInterval(timer);
      wake = () => {
        clear();
        done();
      };
      const interrupt = stop;
      stop = () => {
        clear();
        interrupt();
      };
    });
    return fromQueue;
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
    await events?.close();
    await queue.close();
    await conn.close();
  }
}
