/**
 * Lloyd's iterations with Hamerly's bounds (lloyd.ts) against a plain reference that computes
 * every distance at every step, with ml-kmeans' rules (lowest index wins a tie, an empty cluster
 * stays put, stop when no centroid moves by more than the tolerance): the same bits for the
 * centroids, the final labels and the number of steps, on overlapping data where the bounds skip
 * rows and fail to, on data full of exact ties, and with an empty cluster.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kmeansPlusPlus } from '../../analysis/cluster/kmeans-plus-plus.ts';
import { LLOYD_TOLERANCE, lloyd } from '../../analysis/cluster/lloyd.ts';
import { blobs } from './blobs.ts';
import { kmeans as mlKmeans } from 'ml-kmeans';

function nearest(x: Float64Array, i: number, d: number, c: Float64Array, k: number): number {
  let best = 0;
  let bestDist = Infinity;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += (x[i * d + t] - c[j * d + t]) * (x[i * d + t] - c[j * d + t]);
    if (s < bestDist) {
      bestDist = s;
      best = j;
    }
  }
  return best;
}

/** The textbook loop, as ml-kmeans 7 runs it, then the labels of the final centroids. */
function reference(x: Float64Array, n: number, d: number, k: number, start: Float64Array, maxIterations: number) {
  let c = Float64Array.from(start);
  let steps = 0;
  let converged = false;
  while (!converged && steps < maxIterations) {
    const labels = Int32Array.from({ length: n }, (_, i) => nearest(x, i, d, c, k));
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]]++;
      for (let t = 0; t < d; t++) sums[labels[i] * d + t] += x[i * d + t];
    }
    const next = sums.map((v, q) => (counts[Math.floor(q / d)] ? v / counts[Math.floor(q / d)] : c[q]));
    converged = true;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (next[j * d + t] - c[j * d + t]) * (next[j * d + t] - c[j * d + t]);
      if (s > LLOYD_TOLERANCE) converged = false;
    }
    c = next;
    steps++;
  }
  return { centroids: c, labels: Int32Array.from({ length: n }, (_, i) => nearest(x, i, d, c, k)), iterations: steps };
}

const starts = (x: Float64Array, n: number, d: number, k: number, seed: number): Float64Array =>
  Float64Array.from(kmeansPlusPlus(x, n, d, k, seed).flat());

test('lloyd gives the reference bits on overlapping blobs, for k = 1..9 and several starts', () => {
  const { x, n, d } = blobs(600, 5, 6, 'lloyd-overlap', 2, 1.5);
  for (let k = 1; k <= 9; k++) {
    for (let seed = 0; seed < 3; seed++) {
      const start = starts(x, n, d, k, seed);
      assert.deepEqual(lloyd(x, n, d, k, start, 300), reference(x, n, d, k, start, 300), `k = ${k}, seed ${seed}`);
    }
  }
});

test('lloyd gives the reference bits on well-separated blobs, and stops at maxIterations', () => {
  const { x, n, d } = blobs(400, 3, 4, 'lloyd-apart', 20, 1);
  const start = starts(x, n, d, 4, 7);
  assert.deepEqual(lloyd(x, n, d, 4, start, 300), reference(x, n, d, 4, start, 300));
  const two = lloyd(x, n, d, 6, starts(x, n, d, 6, 1), 2);
  assert.equal(two.iterations, 2);
  assert.deepEqual(two, reference(x, n, d, 6, starts(x, n, d, 6, 1), 2));
});

test('exact ties go to the lowest index, as in the reference', () => {
  // A 4 x 4 integer grid (each point twice) with centres on the half-integers between them:
  // many rows are exactly as far from two or four centres.
  const pts: number[] = [];
  for (let rep = 0; rep < 2; rep++) for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) pts.push(a, b);
  const x = Float64Array.from(pts);
  const n = pts.length / 2;
  for (const start of [
    Float64Array.of(0.5, 0.5, 2.5, 0.5, 0.5, 2.5, 2.5, 2.5),
    Float64Array.of(1.5, 1.5, 1.5, 1.5, 0, 0, 3, 3),
    Float64Array.of(1, 1.5, 2, 1.5, 1.5, 1, 1.5, 2),
  ]) {
    assert.deepEqual(lloyd(x, n, 2, 4, start, 50), reference(x, n, 2, 4, start, 50), `start ${start.join(',')}`);
  }
});

test('a cluster left empty keeps its centroid', () => {
  const { x, n, d } = blobs(200, 2, 2, 'lloyd-empty', 5, 1);
  const start = Float64Array.of(x[0], x[1], x[2], x[3], 1e6, 1e6);
  const fit = lloyd(x, n, d, 3, start, 100);
  assert.deepEqual(Array.from(fit.centroids.subarray(4)), [1e6, 1e6]);
  assert.ok(!fit.labels.includes(2));
  assert.deepEqual(fit, reference(x, n, d, 3, start, 100));
});

test('lloyd gives ml-kmeans 7 bits: the same centroids, labels and iterations from the same start', () => {
  // ml-kmeans is the product brief's clustering package; lloyd.ts replaces it on the hot path only
  // because it is faster, so the library itself stays the oracle.
  const { x, n, d } = blobs(500, 4, 5, 'lloyd-ml-kmeans', 3, 1.5);
  const rows = Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));
  for (const k of [2, 4, 7]) {
    const start = starts(x, n, d, k, k);
    const initialization = Array.from({ length: k }, (_, j) => Array.from(start.subarray(j * d, (j + 1) * d)));
    const ml = mlKmeans(rows, k, { initialization, maxIterations: 300 });
    const ours = lloyd(x, n, d, k, start, 300);
    assert.deepEqual(Array.from(ours.centroids), ml.centroids.flat(), `k = ${k}: centroids`);
    assert.deepEqual(Array.from(ours.labels), ml.clusters, `k = ${k}: labels`);
    assert.equal(ours.iterations, ml.iterations, `k = ${k}: iterations`);
  }
});
