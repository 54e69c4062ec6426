/**
 * Sampled restarts for large runs: the k-means++ restarts of the sweep run on a seeded sample of
 * the traders, and the best restart's centroids are then refined by Lloyd iterations on every
 * trader. The restarts only choose a basin; the refinement makes the clustering one of all the
 * traders, so labels, inertia and the indices are computed on everyone. One thread, typed
 * arrays, a fixed order of operations: the same result for any thread count.
 */

/**
 * Lloyd's algorithm from `start` (k x d centroids) on x (n x d) until no label changes or
 * `maxIterations`. A cluster left empty keeps its centroid (as ml-kmeans does). Ties go to the
 * lowest centroid index.
 */
export function refineKmeans(x: Float64Array, n: number, d: number, start: Float64Array, k: number, maxIterations = 300): { labels: Int32Array; centroids: Float64Array; inertia: number; iterations: number } {
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
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j] / counts[c];
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
