/**
 * Exact silhouette coefficients (Rousseeuw 1987) with Euclidean distance.
 *
 * For point i in cluster A:
 *   a(i) = mean distance from i to the other members of A,
 *   b(i) = min over clusters C != A of the mean distance from i to the members of C,
 *   s(i) = (b(i) - a(i)) / max(a(i), b(i)),
 * with s(i) = 0 when A is a singleton (Rousseeuw's convention) and s(i) = 0 when
 * a(i) = b(i) = 0 (identical points), where the ratio is 0/0.
 *
 * Cost is O(n^2 d): every row is compared with every row. The kernel is tuned for that:
 *  - rows are copied once into cluster order, so the distances from row i to one cluster are a
 *    contiguous run that is summed in a register instead of being scattered into a k-vector;
 *  - the columns are cut into tiles of COL_TILE points that stay in cache while a block of
 *    ROW_BLOCK rows is compared with them;
 *  - the inner loop handles 2 rows x 4 points at a time: eight independent running sums hide the
 *    latency of the floating-point adds (measured on 20,000 x 12: about 25 ns per pair for the
 *    plain loop, 7 ns with 2 x 2, 6.5 ns with 2 x 4). Direct differences are used rather than
 *    ||x||^2 + ||y||^2 - 2x.y: that trick measured no faster here and loses accuracy by
 *    cancellation when points are close.
 *
 * Determinism: the sum for row i runs over the points of each cluster in the same tiles and the
 * same pairs whatever row range i is computed in, and the one-row path repeats the two-row path's
 * arithmetic exactly, so computing a row range in any split (see silhouette-parallel.ts) gives the
 * same bits as computing all rows at once.
 */

import { assertCount, assertLabels, assertMatrix } from '../common/index.ts';

/** Rows compared together against one column tile. */
const ROW_BLOCK = 64;
/** Points per column tile: 512 x 12 features x 8 bytes = 48 KiB, which stays in L2. */
const COL_TILE = 512;

/** Output of {@link twoRowsTile}; one shared buffer avoids an allocation per tile. */
const tilePair = new Float64Array(2);

/**
 * Silhouette coefficient of every row.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param labels - cluster id per row, 0..k-1 (k = max label + 1; unused ids are allowed)
 * @returns s(i) for each row, each in [-1, 1]
 * @throws RangeError when inputs are malformed or fewer than 2 clusters are non-empty
 */
export function silhouetteSamples(x: Float64Array, n: number, d: number, labels: Int32Array): Float64Array {
  assertMatrix('silhouetteSamples', x, n, d);
  const k = assertLabels('silhouetteSamples', labels, n);
  const out = new Float64Array(n);
  silhouetteRowRange(x, n, d, labels, k, 0, n, out);
  return out;
}

/**
 * Mean silhouette coefficient over all rows (scikit-learn's `silhouette_score`).
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param labels - cluster id per row, 0..k-1
 * @returns mean of {@link silhouetteSamples}
 * @throws RangeError when inputs are malformed or fewer than 2 clusters are non-empty
 */
export function silhouetteScore(x: Float64Array, n: number, d: number, labels: Int32Array): number {
  return mean(silhouetteSamples(x, n, d, labels));
}

/**
 * Mean silhouette per cluster.
 *
 * @param samples - s(i) per row, as from {@link silhouetteSamples}
 * @param labels - cluster id per row, 0..k-1
 * @param k - number of cluster ids
 * @returns length-k array; NaN for an id with no members (there is nothing to average)
 * @throws RangeError when lengths differ or a label is outside 0..k-1
 */
export function perClusterSilhouette(samples: Float64Array, labels: Int32Array, k: number): Float64Array {
  if (!(samples instanceof Float64Array)) {
    throw new TypeError('perClusterSilhouette: samples must be a Float64Array');
  }
  assertLabels('perClusterSilhouette', labels, samples.length, k);
  const sums = new Float64Array(k);
  const counts = new Int32Array(k);
  for (let i = 0; i < samples.length; i++) {
    sums[labels[i]] += samples[i];
    counts[labels[i]]++;
  }
  for (let c = 0; c < k; c++) sums[c] = counts[c] > 0 ? sums[c] / counts[c] : NaN;
  return sums;
}

/**
 * Silhouette coefficients of rows rowStart..rowEnd-1, each compared with all n rows.
 *
 * This is the unit of parallel work: any split of 0..n into ranges gives the same bits per row
 * as one call over 0..n.
 *
 * @param x - feature matrix, row-major n x d
 * @param n - number of rows
 * @param d - number of columns
 * @param labels - cluster id per row, 0..k-1
 * @param k - number of cluster ids (ids without members are allowed and ignored)
 * @param rowStart - first row to compute (inclusive)
 * @param rowEnd - last row to compute (exclusive)
 * @param out - receives s(i) at out[i - rowStart]; length at least rowEnd - rowStart
 * @throws RangeError when inputs are malformed or fewer than 2 clusters are non-empty
 */
export function silhouetteRowRange(
  x: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
  rowStart: number,
  rowEnd: number,
  out: Float64Array,
): void {
  const fn = 'silhouetteRowRange';
  assertMatrix(fn, x, n, d);
  assertLabels(fn, labels, n, k);
  assertCount(fn, 'rowStart', rowStart, 0);
  assertCount(fn, 'rowEnd', rowEnd, rowStart);
  if (rowEnd > n) throw new RangeError(`${fn}: rowEnd = ${rowEnd} exceeds n = ${n}`);
  if (!(out instanceof Float64Array) || out.length < rowEnd - rowStart) {
    throw new RangeError(
      `${fn}: out must be a Float64Array of length >= ${rowEnd - rowStart}, got length ${
        (out as { length?: number } | null)?.length
      }`,
    );
  }

  const { sorted, offsets, counts } = clusterOrder(x, n, d, labels, k);
  let nonEmpty = 0;
  for (let c = 0; c < k; c++) if (counts[c] > 0) nonEmpty++;
  if (nonEmpty < 2) {
    throw new RangeError(`silhouette needs at least 2 non-empty clusters, got ${nonEmpty} (k = ${k}, n = ${n})`);
  }

  const sums = new Float64Array(ROW_BLOCK * k);
  for (let i0 = rowStart; i0 < rowEnd; i0 += ROW_BLOCK) {
    const i1 = Math.min(i0 + ROW_BLOCK, rowEnd);
    sums.fill(0);
    for (let c = 0; c < k; c++) {
      const cEnd = offsets[c + 1];
      for (let j0 = offsets[c]; j0 < cEnd; j0 += COL_TILE) {
        const j1 = Math.min(j0 + COL_TILE, cEnd);
        let i = i0;
        for (; i + 1 < i1; i += 2) {
          twoRowsTile(x, d, i, sorted, j0, j1);
          sums[(i - i0) * k + c] += tilePair[0];
          sums[(i + 1 - i0) * k + c] += tilePair[1];
        }
        if (i < i1) sums[(i - i0) * k + c] += oneRowTile(x, d, i, sorted, j0, j1);
      }
    }
    for (let i = i0; i < i1; i++) {
      out[i - rowStart] = coefficient(sums, (i - i0) * k, 1, 0, k, labels[i], counts);
    }
  }
}

/** Rows copied in cluster order (stable), with each cluster's start offset and size. */
interface ClusterOrder {
  sorted: Float64Array;
  offsets: Int32Array;
  counts: Int32Array;
}

function clusterOrder(x: Float64Array, n: number, d: number, labels: Int32Array, k: number): ClusterOrder {
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) counts[labels[i]]++;
  const offsets = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) offsets[c + 1] = offsets[c] + counts[c];
  const next = offsets.slice(0, k);
  const sorted = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const p = next[labels[i]]++;
    sorted.set(x.subarray(i * d, i * d + d), p * d);
  }
  return { sorted, offsets, counts };
}

/**
 * s(i) from row i's distance sums to each cluster: cluster c's sum is sums[at + c * stride] for
 * c in from..to-1 (cells whose counts are their sizes), row i's own cluster is `own`. The one
 * definition of the coefficient, shared by silhouette-many.ts.
 */
export function coefficient(
  sums: Float64Array,
  at: number,
  stride: number,
  from: number,
  to: number,
  own: number,
  counts: Int32Array,
): number {
  const ownCount = counts[own];
  // Rousseeuw: a singleton's a(i) is undefined and s(i) is set to 0.
  if (ownCount <= 1) return 0;
  const a = sums[at + own * stride] / (ownCount - 1);
  let b = Infinity;
  for (let c = from; c < to; c++) {
    if (c === own || counts[c] === 0) continue;
    const m = sums[at + c * stride] / counts[c];
    if (m < b) b = m;
  }
  // No other non-empty cluster (possible only in a small subset of rows, silhouette-sampled.ts):
  // no b(i), s(i) = 0.
  if (b === Infinity) return 0;
  const denom = a > b ? a : b;
  // a = b = 0 only when row i coincides with all of its own cluster and some other cluster.
  return denom > 0 ? (b - a) / denom : 0;
}

/**
 * Distance sums from rows i and i+1 of x to points j0..j1-1 of `y`, written to `tilePair`.
 * Per row the arithmetic is exactly that of {@link oneRowTile}: points go in groups of four
 * (j0..j0+3, j0+4..j0+7, ...) whose square roots are added as (r0 + r1) + (r2 + r3) before
 * joining the running sum, then the last 0-3 points one by one; each squared distance sums its
 * coordinates in order. Two rows by four points keeps eight independent sums in registers.
 */
function twoRowsTile(x: Float64Array, d: number, i: number, y: Float64Array, j0: number, j1: number): void {
  const r0 = i * d;
  const r1 = r0 + d;
  let acc0 = 0;
  let acc1 = 0;
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const p0 = j * d;
    const p1 = p0 + d;
    const p2 = p1 + d;
    const p3 = p2 + d;
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s03 = 0;
    let s10 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    for (let t = 0; t < d; t++) {
      const u = x[r0 + t];
      const v = x[r1 + t];
      const y0 = y[p0 + t];
      const y1 = y[p1 + t];
      const y2 = y[p2 + t];
      const y3 = y[p3 + t];
      let e = u - y0;
      s00 += e * e;
      e = u - y1;
      s01 += e * e;
      e = u - y2;
      s02 += e * e;
      e = u - y3;
      s03 += e * e;
      e = v - y0;
      s10 += e * e;
      e = v - y1;
      s11 += e * e;
      e = v - y2;
      s12 += e * e;
      e = v - y3;
      s13 += e * e;
    }
    acc0 += Math.sqrt(s00) + Math.sqrt(s01) + (Math.sqrt(s02) + Math.sqrt(s03));
    acc1 += Math.sqrt(s10) + Math.sqrt(s11) + (Math.sqrt(s12) + Math.sqrt(s13));
  }
  for (; j < j1; j++) {
    const p = j * d;
    let s0 = 0;
    let s1 = 0;
    for (let t = 0; t < d; t++) {
      const yp = y[p + t];
      let e = x[r0 + t] - yp;
      s0 += e * e;
      e = x[r1 + t] - yp;
      s1 += e * e;
    }
    acc0 += Math.sqrt(s0);
    acc1 += Math.sqrt(s1);
  }
  tilePair[0] = acc0;
  tilePair[1] = acc1;
}

/** Distance sum from row i of x to points j0..j1-1 of `y`; see {@link twoRowsTile}. */
function oneRowTile(x: Float64Array, d: number, i: number, y: Float64Array, j0: number, j1: number): number {
  const r0 = i * d;
  let acc = 0;
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const p0 = j * d;
    const p1 = p0 + d;
    const p2 = p1 + d;
    const p3 = p2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const u = x[r0 + t];
      let e = u - y[p0 + t];
      s0 += e * e;
      e = u - y[p1 + t];
      s1 += e * e;
      e = u - y[p2 + t];
      s2 += e * e;
      e = u - y[p3 + t];
      s3 += e * e;
    }
    acc += Math.sqrt(s0) + Math.sqrt(s1) + (Math.sqrt(s2) + Math.sqrt(s3));
  }
  for (; j < j1; j++) {
    const p = j * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const e = x[r0 + t] - y[p + t];
      s += e * e;
    }
    acc += Math.sqrt(s);
  }
  return acc;
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}
