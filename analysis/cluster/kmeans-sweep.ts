/**
 * Best-of-restarts k-means, and a sweep over k.
 *
 * Each restart seeds k centres by greedy k-means++ (kmeans-plus-plus.ts: the algorithm of
 * ml-kmeans' own 'kmeans++' option and of scikit-learn, without the row copies that made
 * ml-kmeans' version 40% of a sweep) and runs Lloyd's iterations from them (lloyd.ts: ml-kmeans'
 * iterations to the bit, with Hamerly's bounds skipping rows whose centroid cannot change).
 * The seed of a restart is derived from (seed, k, restart) alone, so its result never depends
 * on which other restarts ran, in what order or on which thread (see kmeans-sweep-parallel.ts).
 * The restart with the lowest inertia wins; on a tie the earliest restart wins.
 *
 * After the iterations stop, one more assignment step labels every row with its nearest
 * centroid (lowest index on a distance tie), as scikit-learn does when it stops: the labels of
 * the last step predate the final centroid update. So `labels`, `centroids` and `inertia` are consistent:
 * inertia(x, n, d, labels, centroids) from cluster-indices.ts gives the same number. A cluster
 * that k-means left empty keeps its previous centroid and may have no rows.
 */

import seedrandom from 'seedrandom';
import { inertia as inertiaOf } from './cluster-indices.ts';
import { kmeansPlusPlus } from './kmeans-plus-plus.ts';
import { lloyd } from './lloyd.ts';
import { assertCount, assertMatrix } from '../common/index.ts';

/** One k-means solution. */
export interface KmeansResult {
  /** Cluster id per row, 0..k-1. */
  labels: Int32Array;
  /** k x d centroids, row-major. */
  centroids: Float64Array;
  /** Sum of squared distances of the rows to their centroids. */
  inertia: number;
}

/** The best solution found for one k. */
export interface KmeansFit extends KmeansResult {
  k: number;
}

/** Options of {@link bestKmeans}. */
export interface BestKmeansOptions {
  /** Independent k-means++ starts; the lowest inertia is kept. Default 10. */
  restarts?: number;
  /** Master seed; every restart's seed is derived from it, k and the restart index. */
  seed: number | string;
  /** Lloyd iterations per restart at most. Default 300. */
  maxIterations?: number;
}

/** Options of {@link sweepK}. */
export interface SweepKOptions extends BestKmeansOptions {
  /** Smallest k. Default 2. */
  kMin?: number;
  /** Largest k. Default 12. */
  kMax?: number;
}

/** A sweep's options with defaults filled in and validated. */
export interface SweepPlan {
  kMin: number;
  kMax: number;
  restarts: number;
  seed: number | string;
  maxIterations: number;
}

/**
 * Best of `restarts` k-means runs for one k.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param k - number of clusters, 1..n
 * @param options - restarts (default 10), seed (required), maxIterations (default 300)
 * @returns labels, centroids and inertia of the lowest-inertia restart
 * @throws RangeError when inputs are malformed, or k exceeds the number of distinct rows
 */
export function bestKmeans(x: Float64Array, n: number, d: number, k: number, options: BestKmeansOptions): KmeansResult {
  assertCount('bestKmeans', 'k', k, 1);
  const plan = planSweep('bestKmeans', x, n, d, { ...options, kMin: k, kMax: k });
  const fit = sweepRows(x, n, d, plan)[0];
  return { labels: fit.labels, centroids: fit.centroids, inertia: fit.inertia };
}

/**
 * {@link bestKmeans} for every k in kMin..kMax.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param options - kMin (default 2), kMax (default 12), restarts (default 10),
 *   seed (required), maxIterations (default 300)
 * @returns one fit per k, in increasing k
 * @throws RangeError when inputs are malformed, or kMax exceeds the number of distinct rows
 */
export function sweepK(x: Float64Array, n: number, d: number, options: SweepKOptions): KmeansFit[] {
  const plan = planSweep('sweepK', x, n, d, options);
  return sweepRows(x, n, d, plan);
}

/**
 * Validates a sweep's inputs and fills in the defaults.
 *
 * @param fn - caller name for error messages
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param options - the caller's options
 * @returns the complete plan
 * @throws RangeError naming the bad argument
 */
export function planSweep(fn: string, x: Float64Array, n: number, d: number, options: SweepKOptions): SweepPlan {
  assertMatrix(fn, x, n, d);
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: options must be an object with a seed, got ${String(options)}`);
  }
  const { kMin = 2, kMax = 12, restarts = 10, seed, maxIterations = 300 } = options;
  if (typeof seed !== 'number' && typeof seed !== 'string') {
    throw new TypeError(`${fn}: options.seed must be a number or string, got ${String(seed)}`);
  }
  assertCount(fn, 'kMin', kMin, 1);
  assertCount(fn, 'kMax', kMax, kMin);
  if (kMax > n) throw new RangeError(`${fn}: k = ${kMax} exceeds the number of rows n = ${n}`);
  assertCount(fn, 'options.restarts', restarts, 1);
  assertCount(fn, 'options.maxIterations', maxIterations, 1);
  const distinct = countDistinctRows(x, n, d, kMax);
  if (distinct < kMax) {
    throw new RangeError(`${fn}: k = ${kMax} exceeds the number of distinct rows (${distinct})`);
  }
  return { kMin, kMax, restarts, seed, maxIterations };
}

/** Distinct rows of x, counting stops at `limit` (usually reached within the first rows). */
function countDistinctRows(x: Float64Array, n: number, d: number, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < n && seen.size < limit; i++) {
    seen.add(x.subarray(i * d, i * d + d).join(','));
  }
  return seen.size;
}

/**
 * The seed of one restart, a function of (seed, k, restart) only.
 *
 * @param seed - master seed
 * @param k - number of clusters
 * @param restart - restart index from 0
 * @returns an unsigned 32-bit integer seed for ml-kmeans
 */
export function restartSeed(seed: number | string, k: number, restart: number): number {
  // Hashing the triple through seedrandom keeps nearby triples' streams unrelated. (The seed was
  // once ml-kmeans'; it now seeds kmeans-plus-plus.ts, unchanged, so fits stay the same.)
  return seedrandom(`musika/kmeans:${String(seed)}:${k}:${restart}`).int32() >>> 0;
}

/**
 * One restart: greedy k-means++ seeding with the given seed (kmeans-plus-plus.ts), Lloyd's
 * iterations from there (lloyd.ts), then a final assignment step.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param k - number of clusters
 * @param runSeed - seed as from {@link restartSeed}
 * @param maxIterations - Lloyd iterations at most
 * @returns the restart's labels, centroids and inertia
 */
export function kmeansRestart(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  runSeed: number,
  maxIterations: number,
): KmeansResult {
  const start = Float64Array.from(kmeansPlusPlus(x, n, d, k, runSeed).flat());
  const { centroids, labels } = lloyd(x, n, d, k, start, maxIterations);
  return { labels, centroids, inertia: inertiaOf(x, n, d, labels, centroids) };
}

/**
 * Whether a restart's result beats the best so far: lower inertia, or equal inertia and an
 * earlier restart. Comparing the restart index makes the choice independent of the order in
 * which results arrive.
 *
 * @param inertia - candidate's inertia
 * @param restart - candidate's restart index
 * @param bestInertia - best inertia so far (Infinity for none)
 * @param bestRestart - its restart index
 * @returns true when the candidate should replace the best
 */
export function beats(inertia: number, restart: number, bestInertia: number, bestRestart: number): boolean {
  return inertia < bestInertia || (inertia === bestInertia && restart < bestRestart);
}

function sweepRows(x: Float64Array, n: number, d: number, plan: SweepPlan): KmeansFit[] {
  const fits: KmeansFit[] = [];
  for (let k = plan.kMin; k <= plan.kMax; k++) {
    let best: KmeansResult | undefined;
    let bestRestart = -1;
    for (let r = 0; r < plan.restarts; r++) {
      const seed = restartSeed(plan.seed, k, r);
      const res = kmeansRestart(x, n, d, k, seed, plan.maxIterations);
      if (best === undefined || beats(res.inertia, r, best.inertia, bestRestart)) {
        best = res;
        bestRestart = r;
      }
    }
    fits.push({ k, ...(best as KmeansResult) });
  }
  return fits;
}

/**
 * Labels every row with its nearest centroid (squared Euclidean; the lowest index wins a tie, as
 * in ml-kmeans). The assignment step of k-means, also used to predict held-out rows with the
 * centroids of another fit (prediction-strength.ts).
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param centroids - k x d centroids, row-major
 * @param k - number of centroids
 * @returns the nearest centroid's index per row
 */
export function nearestCentroid(x: Float64Array, n: number, d: number, centroids: Float64Array, k: number): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDist = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const e = x[i * d + t] - centroids[c * d + t];
        s += e * e;
      }
      if (s < bestDist) {
        bestDist = s;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}
