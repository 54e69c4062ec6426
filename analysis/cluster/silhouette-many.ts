/**
 * The silhouette (Rousseeuw 1987, as silhouette.ts) of several labelings of the same rows in one
 * pass over the pairs: each distance is computed once and added to every labeling's per-cluster
 * sums, so scoring the 11 ks of a sweep and the truth costs about one silhouette's distances
 * instead of twelve. Used on the seeded sample above the exact size (analyze.ts); at or below it
 * every labeling keeps its own exact, parallel silhouette. A fixed order of operations per row:
 * the same result for any split of the rows over threads.
 *
 * The pass is blocked for the machine (measured on 5,000 of the 100k-trader run's standardised
 * traders x 16 features, 12 labelings: 72 ns per pair for one row against one row with the
 * distance added into each labeling's cell, 27 ns blocked): four rows' distances to every row are
 * computed at once (each compared row loaded once for four), then each labeling's clusters are
 * summed as contiguous runs in cluster order, in registers, instead of twelve scattered
 * read-modify-writes per pair whose chains through memory stalled whenever neighbouring rows
 * shared a cluster. Every sum still adds the same distances in the same (increasing row) order,
 * so the bits are those of the plain loop.
 */

import { coefficient } from './silhouette.ts';

/** Rows computed together: four rows share every load of a compared row and keep four sums. */
const BLOCK = 4;

/** What the pass over the pairs needs of the labelings, prepared once (and once per thread). */
export interface ManyPlan {
  n: number;
  /** Labelings. */
  L: number;
  /** Labeling l's cluster c is cell off[l] + c. */
  off: Int32Array;
  /** Rows per cell. */
  counts: Int32Array;
  /** Per labeling, the rows 0..n-1 in cluster order, stable: labeling l's part is order[l*n .. l*n + n). */
  order: Int32Array;
  /** Cell c's rows are order[start[c] .. start[c] + counts[c]). */
  start: Int32Array;
}

/**
 * Prepares the pass: each labeling's rows in cluster order, so a row's distance sum to a cluster
 * is a contiguous run added in a register (in increasing row order, as a plain loop would).
 *
 * @param n - rows
 * @param labels - the labelings one after another: labeling l's label of row i is labels[l*n + i]
 * @param ks - the number of cluster ids of each labeling
 */
export function planMany(n: number, labels: Int32Array, ks: readonly number[]): ManyPlan {
  const L = ks.length;
  const off = new Int32Array(L + 1);
  for (let l = 0; l < L; l++) off[l + 1] = off[l] + ks[l];
  const counts = new Int32Array(off[L]);
  for (let l = 0; l < L; l++) for (let j = 0; j < n; j++) counts[off[l] + labels[l * n + j]]++;
  const start = new Int32Array(off[L]);
  const order = new Int32Array(L * n);
  for (let l = 0; l < L; l++) {
    let at = l * n;
    for (let c = off[l]; c < off[l + 1]; c++) {
      start[c] = at;
      at += counts[c];
    }
    const next = start.slice(off[l], off[l + 1]);
    for (let j = 0; j < n; j++) order[next[labels[l * n + j]]++] = j;
  }
  return { n, L, off, counts, order, start };
}

/**
 * s(i) of rows rowStart..rowEnd-1 for every labeling, each row compared with all n rows: the unit
 * of parallel work. A row's bits do not depend on the range it is computed in (its distances and
 * sums are the same operations in the same order), so any split gives the same result.
 *
 * @param x - rows, row-major n x d
 * @param d - columns
 * @param labels - as {@link planMany}
 * @param plan - from {@link planMany}
 * @param rowStart - first row (inclusive)
 * @param rowEnd - last row (exclusive)
 * @param out - receives labeling l's s(i) at out[l*n + i]
 */
export function silhouetteManyRows(
  x: Float64Array,
  d: number,
  labels: Int32Array,
  plan: ManyPlan,
  rowStart: number,
  rowEnd: number,
  out: Float64Array,
): void {
  const { n, L, off, counts, order, start } = plan;
  const K = off[L];
  // dist[j*BLOCK + r]: distance from row i0 + r to row j.
  const dist = new Float64Array(n * BLOCK);
  const sums = new Float64Array(K * BLOCK);
  for (let i0 = rowStart; i0 < rowEnd; i0 += BLOCK) {
    const rows = Math.min(BLOCK, rowEnd - i0);
    distanceRows(x, n, d, i0, rowEnd, dist);
    for (let c = 0; c < K; c++) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      const end = start[c] + counts[c];
      for (let p = start[c]; p < end; p++) {
        const q = order[p] * BLOCK;
        a0 += dist[q];
        a1 += dist[q + 1];
        a2 += dist[q + 2];
        a3 += dist[q + 3];
      }
      sums[c * BLOCK] = a0;
      sums[c * BLOCK + 1] = a1;
      sums[c * BLOCK + 2] = a2;
      sums[c * BLOCK + 3] = a3;
    }
    for (let r = 0; r < rows; r++) {
      const i = i0 + r;
      for (let l = 0; l < L; l++)
        out[l * n + i] = coefficient(sums, r, BLOCK, off[l], off[l + 1], off[l] + labels[l * n + i], counts);
    }
  }
}

/**
 * Distances from rows i0..i0+3 (those below rowEnd; the others repeat the last, unused) to every
 * row j, into dist[j*BLOCK + r]: two compared rows at a time, eight independent sums, each summed
 * over the columns in order. Row i's distance to itself is 0 and adds nothing to its sums.
 */
function distanceRows(x: Float64Array, n: number, d: number, i0: number, rowEnd: number, dist: Float64Array): void {
  const last = rowEnd - 1;
  const r0 = i0 * d;
  const r1 = Math.min(i0 + 1, last) * d;
  const r2 = Math.min(i0 + 2, last) * d;
  const r3 = Math.min(i0 + 3, last) * d;
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const p = j * d;
    const pp = p + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let u0 = 0;
    let u1 = 0;
    let u2 = 0;
    let u3 = 0;
    for (let t = 0; t < d; t++) {
      const v = x[p + t];
      const w = x[pp + t];
      const y0 = x[r0 + t];
      const y1 = x[r1 + t];
      const y2 = x[r2 + t];
      const y3 = x[r3 + t];
      let e = y0 - v;
      s0 += e * e;
      e = y1 - v;
      s1 += e * e;
      e = y2 - v;
      s2 += e * e;
      e = y3 - v;
      s3 += e * e;
      e = y0 - w;
      u0 += e * e;
      e = y1 - w;
      u1 += e * e;
      e = y2 - w;
      u2 += e * e;
      e = y3 - w;
      u3 += e * e;
    }
    const q = j * BLOCK;
    dist[q] = Math.sqrt(s0);
    dist[q + 1] = Math.sqrt(s1);
    dist[q + 2] = Math.sqrt(s2);
    dist[q + 3] = Math.sqrt(s3);
    dist[q + 4] = Math.sqrt(u0);
    dist[q + 5] = Math.sqrt(u1);
    dist[q + 6] = Math.sqrt(u2);
    dist[q + 7] = Math.sqrt(u3);
  }
  for (; j < n; j++) {
    const p = j * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const v = x[p + t];
      let e = x[r0 + t] - v;
      s0 += e * e;
      e = x[r1 + t] - v;
      s1 += e * e;
      e = x[r2 + t] - v;
      s2 += e * e;
      e = x[r3 + t] - v;
      s3 += e * e;
    }
    const q = j * BLOCK;
    dist[q] = Math.sqrt(s0);
    dist[q + 1] = Math.sqrt(s1);
    dist[q + 2] = Math.sqrt(s2);
    dist[q + 3] = Math.sqrt(s3);
  }
}

/**
 * s(i) of every row for each labeling, on the calling thread (silhouetteManyParallel in
 * silhouette-parallel.ts spreads the rows over threads, with the same bits).
 *
 * @param x - rows, row-major n x d
 * @param labelings - each a cluster id per row, 0..ks[l]-1
 * @param ks - the number of cluster ids of each labeling
 * @returns s(i) per row, one array per labeling
 */
export function silhouetteMany(
  x: Float64Array,
  n: number,
  d: number,
  labelings: readonly Int32Array[],
  ks: readonly number[],
): Float64Array[] {
  const labels = concatLabels(labelings, n);
  const out = new Float64Array(labelings.length * n);
  silhouetteManyRows(x, d, labels, planMany(n, labels, ks), 0, n, out);
  return labelings.map((_, l) => out.slice(l * n, l * n + n));
}

/** The labelings one after another in one array (labeling l's row i at l*n + i). */
export function concatLabels(labelings: readonly Int32Array[], n: number, into?: Int32Array): Int32Array {
  const out = into ?? new Int32Array(labelings.length * n);
  for (const [l, labels] of labelings.entries()) out.set(labels.subarray(0, n), l * n);
  return out;
}

/**
 * One seeded sample for every labeling: a uniform sample of `size` rows, topped up so that each
 * cluster of each labeling has at least `minPerCluster` rows (or all of its rows): every cluster
 * is represented, and the sample stays the same across ks so the pairs are computed once.
 */
export function sharedSample(
  n: number,
  labelings: readonly Int32Array[],
  ks: readonly number[],
  base: Int32Array,
  minPerCluster = 20,
): Int32Array {
  const inSample = new Uint8Array(n);
  for (const i of base) inSample[i] = 1;
  labelings.forEach((labels, l) => {
    const have = new Int32Array(ks[l]);
    for (let i = 0; i < n; i++) if (inSample[i]) have[labels[i]]++;
    // Top up in row order: deterministic, and any rows of a cluster are as good as any others here.
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      if (!inSample[i] && have[c] < minPerCluster) {
        inSample[i] = 1;
        have[c]++;
      }
    }
  });
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (inSample[i]) out.push(i);
  return Int32Array.from(out);
}
