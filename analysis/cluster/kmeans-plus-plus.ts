/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the local trials of
 * scikit-learn's `_kmeans_plusplus`, which ml-kmeans also follows): the first centre is a
 * uniformly drawn row; each further centre is the best, by resulting potential, of
 * 2 + floor(ln k) rows drawn with probability proportional to their squared distance to the
 * nearest centre chosen so far.
 *
 * Why not ml-kmeans' own 'kmeans++': it is the same algorithm, but it copies every row out of
 * an ml-matrix Matrix on every distance (Matrix.getRow allocates), which made it about a third
 * of the whole k = 2..12 x 10 restart sweep on 10,000 x 12, plus most of the garbage
 * collection. This version works on the Float64Array directly; the centres it returns are
 * passed to ml-kmeans as its initialisation, and the Lloyd iterations are ml-kmeans'.
 */

import seedrandom from 'seedrandom';
import { assertCount, assertMatrix } from '../common/index.ts';

/**
 * Chooses k initial centres by greedy k-means++.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param k - number of centres, 1..n; x must have at least k distinct rows
 * @param seed - seedrandom seed; the same seed always gives the same centres
 * @returns k arrays of d numbers (the form ml-kmeans takes as `initialization`)
 * @throws RangeError when x is malformed or k is not in 1..n
 */
export function kmeansPlusPlus(x: Float64Array, n: number, d: number, k: number, seed: number | string): number[][] {
  assertMatrix('kmeansPlusPlus', x, n, d);
  assertCount('kmeansPlusPlus', 'k', k, 1);
  if (k > n) throw new RangeError(`kmeansPlusPlus: k = ${k} exceeds n = ${n}`);
  const rng = seedrandom(`musika/kmeans++:${String(seed)}`);
  const trials = 2 + Math.floor(Math.log(k));
  const centres: number[][] = [];

  const first = Math.min(n - 1, Math.floor(rng.double() * n));
  centres.push(row(x, d, first));
  let closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(x, d, i, first);

  const cumulative = new Float64Array(n);
  let trial = new Float64Array(n);
  let bestTrial = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += closest[i];
      cumulative[i] = sum;
    }
    let bestPotential = Infinity;
    let bestRow = -1;
    for (let t = 0; t < trials; t++) {
      const candidate = searchCumulative(cumulative, rng.double() * sum);
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const q = squaredDistance(x, d, i, candidate);
        const m = q < closest[i] ? q : closest[i];
        trial[i] = m;
        pot += m;
      }
      // Strict < keeps the earliest of equal candidates, as numpy's argmin does.
      if (pot < bestPotential) {
        bestPotential = pot;
        bestRow = candidate;
        [trial, bestTrial] = [bestTrial, trial];
      }
    }
    centres.push(row(x, d, bestRow));
    [closest, bestTrial] = [bestTrial, closest];
  }
  return centres;
}

/** First index whose cumulative weight exceeds `target` (numpy searchsorted, clipped). */
function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function row(x: Float64Array, d: number, i: number): number[] {
  return Array.from(x.subarray(i * d, i * d + d));
}

function squaredDistance(x: Float64Array, d: number, i: number, j: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const e = x[i * d + t] - x[j * d + t];
    s += e * e;
  }
  return s;
}
