/**
 * Piscina worker for {@link sweepSetsParallel}: runs k-means restarts claimed one at a time from
 * a shared counter, on matrices held in one SharedArrayBuffer.
 *
 * A restart's result depends only on (set, seed, k, restart), never on the thread that ran it,
 * and each thread keeps, per set and k, the restart that {@link beats} the others (a total order:
 * lower inertia, then lower restart index), so any split of the restarts across threads gives the
 * same fits.
 */

import { beats, kmeansRestart, restartSeed } from './kmeans-sweep.ts';
import type { KmeansResult, SweepPlan } from './kmeans-sweep.ts';

/** One matrix of a sweep: rows start..start+n-1 of the shared rows, with its own seed. */
export interface SweepSet {
  start: number;
  n: number;
  seed: number | string;
}

/** Shared state of one parallel sweep over one or more sets. */
export interface KmeansSweepTask {
  /** Every set's rows one after another: Float64, row-major, d columns. */
  x: SharedArrayBuffer;
  d: number;
  sets: SweepSet[];
  /** ks, restarts and iterations (each set has its own seed). */
  plan: Omit<SweepPlan, 'seed'>;
  /** Int32[1]: index of the next restart job to claim. */
  counter: SharedArrayBuffer;
  /** Int32 per worker slot, set to 1 when that worker starts claiming. */
  entered: SharedArrayBuffer;
  /** This worker's index in `entered`; -1 for the calling thread. */
  slot: number;
}

/** The best restart a thread ran for one set and k. */
export interface RestartResult extends KmeansResult {
  set: number;
  k: number;
  restart: number;
}

/**
 * The restart job with index j. Jobs run from the largest k down (every set's, then the next
 * k's), so the longest ones start first and the short ones fill in at the end, which evens out
 * the threads' finishing times.
 *
 * @param j - job index, 0 .. ks x sets x restarts - 1
 * @param plan - the sweep
 * @param sets - number of sets
 * @returns set, k and restart index
 */
export function jobOf(
  j: number,
  plan: Omit<SweepPlan, 'seed'>,
  sets: number,
): { set: number; k: number; restart: number } {
  const perK = sets * plan.restarts;
  const r = j % perK;
  return { set: Math.floor(r / plan.restarts), k: plan.kMax - Math.floor(j / perK), restart: r % plan.restarts };
}

/**
 * Claims and runs restart jobs until none is left.
 *
 * @param task - shared state
 * @param yieldBetween - awaited after each job; the calling thread passes one that lets its
 *   event loop run (piscina dispatches tasks from it), workers pass none
 * @returns per set and k, the best of the restarts this caller ran
 */
export async function claimRestarts(
  task: KmeansSweepTask,
  yieldBetween?: () => Promise<void>,
): Promise<RestartResult[]> {
  const { d, plan, sets } = task;
  const counter = new Int32Array(task.counter, 0, 1);
  if (task.slot >= 0) {
    // Set before the first claim: once every job is claimed, a slot still at 0 is a worker
    // that will find nothing to do, and the caller need not wait for it to start.
    Atomics.store(new Int32Array(task.entered), task.slot, 1);
  }
  const xs = sets.map((s) => new Float64Array(task.x, s.start * d * Float64Array.BYTES_PER_ELEMENT, s.n * d));
  const total = (plan.kMax - plan.kMin + 1) * sets.length * plan.restarts;
  const best = new Map<string, RestartResult>();
  for (;;) {
    const j = Atomics.add(counter, 0, 1);
    if (j >= total) return [...best.values()];
    const { set, k, restart } = jobOf(j, plan, sets.length);
    const { n, seed } = sets[set];
    const fit = kmeansRestart(xs[set], n, d, k, restartSeed(seed, k, restart), plan.maxIterations);
    const key = `${set}:${k}`;
    const b = best.get(key);
    if (b === undefined || beats(fit.inertia, restart, b.inertia, b.restart))
      best.set(key, { set, k, restart, ...fit });
    if (yieldBetween) await yieldBetween();
  }
}

/**
 * Worker entry point.
 *
 * @param task - shared state
 * @returns per set and k, the best of the restarts this worker ran
 */
export default function kmeansWorker(task: KmeansSweepTask): Promise<RestartResult[]> {
  return claimRestarts(task);
}
