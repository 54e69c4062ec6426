/**
 * {@link sweepK} and {@link bestKmeans} with the restarts spread over threads.
 *
 * All (k, restart) jobs of a sweep go into one shared queue that the calling thread and
 * `threads - 1` piscina workers claim from, largest k first. Each restart's seed is
 * restartSeed(seed, k, restart), so a job gives the same result on any thread, and the best
 * restart per k is chosen by (inertia, restart index): the fits are identical to the serial
 * functions' whatever the thread count.
 *
 * Why parallel: a sweep k = 2..12 x 10 restarts is hundreds of independent Lloyd runs.
 */

import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { beats, planSweep, sweepK } from './kmeans-sweep.ts';
import type { BestKmeansOptions, KmeansFit, KmeansResult, SweepKOptions } from './kmeans-sweep.ts';
import { claimRestarts } from './kmeans-worker.ts';
import type { KmeansSweepTask, RestartResult } from './kmeans-worker.ts';
import { assertCount } from '../common/index.ts';
import { createWorkerPool, workerFile } from './worker-pool.ts';
import type { WorkerPool } from './worker-pool.ts';

/** Thread options of the parallel k-means functions. */
export interface KmeansThreadsOptions {
  /**
   * Threads running restarts, the calling thread included. 1 runs inline without a pool.
   * Default: os.availableParallelism().
   */
  threads?: number;
  /**
   * A pool from createWorkerPool (threads - 1 workers) to run on instead of starting and
   * stopping one in this call. It is left running.
   */
  pool?: WorkerPool;
}

/**
 * {@link sweepK} on several threads; same result for any thread count.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param options - as {@link sweepK}, plus `threads` and `pool`
 * @returns one fit per k, in increasing k
 * @throws RangeError when inputs are malformed, or kMax exceeds the number of distinct rows
 */
export async function sweepKParallel(
  x: Float64Array,
  n: number,
  d: number,
  options: SweepKOptions & KmeansThreadsOptions,
): Promise<KmeansFit[]> {
  const fn = 'sweepKParallel';
  const plan = planSweep(fn, x, n, d, options);
  const threads = options.threads ?? availableParallelism();
  assertCount(fn, 'options.threads', threads, 1);
  if (threads === 1) return sweepK(x, n, d, options);

  const workers = threads - 1;
  // Start the workers first: loading tsx and the modules in each takes 0.4-0.7 s, during which the
  // calling thread is already running restarts.
  const pool = options.pool ?? createWorkerPool(workers);
  try {
    const xShared = new SharedArrayBuffer(n * d * Float64Array.BYTES_PER_ELEMENT);
    new Float64Array(xShared).set(x);
    const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const entered = new SharedArrayBuffer(workers * Int32Array.BYTES_PER_ELEMENT);
    const base = { x: xShared, n, d, plan, counter, entered };

    const runs: Promise<RestartResult[]>[] = [];
    const filename = workerFile('kmeans-worker.ts');
    for (let w = 0; w < workers; w++) {
      const task: KmeansSweepTask = { ...base, slot: w };
      runs.push(pool.run(task, { filename }) as Promise<RestartResult[]>);
    }
    // Runs of workers still starting when the work is done are rejected when a pool of our
    // own is destroyed; that is expected and must not surface as an unhandled rejection.
    for (const run of runs) run.catch(() => undefined);

    const results = await claimRestarts({ ...base, slot: -1 }, () => nextTurn());
    // Every job is claimed now. A worker that entered the queue may still be running one;
    // one that never entered will find nothing, so it is not waited for.
    const flags = new Int32Array(entered);
    for (let w = 0; w < workers; w++) {
      if (Atomics.load(flags, w) === 1) results.push(...(await runs[w]));
    }
    return pickBest(results, plan.kMin, plan.kMax);
  } finally {
    if (options.pool === undefined) await pool.destroy();
  }
}

/**
 * {@link bestKmeans} on several threads; same result for any thread count.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param k - number of clusters
 * @param options - as {@link bestKmeans}, plus `threads` and `pool`
 * @returns labels, centroids and inertia of the lowest-inertia restart
 * @throws RangeError when inputs are malformed, or k exceeds the number of distinct rows
 */
export async function bestKmeansParallel(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  options: BestKmeansOptions & KmeansThreadsOptions,
): Promise<KmeansResult> {
  assertCount('bestKmeansParallel', 'k', k, 1);
  const [fit] = await sweepKParallel(x, n, d, { ...options, kMin: k, kMax: k });
  return { labels: fit.labels, centroids: fit.centroids, inertia: fit.inertia };
}

function pickBest(results: RestartResult[], kMin: number, kMax: number): KmeansFit[] {
  const best = new Array<RestartResult | undefined>(kMax - kMin + 1);
  for (const r of results) {
    const b = best[r.k - kMin];
    if (b === undefined || beats(r.inertia, r.restart, b.inertia, b.restart)) best[r.k - kMin] = r;
  }
  return best.map((r, i) => {
    if (r === undefined) throw new Error(`sweepKParallel: no result for k = ${kMin + i}`);
    return { k: r.k, labels: r.labels, centroids: r.centroids, inertia: r.inertia };
  });
}
