/**
 * Exact silhouette spread over threads (of one labeling, or of several on the same rows), and
 * seeded row sampling for large n.
 *
 * The rows are cut into ranges that the threads claim one at a time from a shared counter;
 * each range is computed by {@link silhouetteRowRange}. x, labels and the output live in
 * SharedArrayBuffers, so workers read the matrix without copies and write their rows in place.
 * Every row is computed by the same code with the same summation order as in the serial path,
 * so the result is bit-identical to {@link silhouetteSamples} whatever the thread count.
 */

import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import seedrandom from 'seedrandom';
import { silhouetteSamples } from './silhouette.ts';
import { concatLabels, silhouetteMany } from './silhouette-many.ts';
import { claimRanges, DONE } from './silhouette-worker.ts';
import type { SilhouetteTask } from './silhouette-worker.ts';
import { assertCount, assertLabels, assertMatrix } from '../common/index.ts';
import { createWorkerPool, workerFile } from './worker-pool.ts';
import type { WorkerPool } from './worker-pool.ts';

/** Options of {@link silhouetteParallel}. */
export interface SilhouetteParallelOptions {
  /**
   * Threads computing rows, the calling thread included when `mainThread` is true.
   * 1 computes inline without a pool. Default: os.availableParallelism().
   */
  threads?: number;
  /**
   * Whether the calling thread computes rows too (default true). Starting a worker under tsx
   * takes a few hundred ms; computing meanwhile on the calling thread hides that. Its event
   * loop is then busy for one range at a time (about 0.1 s at 20,000 x 12); pass false to keep
   * it free and leave all rows to `threads` workers.
   */
  mainThread?: boolean;
  /**
   * A pool from createWorkerPool to run on instead of starting and stopping one in this call
   * (a worker takes a few hundred ms to start). It is left running. Its size should be the
   * number of workers this call uses: threads - 1 with mainThread, else threads.
   */
  pool?: WorkerPool;
}

/**
 * Ranges per thread. Every row costs the same (it is compared with all n rows); several ranges
 * per thread let a worker that starts late take fewer, and keep the calling thread's turns short.
 */
const RANGES_PER_THREAD = 16;

/** Atomics.waitAsync is in Node 20 but not in the ES2023 lib this project compiles against. */
type WaitAsync = (
  a: Int32Array,
  index: number,
  value: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };

/**
 * Silhouette coefficient of every row, computed on several threads.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param labels - cluster id per row, 0..k-1
 * @param options - `threads` (default: available parallelism; 1 = inline, no pool),
 *   `mainThread` (default true) and `pool` (default: one started and stopped for this call)
 * @returns s(i) per row, bit-identical to {@link silhouetteSamples}
 * @throws RangeError when inputs are malformed or fewer than 2 clusters are non-empty
 */
export async function silhouetteParallel(
  x: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  options: SilhouetteParallelOptions = {},
): Promise<Float64Array> {
  const fn = 'silhouetteParallel';
  const threads = options.threads ?? availableParallelism();
  const mainThread = options.mainThread ?? true;
  assertCount(fn, 'options.threads', threads, 1);
  if (threads === 1 && mainThread) return silhouetteSamples(x, n, d, labels);

  // Validate before any worker starts, so a bad input fails fast with one message.
  assertMatrix(fn, x, n, d);
  const k = assertLabels(fn, labels, n);
  assertTwoClusters(labels, k, n);

  const workers = mainThread ? threads - 1 : threads;
  // Start the workers first: their start-up overlaps the copies below.
  const pool = options.pool ?? createWorkerPool(workers);
  try {
    const task = sharedTask(x, n, d, labels, n, n, threads);
    task.k = k;
    await runRanges(task, pool, workers, mainThread);
    return new Float64Array(new Float64Array(task.out));
  } finally {
    if (options.pool === undefined) await pool.destroy();
  }
}

/**
 * silhouetteMany (silhouette-many.ts) with the rows spread over threads as
 * {@link silhouetteParallel} does: bit-identical to it for any thread count.
 *
 * @param x - rows, row-major n x d
 * @param labelings - each a cluster id per row, 0..ks[l]-1
 * @param ks - the number of cluster ids of each labeling
 * @param options - as {@link silhouetteParallel}
 * @returns s(i) per row, one array per labeling
 */
export async function silhouetteManyParallel(
  x: Float64Array,
  n: number,
  d: number,
  labelings: readonly Int32Array[],
  ks: readonly number[],
  options: SilhouetteParallelOptions = {},
): Promise<Float64Array[]> {
  const fn = 'silhouetteManyParallel';
  const threads = options.threads ?? availableParallelism();
  const mainThread = options.mainThread ?? true;
  assertCount(fn, 'options.threads', threads, 1);
  assertMatrix(fn, x, n, d);
  for (const [l, labels] of labelings.entries()) assertLabels(fn, labels, n, ks[l]);
  if (threads === 1 && mainThread) return silhouetteMany(x, n, d, labelings, ks);
  const workers = mainThread ? threads - 1 : threads;
  const pool = options.pool ?? createWorkerPool(workers);
  try {
    const L = labelings.length;
    const task = sharedTask(x, n, d, undefined, L * n, L * n, threads);
    concatLabels(labelings, n, new Int32Array(task.labels));
    task.ks = [...ks];
    await runRanges(task, pool, workers, mainThread);
    const out = new Float64Array(task.out);
    return labelings.map((_, l) => out.slice(l * n, l * n + n));
  } finally {
    if (options.pool === undefined) await pool.destroy();
  }
}

/** The shared buffers of a task: x copied in, labels (copied when given), an output, the counters. */
function sharedTask(
  x: Float64Array,
  n: number,
  d: number,
  labels: Int32Array | undefined,
  labelCount: number,
  outCount: number,
  threads: number,
): SilhouetteTask {
  const task: SilhouetteTask = {
    x: new SharedArrayBuffer(n * d * Float64Array.BYTES_PER_ELEMENT),
    labels: new SharedArrayBuffer(labelCount * Int32Array.BYTES_PER_ELEMENT),
    out: new SharedArrayBuffer(outCount * Float64Array.BYTES_PER_ELEMENT),
    counter: new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT),
    n,
    d,
    k: 0,
    ranges: Math.min(n, threads * RANGES_PER_THREAD),
  };
  new Float64Array(task.x).set(x);
  if (labels) new Int32Array(task.labels).set(labels);
  return task;
}

/** Runs the task's ranges on `workers` workers of the pool, and on this thread when mainThread. */
async function runRanges(task: SilhouetteTask, pool: WorkerPool, workers: number, mainThread: boolean): Promise<void> {
  const runs: Promise<number>[] = [];
  const filename = workerFile('silhouette-worker.ts');
  for (let w = 0; w < workers; w++) runs.push(pool.run(task, { filename }) as Promise<number>);
  // Once every row is done a pool of our own is destroyed, which rejects the runs of workers
  // that were still starting; those rejections are expected and must not surface as
  // unhandled. (On a caller's pool such runs start later, find no range left and return.)
  for (const run of runs) run.catch(() => undefined);
  const allRuns = Promise.all(runs);

  if (mainThread) await claimRanges(task, () => nextTurn());
  // Every range is claimed; wait until the claimed ones are finished. A worker that fails
  // rejects allRuns, so an error cannot leave this waiting forever.
  await Promise.race([allRangesDone(task), allRuns]);
}

/** Resolves when the shared DONE counter reaches task.ranges. */
async function allRangesDone(task: SilhouetteTask): Promise<void> {
  const counter = new Int32Array(task.counter, 0, 2);
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  for (;;) {
    const done = Atomics.load(counter, DONE);
    if (done >= task.ranges) return;
    const w = waitAsync(counter, DONE, done);
    if (w.async) await w.value;
  }
}

function assertTwoClusters(labels: Int32Array, k: number, n: number): void {
  const seen = new Uint8Array(k);
  let nonEmpty = 0;
  for (let i = 0; i < n; i++) {
    if (seen[labels[i]] === 0) {
      seen[labels[i]] = 1;
      nonEmpty++;
    }
  }
  if (nonEmpty < 2) {
    throw new RangeError(`silhouette needs at least 2 non-empty clusters, got ${nonEmpty} (k = ${k}, n = ${n})`);
  }
}

/**
 * Seeded sample of `size` distinct row indices from 0..n-1, in increasing order.
 *
 * For n too large for the O(n^2) exact silhouette, take a sample and compute the silhouette of
 * the sampled rows among themselves: gather the rows and labels at these indices and pass them
 * to {@link silhouetteSamples} or {@link silhouetteParallel}. a(i) and b(i) are then means over
 * the sampled points only, not over all n points, so the result estimates the full silhouette
 * (as scikit-learn's `silhouette_score(sample_size=...)` does); it is not the full-data
 * silhouette of the sampled rows.
 *
 * Uses Floyd's algorithm (O(size) memory and draws) with a seedrandom generator, so the same
 * (n, size, seed) always gives the same indices.
 *
 * @param n - population size
 * @param size - sample size, 0..n
 * @param seed - seed for seedrandom
 * @returns sorted Int32Array of `size` distinct indices
 * @throws RangeError when size is not in 0..n
 */
export function sampleIndices(n: number, size: number, seed: number | string): Int32Array {
  const fn = 'sampleIndices';
  assertCount(fn, 'n', n, 0);
  assertCount(fn, 'size', size, 0);
  if (size > n) throw new RangeError(`${fn}: size = ${size} exceeds n = ${n}`);
  if (n > 2 ** 31 - 1) throw new RangeError(`${fn}: n = ${n} does not fit an Int32Array index`);
  const rng = seedrandom(`sampleIndices:${String(seed)}`);
  const chosen = new Set<number>();
  // Floyd: for j = n-size .. n-1 draw t in 0..j; take t, or j if t is taken already.
  // Every size-subset is equally likely.
  for (let j = n - size; j < n; j++) {
    const t = Math.floor(rng.double() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  const out = Int32Array.from(chosen);
  out.sort();
  return out;
}
