/**
 * Sampled restarts for large runs: the k-means++ restarts of the sweep run on a seeded sample of
 * the traders, and the best restart's centroids are then refined by Lloyd iterations on every
 * trader. The restarts only choose a basin; the refinement makes the clustering one of all the
 * traders, so labels, inertia and the indices are computed on everyone. One thread, typed
 * arrays, a fixed order of operations: the same result for any thread count.
 */
import { inertia } from './cluster-indices.ts';
import { lloyd } from './lloyd.ts';

/**
 * Iterations of the refinement at most: it starts from a restart converged on a 20,000-trader
 * sample, so the centroids only need to settle on the rest, not to be found.
 */
export const REFINE_MAX_ITERATIONS = 30;
/** Largest squared centroid shift (in standardised units, so 0.01 sd) that counts as settled. */
export const REFINE_TOLERANCE = 1e-4;

/**
 * Lloyd's algorithm from `start` (k x d centroids) on x (n x d) until no centroid moves by more
 * than `tolerance` (squared distance), or `maxIterations` (lloyd.ts, which also stops when no label
 * changes: the centroids then do not move). On 94k traders a few labels keep flipping between
 * neighbouring clusters long after the centroids have settled, so the tolerance is what stops it.
 * A cluster left empty keeps its centroid. Ties go to the lowest centroid index.
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
  // Labels and inertia against the final centroids (consistent, as in kmeans-sweep.ts).
  const { centroids, labels, iterations } = lloyd(x, n, d, k, start, maxIterations, tolerance);
  return { labels, centroids, inertia: inertia(x, n, d, labels, centroids), iterations };
}
