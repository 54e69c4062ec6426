/** A run's defaults that depend on its size (traders x weeks): how many threads, how often to checkpoint. */
import { availableParallelism } from 'node:os';

/**
 * Below this much work (traders x weeks) starting a worker (about 0.1 s) and the day's barriers
 * cost more than a second core saves. Measured here (`npm run bench`, medians of 5, wall 1 vs 2
 * threads, bench/results/macro-2026-11-26-78ac292.json): 10k x 4 weeks 0.93 vs 1.13 s (one thread
 * faster), 10k x 26 1.76 vs 1.76 s (a tie), 100k x 4 2.42 vs 2.23 s and 100k x 26 8.78 vs 5.93 s
 * (two faster). The threshold is the smallest measured size at which two threads won.
 */
export const THREADS_PAY_FROM_TRADER_WEEKS = 400_000;

export function defaultThreads(traders: number, weeks: number): number {
  return traders * weeks >= THREADS_PAY_FROM_TRADER_WEEKS ? Math.max(1, Math.min(2, availableParallelism())) : 1;
}

/** Runs from this size take a checkpoint every 4 weeks by default (about 8 seconds of work apart at 100k traders). */
export const CHECKPOINT_FROM_TRADER_WEEKS = 2_000_000;

export function defaultCheckpointWeeks(traders: number, weeks: number): number {
  return traders * weeks > CHECKPOINT_FROM_TRADER_WEEKS ? 4 : 0;
}
