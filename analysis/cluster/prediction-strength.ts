/**
 * Prediction strength (Tibshirani & Walther 2005, "Cluster validation by prediction strength",
 * JCGS 14(3)): how well a clustering into k groups can be predicted from an independent sample.
 *
 * For each of several seeded random splits of the rows into a training and a test half, both
 * halves are clustered (best of k-means++ restarts, the sweep's own code); every test row is then
 * assigned to the nearest centroid of the training half. For each test cluster, the share of its
 * pairs of rows that the training centroids also put together is its co-membership proportion;
 * the split's prediction strength is the smallest of those proportions (the worst-predicted
 * cluster), and the score of k is their mean over the splits.
 *
 * Why beside the silhouette: the silhouette measures compactness, and on realistic data its curve
 * is a plateau whose maximum can sit at a k that merges real segments. Prediction strength asks
 * whether the clusters are reproducible at all: real groups are found again in an independent
 * half, arbitrary cuts of a cloud are not, so uniform noise scores low for every k >= 2.
 *
 * Thread count never changes a result: the halves are drawn on the calling thread from the seed
 * alone, and the halves' fits come from sweepSetsParallel (all halves in one queue of restarts),
 * whose restarts are keyed by (half's seed, k, restart) and identical to the serial sweep's.
 */

import { availableParallelism } from 'node:os';
import { shuffler } from 'd3-array';
import seedrandom from 'seedrandom';
import { nearestCentroid } from './kmeans-sweep.ts';
import { sweepSetsParallel, type KmeansThreadsOptions } from './kmeans-sweep-parallel.ts';
import { sampleIndices } from './silhouette-parallel.ts';
import { assertCount, assertLabels, assertMatrix } from '../common/index.ts';
import { createWorkerPool } from './worker-pool.ts';

/** Options of {@link predictionStrength}. */
export interface PredictionStrengthOptions extends KmeansThreadsOptions {
  /** Smallest k scored. Default 2. */
  kMin?: number;
  /** Largest k scored. Default 12. */
  kMax?: number;
  /** Random half-splits; at least 2 (an sd needs two). Default {@link DEFAULT_PS_SPLITS}. */
  splits?: number;
  /** k-means++ restarts per half and k (the lowest inertia is kept). Default 10. */
  restarts?: number;
  /** Lloyd iterations per restart at most. Default 300. */
  maxIterations?: number;
  /** Master seed of the subsample, the splits and the restarts. */
  seed: number | string;
  /** Above this many rows, a seeded subsample of this size is split. Default {@link DEFAULT_PS_SAMPLE}. */
  sample?: number;
}

/** Prediction strength of one k. */
export interface PredictionStrengthK {
  k: number;
  /** Mean over the splits. */
  mean: number;
  /** Sample standard deviation over the splits (n - 1 in the denominator). */
  sd: number;
  /** The value of every split, in split order. */
  splits: number[];
}

/** What {@link predictionStrength} computed, and on what. */
export interface PredictionStrengthResult {
  perK: PredictionStrengthK[];
  /** Rows split (the subsample's size, or all rows). */
  rows: number;
  /** Rows available. */
  of: number;
  /** Whether every row was used (no subsample). */
  exact: boolean;
  /** Seed of the subsample ('' when exact). */
  sampleSeed: string;
  splits: number;
  restarts: number;
  seed: string;
}

/** Ten splits: the lower bound the issue set, and enough for an sd of the mean of about 0.01-0.03 here. */
export const DEFAULT_PS_SPLITS = 10;

/**
 * Rows split at most; above it a seeded subsample. Prediction strength clusters 2 x splits halves
 * per k, about splits times the sweep's work on the same rows; at 4,000 rows (halves of 2,000)
 * it costs a few seconds whatever n is, which kept `analyze` at 100k traders x 26 weeks within
 * 20% of its time without it (README, Analysis). 2,000 traders are split whole.
 */
export const DEFAULT_PS_SAMPLE = 4_000;

/**
 * Co-membership proportions of one split: for each test cluster j with at least two rows, the
 * share of its pairs whose rows have the same predicted (training-centroid) label.
 *
 * @param testLabels - the test half's own cluster per row, 0..k-1
 * @param predicted - the training half's nearest centroid per test row, 0..k-1
 * @param k - number of clusters
 * @returns per test cluster the proportion, NaN for a cluster of fewer than 2 rows (no pair)
 * @throws RangeError when the label arrays are malformed
 */
export function coMembership(testLabels: Int32Array, predicted: Int32Array, k: number): Float64Array {
  const fn = 'coMembership';
  assertLabels(fn, testLabels, testLabels.length, k);
  assertLabels(fn, predicted, testLabels.length, k);
  const counts = new Float64Array(k * k);
  const size = new Float64Array(k);
  for (let i = 0; i < testLabels.length; i++) {
    counts[testLabels[i] * k + predicted[i]]++;
    size[testLabels[i]]++;
  }
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    // Pairs counted as m(m-1), both numerator and denominator: the halves cancel exactly.
    let together = 0;
    for (let c = 0; c < k; c++) together += counts[j * k + c] * (counts[j * k + c] - 1);
    out[j] = size[j] >= 2 ? together / (size[j] * (size[j] - 1)) : NaN;
  }
  return out;
}

/**
 * The prediction strength of one split: the smallest co-membership proportion over the test
 * clusters with at least two rows (a singleton has no pair to predict; the paper's formula is
 * undefined there). 1 when no cluster has two rows.
 *
 * @param test - test half, row-major nTest x d
 * @param nTest - rows of the test half
 * @param d - columns
 * @param testLabels - the test half's own clustering, 0..k-1
 * @param trainCentroids - the training half's k x d centroids
 * @param k - number of clusters
 * @returns the split's prediction strength, in [0, 1]
 */
export function splitStrength(
  test: Float64Array,
  nTest: number,
  d: number,
  testLabels: Int32Array,
  trainCentroids: Float64Array,
  k: number,
): number {
  const predicted = nearestCentroid(test, nTest, d, trainCentroids, k);
  let min = 1;
  for (const p of coMembership(testLabels, predicted, k)) if (p < min) min = p;
  return min;
}

/**
 * The seeded halves of split `s`: a Fisher-Yates shuffle of 0..m-1 (d3-array's shuffler on a
 * seedrandom stream keyed by seed and s); the first floor(m/2) are the training half.
 *
 * @param m - rows to split
 * @param seed - master seed
 * @param s - split index
 * @returns the training and test halves' row indices, each increasing
 */
export function halves(m: number, seed: number | string, s: number): { train: Int32Array; test: Int32Array } {
  const order = Int32Array.from({ length: m }, (_, i) => i);
  shuffler(seedrandom(`musika/prediction-strength:${String(seed)}:split:${s}`))(order);
  const h = Math.floor(m / 2);
  // Sorted so each half keeps the rows' original order (any order gives the same fits up to labels).
  return { train: order.slice(0, h).sort(), test: order.slice(h).sort() };
}

/**
 * Prediction strength for every k in kMin..kMax.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param options - seed (required), kMin, kMax, splits, restarts, maxIterations, sample,
 *   threads and pool (as sweepKParallel)
 * @returns per k the mean, sd and every split's value, and what was split
 * @throws RangeError when inputs are malformed or a half has fewer distinct rows than kMax
 */
export async function predictionStrength(
  x: Float64Array,
  n: number,
  d: number,
  options: PredictionStrengthOptions,
): Promise<PredictionStrengthResult> {
  const fn = 'predictionStrength';
  assertMatrix(fn, x, n, d);
  const {
    kMin = 2,
    kMax = 12,
    splits = DEFAULT_PS_SPLITS,
    restarts = 10,
    maxIterations = 300,
    sample = DEFAULT_PS_SAMPLE,
    seed,
  } = options;
  if (typeof seed !== 'number' && typeof seed !== 'string') {
    throw new TypeError(`${fn}: options.seed must be a number or string, got ${String(seed)}`);
  }
  assertCount(fn, 'kMin', kMin, 1);
  assertCount(fn, 'kMax', kMax, kMin);
  assertCount(fn, 'options.splits', splits, 2);
  assertCount(fn, 'options.sample', sample, 2);
  const exact = n <= sample;
  const sampleSeed = exact ? '' : `${String(seed)}/prediction-strength`;
  const rows = exact ? null : sampleIndices(n, sample, sampleSeed);
  const m = rows ? rows.length : n;
  if (Math.floor(m / 2) < kMax) throw new RangeError(`${fn}: halves of ${m} rows are too small for k = ${kMax}`);
  const xs = rows ? gather(x, d, rows) : x;

  const threads = options.threads ?? availableParallelism();
  assertCount(fn, 'options.threads', threads, 1);
  const pool = threads > 1 ? (options.pool ?? createWorkerPool(threads - 1)) : undefined;
  const values: number[][] = Array.from({ length: kMax - kMin + 1 }, () => []);
  try {
    // Every split's two halves, each with its own restart seeds so the two fits are independent
    // clusterings, swept in one queue over the threads (no wait for the slowest restart per half).
    const splitHalves = Array.from({ length: splits }, (_, s) => halves(m, seed, s));
    const sets = splitHalves.flatMap(({ train, test }, s) => [
      { x: gather(xs, d, train), n: train.length, seed: `${String(seed)}/ps/${s}/train` },
      { x: gather(xs, d, test), n: test.length, seed: `${String(seed)}/ps/${s}/test` },
    ]);
    const fits = await sweepSetsParallel(sets, d, { kMin, kMax, restarts, maxIterations, threads, pool });
    for (let s = 0; s < splits; s++) {
      const [trainFits, testFits] = [fits[2 * s], fits[2 * s + 1]];
      const test = sets[2 * s + 1];
      for (let i = 0; i < trainFits.length; i++) {
        const k = kMin + i;
        values[i].push(splitStrength(test.x, test.n, d, testFits[i].labels, trainFits[i].centroids, k));
      }
    }
  } finally {
    // close, not destroy: see analyze.ts (runs that found no work may still be in flight).
    if (pool && options.pool === undefined) await pool.close();
  }
  const perK = values.map((v, i) => {
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (v.length - 1));
    return { k: kMin + i, mean, sd, splits: v };
  });
  return { perK, rows: m, of: n, exact, sampleSeed, splits, restarts, seed: String(seed) };
}

function gather(x: Float64Array, d: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) out.set(x.subarray(rows[r] * d, rows[r] * d + d), r * d);
  return out;
}
