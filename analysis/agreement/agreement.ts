/**
 * Agreement between two partitions of the same n items: contingency table, adjusted Rand
 * index, normalised mutual information and purity.
 *
 * Label arrays may use any non-negative integers (they need not be dense or start at 0): the
 * ids are mapped to rows/columns in increasing order.
 */

import { assertIdArray } from '../common/index.ts';

/** Cross-tabulation of two labellings. */
export interface Contingency {
  /** Distinct ids of `a`, increasing; row r of the table is id rowIds[r]. */
  rowIds: Int32Array;
  /** Distinct ids of `b`, increasing; column c of the table is id colIds[c]. */
  colIds: Int32Array;
  /** counts[r * colIds.length + c] = number of items with a = rowIds[r] and b = colIds[c]. */
  counts: Float64Array;
  /** Row totals (cluster sizes of a). */
  rowSums: Float64Array;
  /** Column totals (cluster sizes of b). */
  colSums: Float64Array;
  /** Number of items. */
  n: number;
}

/**
 * Contingency table of two labellings of the same items.
 *
 * @param a - labels of the first partition (non-negative ints)
 * @param b - labels of the second partition (non-negative ints), same length as `a`
 * @returns the table with its margins
 * @throws RangeError when lengths differ, n = 0 or a label is negative
 */
export function contingency(a: Int32Array, b: Int32Array): Contingency {
  return build('contingency', a, b);
}

/**
 * Adjusted Rand index (Hubert & Arabie 1985):
 *   ARI = (sum_ij C(n_ij,2) - E) / ((sum_i C(a_i,2) + sum_j C(b_j,2)) / 2 - E),
 *   E = sum_i C(a_i,2) * sum_j C(b_j,2) / C(n,2).
 * 1 for identical partitions (up to renaming), about 0 for independent ones, may be negative.
 * The denominator is 0 only when both partitions are one cluster or both are all singletons
 * (n = 1 is both); the partitions are then identical and 1 is returned, as scikit-learn does.
 *
 * @param a - labels of the first partition
 * @param b - labels of the second partition, same length
 * @returns the adjusted Rand index
 * @throws RangeError when lengths differ, n = 0 or a label is negative
 */
export function adjustedRandIndex(a: Int32Array, b: Int32Array): number {
  const t = build('adjustedRandIndex', a, b);
  const ka = t.rowIds.length;
  const kb = t.colIds.length;
  // The denominator is x(N-y) + y(N-x) over 2N (x, y the pair sums, N = C(n,2)); it is zero
  // exactly in these identical, trivial cases. Test them by structure, not by a float compare.
  if ((ka === 1 && kb === 1) || (ka === t.n && kb === t.n)) return 1;
  let sumCells = 0;
  for (let i = 0; i < t.counts.length; i++) sumCells += choose2(t.counts[i]);
  let sumA = 0;
  for (let i = 0; i < t.rowSums.length; i++) sumA += choose2(t.rowSums[i]);
  let sumB = 0;
  for (let j = 0; j < t.colSums.length; j++) sumB += choose2(t.colSums[j]);
  const expected = (sumA * sumB) / choose2(t.n);
  const max = (sumA + sumB) / 2;
  return (sumCells - expected) / (max - expected);
}

/**
 * Normalised mutual information with the arithmetic-mean normaliser, scikit-learn's default
 * (`normalized_mutual_info_score(..., average_method='arithmetic')`):
 *   NMI = I(a; b) / ((H(a) + H(b)) / 2), natural logs (the base cancels).
 *
 * Degenerate cases, chosen to match scikit-learn:
 *  - both partitions a single cluster: 1 (they agree perfectly; 0/0 otherwise);
 *  - exactly one partition a single cluster: 0 (no information is shared);
 *  - otherwise the ratio, clamped to [0, 1] against rounding.
 *
 * @param a - labels of the first partition
 * @param b - labels of the second partition, same length
 * @returns NMI in [0, 1]
 * @throws RangeError when lengths differ, n = 0 or a label is negative
 */
export function normalizedMutualInfo(a: Int32Array, b: Int32Array): number {
  const t = build('normalizedMutualInfo', a, b);
  const ka = t.rowIds.length;
  const kb = t.colIds.length;
  if (ka === 1 && kb === 1) return 1;
  // One side a single cluster: its entropy is 0 and so is the mutual information. Decided by
  // structure because the float sum below would leave a rounding residue instead of 0.
  if (ka === 1 || kb === 1) return 0;
  const n = t.n;
  const logN = Math.log(n);
  // I = sum_ij (n_ij / n) * log(n * n_ij / (a_i * b_j)), over non-empty cells.
  let mi = 0;
  for (let r = 0; r < ka; r++) {
    const logA = Math.log(t.rowSums[r]);
    for (let c = 0; c < kb; c++) {
      const nij = t.counts[r * kb + c];
      if (nij === 0) continue;
      mi += (nij / n) * (logN + Math.log(nij) - logA - Math.log(t.colSums[c]));
    }
  }
  if (mi <= 0) return 0; // independent partitions can round to a tiny negative
  const mean = (entropy(t.rowSums, n) + entropy(t.colSums, n)) / 2;
  const nmi = mi / mean;
  return nmi > 1 ? 1 : nmi;
}

/**
 * Purity of a predicted partition against the truth: each predicted cluster is credited with
 * its most common true class, purity = (1/n) * sum over predicted clusters of that count.
 * 1 when every predicted cluster is pure; note that all-singleton predictions also score 1.
 *
 * @param truth - true class per item
 * @param pred - predicted cluster per item, same length
 * @returns purity in (0, 1]
 * @throws RangeError when lengths differ, n = 0 or a label is negative
 */
export function purity(truth: Int32Array, pred: Int32Array): number {
  // Rows are predicted clusters, columns true classes.
  const t = build('purity', pred, truth, 'pred', 'truth');
  const kb = t.colIds.length;
  let hits = 0;
  for (let r = 0; r < t.rowIds.length; r++) {
    let best = 0;
    for (let c = 0; c < kb; c++) if (t.counts[r * kb + c] > best) best = t.counts[r * kb + c];
    hits += best;
  }
  return hits / t.n;
}

/** Contingency of a (rows) and b (columns); names are the caller's argument names. */
function build(fn: string, a: Int32Array, b: Int32Array, nameA = 'a', nameB = 'b'): Contingency {
  assertIdArray(fn, nameA, a);
  assertIdArray(fn, nameB, b);
  if (a.length !== b.length) {
    throw new RangeError(`${fn}: ${nameA}.length = ${a.length} but ${nameB}.length = ${b.length}`);
  }
  const n = a.length;
  if (n === 0) throw new RangeError(`${fn}: the label arrays are empty (n = 0)`);
  const [rowIds, rowOf] = denseIds(a);
  const [colIds, colOf] = denseIds(b);
  const kb = colIds.length;
  const counts = new Float64Array(rowIds.length * kb);
  const rowSums = new Float64Array(rowIds.length);
  const colSums = new Float64Array(kb);
  for (let i = 0; i < n; i++) {
    const r = rowOf[i];
    const c = colOf[i];
    counts[r * kb + c]++;
    rowSums[r]++;
    colSums[c]++;
  }
  return { rowIds, colIds, counts, rowSums, colSums, n };
}

/** Distinct values in increasing order, and each item's index among them. */
function denseIds(labels: Int32Array): [Int32Array, Int32Array] {
  const ids = Int32Array.from(new Set(labels)).sort();
  const index = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i], i);
  const of = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) of[i] = index.get(labels[i]) as number;
  return [ids, of];
}

function choose2(m: number): number {
  return (m * (m - 1)) / 2;
}

/** Entropy (nats) of a partition with the given cluster sizes summing to n. */
function entropy(sizes: Float64Array, n: number): number {
  const logN = Math.log(n);
  let h = 0;
  for (let i = 0; i < sizes.length; i++) {
    if (sizes[i] > 0) h += (sizes[i] / n) * (logN - Math.log(sizes[i]));
  }
  return h;
}
