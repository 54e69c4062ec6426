/**
 * Lloyd's k-means iterations on a row-major Float64Array, step for step those of ml-kmeans 7
 * (`kmeans(rows, k, { initialization, maxIterations })` with its default tolerance 1e-6 and
 * squared Euclidean distance), so the centroids are bit-identical to ml-kmeans' from the same
 * start:
 *  - every row goes to its nearest centroid (squared distance summed over the columns in order;
 *    the lowest index wins a tie);
 *  - each centroid becomes the mean of its rows, summed in row order; an empty one stays put;
 *  - it stops when no centroid moved by more than the tolerance (squared), or after maxIterations.
 *
 * Why not ml-kmeans itself: it was nearly half the CPU of `analyze` at 100k traders (the sweep's
 * and prediction strength's 2,000-odd restarts), and it recomputes every row's distance to every
 * centroid at every step. Here the assignment skips, by Hamerly's bounds (Hamerly 2010, "Making
 * k-means even faster", SDM), the rows whose nearest centroid cannot have changed: an upper bound
 * on the distance to its own centroid and a lower bound on the distance to any other, both moved
 * by how far the centroids moved. A row is skipped only when its own centroid is nearer than any
 * other by more than SLACK (far above the rounding of the bounds), so a near tie is always
 * computed in full, with exactly ml-kmeans' arithmetic and tie rule: the labels, and so the
 * centroids, are the same bits as without the bounds. A full assignment computes four centroids'
 * distances at once (four independent sums, each over the columns in order, so the same bits).
 *
 * Measured (CPU, on the 100k-trader run's standardised traders, compared bit for bit): 110
 * restarts on 2,000 traders, the Lloyd part 1.17 s with ml-kmeans, 0.45 s here; the sweep of
 * k = 2..12 x 10 restarts on 20,000 traders 22.8 s before, 8.5 s; its refinement on all 94,218
 * traders (kmeans-refine.ts) 4.1 s before, 1.0 s.
 */

import { squaredDistance } from './squared-distance.ts';

/** ml-kmeans' default tolerance: the largest squared centroid move of a converged step. */
export const LLOYD_TOLERANCE = 1e-6;

/**
 * Margin of a skipped row, relative to the data's scale: its bounds must separate its own
 * centroid from every other by more than this. The bounds' rounding is about 1e-15 of the scale
 * per step, so 300 steps stay below 1e-12.
 */
const SLACK = 1e-9;

/**
 * Runs Lloyd's iterations from `start`: the final centroids (ml-kmeans' `centroids`) and labels.
 *
 * @param x - feature matrix, row-major n x d, finite
 * @param n - number of rows
 * @param d - number of columns
 * @param k - number of centroids
 * @param start - k x d initial centroids, row-major (not modified)
 * @param maxIterations - steps at most (at least 1)
 * @param tolerance - largest squared move of a converged centroid
 * @returns k x d centroids; each row's nearest of them (lowest index on a tie, as
 *   nearestCentroid: one more assignment after the last update); the number of updates run
 */
export function lloyd(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  start: Float64Array,
  maxIterations: number,
  tolerance = LLOYD_TOLERANCE,
): { centroids: Float64Array; labels: Int32Array; iterations: number } {
  let centres = Float64Array.from(start);
  let next = new Float64Array(k * d);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const counts = new Float64Array(k);
  const moved = new Float64Array(k);
  const halfGap = new Float64Array(k);
  const slack = SLACK * (1 + scaleOf(x, start, d));
  const nearest = { best: 0, bestDist: 0, second: 0 };
  let step = 0;
  let last = maxIterations;
  for (;;) {
    if (step > 0) halfGaps(centres, k, d, halfGap);
    for (let i = 0; i < n; i++) {
      if (step > 0) {
        const a = labels[i];
        const m = halfGap[a] > lower[i] ? halfGap[a] : lower[i];
        if (upper[i] + slack < m) continue;
        upper[i] = Math.sqrt(squaredDistance(x, i * d, centres, a * d, d));
        if (upper[i] + slack < m) continue;
      }
      nearestTwo(x, i * d, centres, k, d, nearest);
      labels[i] = nearest.best;
      upper[i] = Math.sqrt(nearest.bestDist);
      lower[i] = Math.sqrt(nearest.second);
    }
    // The last assignment labels the rows by the final centroids (see below).
    if (step === last) break;
    next.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      const row = i * d;
      const base = c * d;
      for (let t = 0; t < d; t++) next[base + t] += x[row + t];
    }
    let converged = true;
    for (let c = 0; c < k; c++) {
      const base = c * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = counts[c] > 0 ? next[base + t] / counts[c] : centres[base + t];
        next[base + t] = v;
        const e = v - centres[base + t];
        s += e * e;
      }
      if (s > tolerance) converged = false;
      moved[c] = Math.sqrt(s);
    }
    [centres, next] = [next, centres];
    step++;
    moveBounds(labels, upper, lower, moved, n, k);
    // One more assignment, by the same bounds, gives the labels of the final centroids.
    if (converged) last = step;
  }
  return { centroids: centres, labels, iterations: step };
}

/** The largest |value| of the data and the start, times sqrt(d): the scale of the distances. */
function scaleOf(x: Float64Array, start: Float64Array, d: number): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  for (let i = 0; i < start.length; i++) m = Math.max(m, Math.abs(start[i]));
  return m * Math.sqrt(d);
}

/** Half the distance from each centroid to its nearest other centroid. */
function halfGaps(centres: Float64Array, k: number, d: number, out: Float64Array): void {
  out.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const g = Math.sqrt(squaredDistance(centres, a * d, centres, b * d, d)) / 2;
      if (g < out[a]) out[a] = g;
      if (g < out[b]) out[b] = g;
    }
  }
}

/**
 * After the centroids moved: a row's own centroid is at most moved[own] farther, any other at
 * most the largest move of the others nearer.
 */
function moveBounds(
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  moved: Float64Array,
  n: number,
  k: number,
): void {
  let first = 0;
  for (let c = 1; c < k; c++) if (moved[c] > moved[first]) first = c;
  let second = 0;
  for (let c = 0; c < k; c++) if (c !== first && moved[c] > second) second = moved[c];
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    upper[i] += moved[a];
    lower[i] -= a === first ? second : moved[first];
  }
}

/**
 * The nearest centroid of row `row` (lowest index on a tie), its squared distance and the second
 * smallest squared distance. Four centroids at a time: four independent sums, each in column
 * order, so each distance has the same bits as one summed alone.
 */
function nearestTwo(
  x: Float64Array,
  row: number,
  centres: Float64Array,
  k: number,
  d: number,
  out: { best: number; bestDist: number; second: number },
): void {
  let best = 0;
  let bestDist = Infinity;
  let second = Infinity;
  let c = 0;
  for (; c + 3 < k; c += 4) {
    const b0 = c * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const u = x[row + t];
      let e = u - centres[b0 + t];
      s0 += e * e;
      e = u - centres[b1 + t];
      s1 += e * e;
      e = u - centres[b2 + t];
      s2 += e * e;
      e = u - centres[b3 + t];
      s3 += e * e;
    }
    // In index order, so the lowest index keeps a tie.
    if (s0 < bestDist) {
      second = bestDist;
      bestDist = s0;
      best = c;
    } else if (s0 < second) second = s0;
    if (s1 < bestDist) {
      second = bestDist;
      bestDist = s1;
      best = c + 1;
    } else if (s1 < second) second = s1;
    if (s2 < bestDist) {
      second = bestDist;
      bestDist = s2;
      best = c + 2;
    } else if (s2 < second) second = s2;
    if (s3 < bestDist) {
      second = bestDist;
      bestDist = s3;
      best = c + 3;
    } else if (s3 < second) second = s3;
  }
  for (; c < k; c++) {
    const s = squaredDistance(x, row, centres, c * d, d);
    if (s < bestDist) {
      second = bestDist;
      bestDist = s;
      best = c;
    } else if (s < second) second = s;
  }
  out.best = best;
  out.bestDist = bestDist;
  out.second = second;
}
