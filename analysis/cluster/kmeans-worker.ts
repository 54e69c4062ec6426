/**
 * Piscina worker for {@link sweepKParallel}: runs k-means restarts claimed one at a time from
 * a shared counter, on a matrix held in a SharedArrayBuffer.
 *
 * A restart's result depends only on (seed, k, restart), never on the thread that ran it, so
 * any split of the restarts across threads gives the same fits.
 */

import { kmeansRestart, restartSeed } from './kmeans-sweep.ts';
import type { KmeansResult, SweepPlan } from './kmeans-sweep.ts';

/** Shared state of one parallel sweep. */
export interface KmeansSweepTask {
  /** n x d Float64 feature matrix, row-major. */
  x: SharedArrayBuffer;
  n: number;
  d: number;
  plan: SweepPlan;
  /** Int32[1]: index of the next restart job to claim. */
  counter: SharedArrayBuffer;
  /** Int32 per worker slot, set to 1 when that worker starts claiming. */
  entered: SharedArrayBuffer;
  /** This worker's index in `entered`; -1 for the calling thread. */
  slot: number;
}

/** One finished restart. */
export interface RestartResult extends KmeansResult {
  k: number;
  restart: number;
}

/**
 * The restart job with index j. Jobs run from the largest k down, so the longest ones start
 * first and the short ones fill in at the end, which evens out the threads' finishing times.
 *
 * @param j - job index, 0 .. (kMax - kMin + 1) * restarts - 1
 * @param plan - the sweep
 * @returns k and restart index
 */
export function jobOf(j: number, plan: SweepPlan): { k: number; restart: number } {
  return { k: plan.kMax - Math.floor(j / plan.restarts), restart: j % plan.restarts };
}

/**
 * Claims and runs restart jobs until none is left.
 *
 * @param task - shared state
 * @param yieldBetween - awaited after each job; the calling thread passes one that lets its
 *   event loop run (piscina dispatches tasks from it), workers pass none
 * @returns the results of the jobs this caller ran
 */
export async function claimRestarts(
  task: KmeansSweepTask,
  yieldBetween?: () => Promise<void>,
): Promise<RestartResult[]> {
  const { n, d, plan } = task;
  const x = new Float64Array(task.x, 0, n * d);
  const counter = new Int32Array(task.counter, 0, 1);
  if (task.slot >= 0) {
    // Set before the first claim: once every job is claimed, a slot still at 0 is a worker
    // that will find nothing to do, and the caller need not wait for it to start.
    Atomics.store(new Int32Array(task.entered), task.slot, 1);
  }
  const total = (plan.kMax - plan.kMin + 1) * plan.restarts;
  const results: RestartResult[] = [];
  for (;;) {
    const j = Atomics.add(counter, 0, 1);
    if (j >= total) return results;
    const { k, restart } = jobOf(j, plan);
    const seed = restartSeed(plan.seed, k, restart);
    results.push({ k, restart, ...kmeansRestart(x, n, d, k, seed, plan.maxIterations) });
    if (yieldBetween) await yieldBetween();
  }
}

/**
 * Worker entry point.
 *
 * @param task - shared state
 * @returns the results of the jobs this worker ran
 */
export default function kmeansWorker(task: KmeansSweepTask): Promise<RestartResult[]> {
  return claimRestarts(task);
}
