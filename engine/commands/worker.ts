/** `musika worker`: takes experiment runs from a job queue and runs them, until SIGTERM. */
import { availableParallelism } from 'node:os';
import { parse, positiveInt, str } from '../cli-args.ts';
import { UsageError } from '../errors.ts';
// Not through experiments/index.ts: a worker needs none of the experiments' charts (vega), which it would load.
import { runQueueWorker } from '../experiments/queue-worker.ts';

export const WORKER_HELP = `Usage: musika worker --queue redis://HOST:PORT[/DB] [options]

Takes the runs that sweep, counterfactual and sensitivity queue with --queue, on this machine or
any other, and runs each as a local experiment would (the same code, the same metrics), returning
its metrics to the experiment through the queue. Start as many as you like, on as many machines.
- A run that throws is retried after 1 s, 2 s, 4 s, ... up to the experiment's --attempts, then
  reported failed with its error.
- A run whose worker dies (killed, machine lost) is taken again by another worker once its lock
  expires (BullMQ's stalled-job check, every --lock-seconds).
- With --keep-runs (here or on the experiment), the run directory is written under the
  experiment's DIR/runs/<label>/, which must be the same shared path on every machine. A run
  directory with a manifest is finished: it is never written twice, and its metrics are reused.
- SIGTERM (or Ctrl-C) stops taking runs, lets the current ones finish, then exits 0; a second
  SIGTERM exits at once (those runs go back to the queue).
- An unreachable Redis, or a queue holding runs of another musika version, exits 2.
Each run is logged on stdout as it starts, ends or fails.

Options:
  --queue URL          the Redis holding the queue: redis://HOST:PORT[/DB] (required)
  --concurrency C      runs at a time (default: the machine's cores, divided by --threads)
  --threads T          threads per run (default 1); the output never depends on it
  --keep-runs          keep every run's directory, also of experiments run without --keep-runs
  --lock-seconds S     a running job's lock, renewed every S/2 s; a dead worker's job is taken
                       again after about S to 2S (default 30)
  -h, --help           show this help
`;

export const workerOptions = {
  queue: { type: 'string' },
  concurrency: { type: 'string' },
  threads: { type: 'string' },
  'keep-runs': { type: 'boolean' },
  'lock-seconds': { type: 'string' },
} as const;

export async function workerCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, workerOptions);
  if (values.help) {
    process.stdout.write(WORKER_HELP);
    return 0;
  }
  const url = str(values, 'queue');
  if (!url) throw new UsageError('--queue redis://HOST:PORT[/DB] is required');
  const threads = positiveInt(values, 'threads', 64) ?? 1;
  const concurrency =
    positiveInt(values, 'concurrency', 1024) ?? Math.max(1, Math.floor(availableParallelism() / threads));
  const lockSeconds = positiveInt(values, 'lock-seconds', 3600) ?? 30;
  return runQueueWorker({
    url,
    concurrency,
    threads,
    keepRuns: values['keep-runs'] === true,
    lockSeconds,
    log: (line) => void process.stdout.write(`musika worker: ${line}\n`),
  });
}
