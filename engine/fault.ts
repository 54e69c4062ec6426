/**
 * Fault injection for the kill-and-resume and retry tests: MUSIKA_FAULT=kill-at-day:D kills the
 * process with SIGKILL as day D starts, kill-in-checkpoint:K halfway through writing the K-th
 * checkpoint (the first is the one at set-up, K = 1), fail-run:SEED makes an experiment's run of
 * seed SEED throw (a job that fails on every attempt). A real SIGKILL, so the test sees what a
 * user's crash leaves; a real exception, so the queue's retries are BullMQ's own.
 */
const spec = /^(kill-at-day|kill-in-checkpoint|fail-run):(.+)$/.exec(process.env.MUSIKA_FAULT ?? '');

export function faultPoint(kind: 'kill-at-day' | 'kill-in-checkpoint' | 'fail-run', n: number | string): void {
  if (!spec || spec[1] !== kind || spec[2] !== String(n)) return;
  if (kind === 'fail-run') throw new Error(`injected failure for seed ${n}`);
  process.kill(process.pid, 'SIGKILL');
}
