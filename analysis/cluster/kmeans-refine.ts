/**
 * Sampled restarts for large runs: the k-means++ restarts of the sweep run on a seeded sample of
 * the traders, and the best restart's centroids are then refined by Lloyd iterations on every
 * trader. The restarts only choose a basin; the refinement makes the clustering one of all the
 * traders, so labels, inertia and the indices are computed on everyone. One thread, typed
 * arrays, a fixed order of operations: the same result for any thread count.
 */

/**
 * Iterations of the refinement at most: it starts from a restart converged on a 20,000-trader
 * sample, so the centroids only need to settle on the rest, not to be found.
 */
export const REFINE_MAX_ITERATIONS = 30;
/** Largest squared centroid shift (in standardised units, so 0.01 sd) that counts as settled. */
export const REFINE_TOLERANCE = 1e-4;

/**
 * Lloyd's algorithm from `start` (k x d centroids) on x (n x d) until no label changes, no centroid
 * moves by more than `tolerance` (squared distance), or `maxIterations`. On 94k traders a few labels
 * keep flipping between neighbouring clusters long after the centroids have settled, so the
 * tolerance is what stops it. A cluster left empty keeps its centroid (as
 * ml-kmeans does). Ties go to the lowest centroid index.
 */
export function refineKmeans(
  x: Float64Array,
  n: number,
  d: number,
  start: Float64Array,
  k: number,
  maxIterations = REFINE_MAX_ITERATIONS,
  tolerance = REFINE_TOLERANCE,
): { labels: Int32Array; centroids: Float64Array; inertia: number; iterations: number } {
  const centroids = Float64Array.from(start);
  const labels = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = 0;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let best = 0;
      let bestDist = Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        const base = c * d;
        for (let j = 0; j < d; j++) {
          const diff = x[row + j] - centroids[base + j];
          s += diff * diff;
        }
        if (s < bestDist) {
          bestDist = s;
          best = c;
        }
      }
      if (labels[i] !== best) {
        labels[i] = best;
        changed++;
      }
      counts[best]++;
      const base = best * d;
      for (let j = 0; j < d; j++) sums[base + j] += x[row + j];
    }
    if (changed === 0) break;
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      let moved = 0;
      for (let j = 0; j < d; j++) {
        const next = sums[c * d + j] / counts[c];
        moved += (next - centroids[c * d + j]) ** 2;
        centroids[c * d + j] = next;
      }
      if (moved > shift) shift = moved;
    }
    if (shift <= tolerance) {
      iterations++;
      break;
    }
  }
  // Inertia against the final centroids, with the labels they give (consistent, as in kmeans-sweep.ts).
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let best = 0;
    let bestDist = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = x[row + j] - centroids[c * d + j];
        s += diff * diff;
      }
      if (s < bestDist) {
        bestDist = s;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestDist;
  }
  return { labels, centroids, inertia, iterations };
}
