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
 * collection. This version works on the Float64Array directly, and the Lloyd iterations that
 * follow are lloyd.ts's. The trials of one centre are drawn first (the weights do not change
 * between them) and scored in one pass, four candidates per loaded row: the same draws and sums,
 * so the same centres, for a third less time (measured on 2,000 of the 100k-trader run's
 * traders, k = 2..12 x 10 seeds: 0.21 s of CPU before, 0.14 s after).
 */

import seedrandom from 'seedrandom';
import { assertCount, assertMatrix } from '../common/index.ts';
import { squaredDistance } from './squared-distance.ts';

/**
 * Chooses k initial centres by greedy k-means++.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param k - number of centres, 1..n; x must have at least k distinct rows
 * @param seed - seedrandom seed; the same seed always gives the same centres
 * @returns k arrays of d numbers
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
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(x, i * d, x, first * d, d);

  const cumulative = new Float64Array(n);
  // Each trial's min(distance, closest) per row; the winner's becomes `closest`.
  const mins = Array.from({ length: trials }, () => new Float64Array(n));
  const pots = new Float64Array(trials);
  const candidates = new Int32Array(trials);
  for (let c = 1; c < k; c++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += closest[i];
      cumulative[i] = sum;
    }
    // The weights do not change between the trials, so every candidate can be drawn first (the
    // same draws in the same order) and all of them compared with each row in one pass.
    for (let t = 0; t < trials; t++) candidates[t] = searchCumulative(cumulative, rng.double() * sum);
    pots.fill(0);
    for (let t0 = 0; t0 < trials; t0 += 4) trialPotentials(x, n, d, closest, candidates, t0, trials, mins, pots);
    // Strict < keeps the earliest of equal candidates, as numpy's argmin does.
    let best = 0;
    for (let t = 1; t < trials; t++) if (pots[t] < pots[best]) best = t;
    centres.push(row(x, d, candidates[best]));
    [closest, mins[best]] = [mins[best], closest];
  }
  return centres;
}

/**
 * For trials t0..t0+3 (those below `trials`): per row min(squared distance to the candidate,
 * closest) into mins[t], and its sum over the rows, in row order, into pots[t]. Four candidates
 * share each row's loads and keep four independent sums; each distance is summed over the columns
 * in order, so its bits are those of {@link squaredDistance}.
 */
function trialPotentials(
  x: Float64Array,
  n: number,
  d: number,
  closest: Float64Array,
  candidates: Int32Array,
  t0: number,
  trials: number,
  mins: Float64Array[],
  pots: Float64Array,
): void {
  // Missing candidates repeat the last one; their results are not kept.
  const at = (t: number): number => candidates[Math.min(t, trials - 1)] * d;
  const c0 = at(t0);
  const c1 = at(t0 + 1);
  const c2 = at(t0 + 2);
  const c3 = at(t0 + 3);
  const m0 = mins[t0];
  const m1 = mins[Math.min(t0 + 1, trials - 1)];
  const m2 = mins[Math.min(t0 + 2, trials - 1)];
  const m3 = mins[Math.min(t0 + 3, trials - 1)];
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  for (let i = 0; i < n; i++) {
    const r = i * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const u = x[r + t];
      let e = u - x[c0 + t];
      s0 += e * e;
      e = u - x[c1 + t];
      s1 += e * e;
      e = u - x[c2 + t];
      s2 += e * e;
      e = u - x[c3 + t];
      s3 += e * e;
    }
    const q = closest[i];
    s0 = s0 < q ? s0 : q;
    s1 = s1 < q ? s1 : q;
    s2 = s2 < q ? s2 : q;
    s3 = s3 < q ? s3 : q;
    p0 += s0;
    p1 += s1;
    p2 += s2;
    p3 += s3;
    // Written from the last to the first, so a repeated candidate's array ends with its own value.
    m3[i] = s3;
    m2[i] = s2;
    m1[i] = s1;
    m0[i] = s0;
  }
  const all = [p0, p1, p2, p3];
  for (let t = t0; t < Math.min(t0 + 4, trials); t++) pots[t] = all[t - t0];
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
