/**
 * Internal cluster-validity indices computed from the features and a labelling, with
 * scikit-learn's definitions: inertia (KMeans.inertia_), Calinski-Harabasz
 * (calinski_harabasz_score) and Davies-Bouldin (davies_bouldin_score).
 *
 * As in scikit-learn, the number of clusters k is the number of distinct labels present;
 * ids in 0..max with no members are ignored.
 */

import { assertLabels, assertMatrix } from '../common/index.ts';
import { squaredDistance } from './squared-distance.ts';

/**
 * Within-cluster sum of squared Euclidean distances to the centroids.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param labels - cluster id per row
 * @param centroids - optional k x d row-major centroids (e.g. from k-means); when omitted the
 *   cluster means are used
 * @returns sum over i of ||x_i - centroid(labels[i])||^2
 * @throws RangeError when inputs are malformed or a label has no centroid row
 */
export function inertia(x: Float64Array, n: number, d: number, labels: Int32Array, centroids?: Float64Array): number {
  const fn = 'inertia';
  assertMatrix(fn, x, n, d);
  let c: Float64Array;
  if (centroids === undefined) {
    const k = assertLabels(fn, labels, n);
    c = clusterMeans(x, n, d, labels, k).means;
  } else {
    if (!(centroids instanceof Float64Array) || centroids.length % d !== 0) {
      throw new RangeError(
        `${fn}: centroids must be a Float64Array of k x d = k x ${d} values, got length ${
          (centroids as { length?: number } | null)?.length
        }`,
      );
    }
    assertLabels(fn, labels, n, centroids.length / d);
    c = centroids;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += squaredDistance(x, i * d, c, labels[i] * d, d);
  return total;
}

/**
 * Calinski-Harabasz index (variance ratio criterion):
 *   CH = [B / (k - 1)] / [W / (n - k)],
 * B = sum_c n_c ||m_c - m||^2 (between-cluster dispersion), W = sum_i ||x_i - m_{c(i)}||^2
 * (within). Returns 1 when W = 0, as scikit-learn does.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param labels - cluster id per row
 * @returns the index (higher is better)
 * @throws RangeError unless 2 <= k <= n - 1
 */
export function calinskiHarabasz(x: Float64Array, n: number, d: number, labels: Int32Array): number {
  const fn = 'calinskiHarabasz';
  assertMatrix(fn, x, n, d);
  const maxK = assertLabels(fn, labels, n);
  const { means, counts } = clusterMeans(x, n, d, labels, maxK);
  const k = checkClusterCount(fn, counts, n);
  const overall = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) overall[t] += x[i * d + t];
  for (let t = 0; t < d; t++) overall[t] /= n;
  let between = 0;
  for (let c = 0; c < maxK; c++) {
    if (counts[c] > 0) between += counts[c] * squaredDistance(means, c * d, overall, 0, d);
  }
  let within = 0;
  for (let i = 0; i < n; i++) within += squaredDistance(x, i * d, means, labels[i] * d, d);
  if (within === 0) return 1;
  return (between * (n - k)) / (within * (k - 1));
}

/**
 * Davies-Bouldin index: the mean over clusters i of max_{j != i} (s_i + s_j) / d(m_i, m_j),
 * s_i the mean Euclidean distance of cluster i's members to its mean m_i.
 * As in scikit-learn: 0 when every s_i or every centroid distance is within 1e-8 of 0
 * (numpy.allclose), and pairs of coincident centroids (distance exactly 0) are skipped.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param labels - cluster id per row
 * @returns the index (lower is better, 0 is the minimum)
 * @throws RangeError unless 2 <= k <= n - 1
 */
export function daviesBouldin(x: Float64Array, n: number, d: number, labels: Int32Array): number {
  const fn = 'daviesBouldin';
  assertMatrix(fn, x, n, d);
  const maxK = assertLabels(fn, labels, n);
  const { means, counts } = clusterMeans(x, n, d, labels, maxK);
  const k = checkClusterCount(fn, counts, n);

  // Compact the non-empty clusters so the index is over k clusters, not maxK ids.
  const ids: number[] = [];
  for (let c = 0; c < maxK; c++) if (counts[c] > 0) ids.push(c);
  const scatter = new Float64Array(maxK);
  for (let i = 0; i < n; i++) {
    scatter[labels[i]] += Math.sqrt(squaredDistance(x, i * d, means, labels[i] * d, d));
  }
  for (const c of ids) scatter[c] /= counts[c];

  const ALLCLOSE = 1e-8;
  let allScatterZero = true;
  for (const c of ids) if (Math.abs(scatter[c]) > ALLCLOSE) allScatterZero = false;
  const sep = new Float64Array(k * k);
  let allSepZero = true;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const v = Math.sqrt(squaredDistance(means, ids[a] * d, means, ids[b] * d, d));
      sep[a * k + b] = v;
      if (v > ALLCLOSE) allSepZero = false;
    }
  }
  if (allScatterZero || allSepZero) return 0;

  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = -Infinity;
    for (let b = 0; b < k; b++) {
      const dist = sep[a * k + b];
      // scikit-learn sets zero distances (the diagonal, coincident centroids) to infinity,
      // which makes their ratio 0.
      const r = dist === 0 ? 0 : (scatter[ids[a]] + scatter[ids[b]]) / dist;
      if (r > worst) worst = r;
    }
    total += worst;
  }
  return total / k;
}

/** Per-id member counts and means (k x d, row-major; zero rows for empty ids). */
function clusterMeans(
  x: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
): { means: Float64Array; counts: Int32Array } {
  const means = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    counts[c]++;
    for (let t = 0; t < d; t++) means[c * d + t] += x[i * d + t];
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) for (let t = 0; t < d; t++) means[c * d + t] /= counts[c];
  }
  return { means, counts };
}

/** Number of non-empty clusters; scikit-learn requires 2..n-1. */
function checkClusterCount(fn: string, counts: Int32Array, n: number): number {
  let k = 0;
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) k++;
  if (k < 2 || k > n - 1) {
    throw new RangeError(`${fn}: number of clusters is ${k}; valid values are 2 to n - 1 = ${n - 1} (inclusive)`);
  }
  return k;
}
