/**
 * {@link sweepK} and {@link bestKmeans} with the restarts spread over threads, for one matrix or
 * several at once (prediction strength's 2 x splits halves: sweepSetsParallel).
 *
 * All (set, k, restart) jobs go into one shared queue that the calling thread and `threads - 1`
 * piscina workers claim from, largest k first. Each restart's seed is restartSeed(the set's seed,
 * k, restart), so a job gives the same result on any thread, and the best restart per set and k is
 * chosen by (inertia, restart index): the fits are identical to the serial functions' whatever
 * the thread count. One queue for many sets means one wait for the last job instead of one per
 * set, and one dispatch to the workers.
 *
 * Why parallel: a sweep k = 2..12 x 10 restarts is hundreds of independent Lloyd runs.
 */

import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { beats, planSweep, sweepK } from './kmeans-sweep.ts';
import type { BestKmeansOptions, KmeansFit, KmeansResult, SweepKOptions, SweepPlan } from './kmeans-sweep.ts';
import { claimRestarts } from './kmeans-worker.ts';
import type { KmeansSweepTask, RestartResult, SweepSet } from './kmeans-worker.ts';
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

/** One matrix of {@link sweepSetsParallel}: n x d rows and the seed of its restarts. */
export interface SweepInput {
  x: Float64Array;
  n: number;
  seed: number | string;
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
  const [fits] = await sweepSetsParallel([{ x, n, seed: options.seed }], d, options, 'sweepKParallel');
  return fits;
}

/**
 * {@link sweepK} of each set (its own seed; kMin, kMax, restarts and iterations shared), every
 * restart of every set in one queue over the threads; same result for any thread count.
 *
 * @param sets - the matrices, each n x d, and their seeds
 * @param d - number of columns
 * @param options - as {@link sweepK} without the seed, plus `threads` and `pool`
 * @param fn - caller name for error messages
 * @returns per set, one fit per k in increasing k
 * @throws RangeError when a set is malformed, or kMax exceeds its number of distinct rows
 */
export async function sweepSetsParallel(
  sets: readonly SweepInput[],
  d: number,
  options: Omit<SweepKOptions, 'seed'> & KmeansThreadsOptions,
  fn = 'sweepSetsParallel',
): Promise<KmeansFit[][]> {
  const plans: SweepPlan[] = sets.map((s) => planSweep(fn, s.x, s.n, d, { ...options, seed: s.seed }));
  const threads = options.threads ?? availableParallelism();
  assertCount(fn, 'options.threads', threads, 1);
  if (threads === 1) return sets.map((s) => sweepK(s.x, s.n, d, { ...options, seed: s.seed }));
  const { kMin, kMax, restarts, maxIterations } = plans[0];

  const workers = threads - 1;
  // Start the workers first: loading tsx and the modules in each takes a few hundred ms, during
  // which the calling thread is already running restarts.
  const pool = options.pool ?? createWorkerPool(workers);
  try {
    const rows = sets.reduce((a, s) => a + s.n, 0);
    const xShared = new SharedArrayBuffer(rows * d * Float64Array.BYTES_PER_ELEMENT);
    const all = new Float64Array(xShared);
    const layout: SweepSet[] = [];
    let start = 0;
    for (const s of sets) {
      all.set(s.x.subarray(0, s.n * d), start * d);
      layout.push({ start, n: s.n, seed: s.seed });
      start += s.n;
    }
    const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const entered = new SharedArrayBuffer(workers * Int32Array.BYTES_PER_ELEMENT);
    const base = { x: xShared, d, sets: layout, plan: { kMin, kMax, restarts, maxIterations }, counter, entered };

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
    return sets.map((_, i) =>
      pickBest(
        results.filter((r) => r.set === i),
        kMin,
        kMax,
        fn,
      ),
    );
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

function pickBest(results: RestartResult[], kMin: number, kMax: number, fn: string): KmeansFit[] {
  const best = new Array<RestartResult | undefined>(kMax - kMin + 1);
  for (const r of results) {
    const b = best[r.k - kMin];
    if (b === undefined || beats(r.inertia, r.restart, b.inertia, b.restart)) best[r.k - kMin] = r;
  }
  return best.map((r, i) => {
    if (r === undefined) throw new Error(`${fn}: no result for k = ${kMin + i}`);
    return { k: r.k, labels: r.labels, centroids: r.centroids, inertia: r.inertia };
  });
}
