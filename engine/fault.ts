/**
 * Fault injection for the kill-and-resume tests: MUSIKA_FAULT=kill-at-day:D kills the process with
 * SIGKILL as day D starts, kill-in-checkpoint:K halfway through writing the K-th checkpoint (the
 * first is the one at set-up, K = 1). A real SIGKILL, so the test sees what a user's crash leaves.
 */
const spec = /^(kill-at-day|kill-in-checkpoint):(\d+)$/.exec(process.env.MUSIKA_FAULT ?? '');

export function faultPoint(kind: 'kill-at-day' | 'kill-in-checkpoint', n: number): void {
  if (spec && spec[1] === kind && Number(spec[2]) === n) process.kill(process.pid, 'SIGKILL');
}
