/**
 * Piscina worker for {@link silhouetteParallel}: computes row ranges of silhouette coefficients
 * from matrices held in SharedArrayBuffers and writes them straight into the shared output, so
 * nothing but the small task object crosses the thread boundary.
 *
 * Ranges are claimed from a shared counter rather than assigned up front: a worker that starts
 * late (loading tsx in a fresh isolate takes a few hundred ms) simply claims fewer ranges.
 * Which thread computes a row never changes its bits.
 */

import { silhouetteRowRange } from './silhouette.ts';
import { planMany, silhouetteManyRows } from './silhouette-many.ts';

/**
 * Shared state of one parallel silhouette computation: of one labeling (silhouette.ts), or of
 * several on the same rows (silhouette-many.ts) when `ks` is given.
 */
export interface SilhouetteTask {
  /** n x d Float64 feature matrix, row-major. */
  x: SharedArrayBuffer;
  /** n Int32 cluster ids; with `ks`, L = ks.length labelings one after another (L x n). */
  labels: SharedArrayBuffer;
  /** n Float64 outputs; with `ks`, L x n. */
  out: SharedArrayBuffer;
  /** The number of cluster ids of each labeling, when there are several. */
  ks?: number[];
  /** Int32[2]: [next range to claim, ranges finished]. */
  counter: SharedArrayBuffer;
  n: number;
  d: number;
  k: number;
  /** Number of row ranges; range r is rows floor(r*n/ranges) .. floor((r+1)*n/ranges)-1. */
  ranges: number;
}

/** Index in the counter array of the next range to claim. */
export const NEXT = 0;
/** Index in the counter array of the number of ranges finished. */
export const DONE = 1;

/**
 * Claims and computes ranges until none is left.
 *
 * @param task - shared buffers and sizes
 * @param yieldBetween - awaited after each range; the main thread passes one that lets its
 *   event loop run (piscina dispatches tasks from it), workers pass none
 * @returns number of ranges this caller computed
 */
export async function claimRanges(task: SilhouetteTask, yieldBetween?: () => Promise<void>): Promise<number> {
  const { n, d, k, ranges, ks } = task;
  const x = new Float64Array(task.x, 0, n * d);
  const counter = new Int32Array(task.counter, 0, 2);
  const labels = new Int32Array(task.labels, 0, n * (ks?.length ?? 1));
  // Several labelings: each thread plans the pass once (O(L n)) and writes into the L x n output.
  const many = ks ? { plan: planMany(n, labels, ks), out: new Float64Array(task.out) } : undefined;
  let computed = 0;
  for (;;) {
    const r = Atomics.add(counter, NEXT, 1);
    if (r >= ranges) return computed;
    const rowStart = Math.floor((r * n) / ranges);
    const rowEnd = Math.floor(((r + 1) * n) / ranges);
    if (many) silhouetteManyRows(x, d, labels, many.plan, rowStart, rowEnd, many.out);
    else {
      const out = new Float64Array(task.out, rowStart * Float64Array.BYTES_PER_ELEMENT, rowEnd - rowStart);
      silhouetteRowRange(x, n, d, labels, k, rowStart, rowEnd, out);
    }
    computed++;
    Atomics.add(counter, DONE, 1);
    // Wakes a main thread waiting for the last range (see silhouetteParallel).
    Atomics.notify(counter, DONE);
    if (yieldBetween) await yieldBetween();
  }
}

/**
 * Worker entry point: computes ranges until none is left.
 *
 * @param task - shared buffers and sizes
 * @returns number of ranges this worker computed
 */
export default function silhouetteWorker(task: SilhouetteTask): Promise<number> {
  return claimRanges(task);
}
