/**
 * Exact silhouette (Rousseeuw 1987) against values worked out by hand, with the arithmetic in
 * the comments; the error cases; and the row-range split giving the same bits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  perClusterSilhouette,
  silhouetteRowRange,
  silhouetteSamples,
  silhouetteScore,
} from '../../analysis/cluster/silhouette.ts';
import { blobs } from './blobs.ts';

const EPS = 1e-12;

function close(actual: ArrayLike<number>, expected: number[], label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= EPS, `${label}[${i}] = ${actual[i]}, expected ${expected[i]}`);
  }
}

test('1-D, two clusters', () => {
  // x = 0, 1 | 4, 6
  // i=0: a = |0-1| = 1, b = (4 + 6)/2 = 5,   s = (5-1)/5     = 0.8
  // i=1: a = 1,         b = (3 + 5)/2 = 4,   s = (4-1)/4     = 0.75
  // i=2: a = |4-6| = 2, b = (4 + 3)/2 = 3.5, s = (3.5-2)/3.5 = 3/7
  // i=3: a = 2,         b = (6 + 5)/2 = 5.5, s = (5.5-2)/5.5 = 7/11
  const x = Float64Array.of(0, 1, 4, 6);
  const labels = Int32Array.of(0, 0, 1, 1);
  const s = silhouetteSamples(x, 4, 1, labels);
  close(s, [0.8, 0.75, 3 / 7, 7 / 11], 's');
  // score = (0.8 + 0.75 + 3/7 + 7/11) / 4
  close([silhouetteScore(x, 4, 1, labels)], [(0.8 + 0.75 + 3 / 7 + 7 / 11) / 4], 'score');
  // per cluster: (0.8 + 0.75)/2 = 0.775, (3/7 + 7/11)/2
  close(perClusterSilhouette(s, labels, 2), [0.775, (3 / 7 + 7 / 11) / 2], 'per cluster');
});

test('2-D Euclidean distances: a rectangle split along its diagonals', () => {
  // p0 = (0,0), p1 = (3,4) in cluster 0; p2 = (3,0), p3 = (0,4) in cluster 1.
  // |p0p1| = |p2p3| = 5 (3-4-5 triangle); |p0p2| = |p1p3| = 3; |p0p3| = |p1p2| = 4.
  // Every point: a = 5, b = (3 + 4)/2 = 3.5, s = (3.5 - 5)/5 = -0.3
  const x = Float64Array.of(0, 0, 3, 4, 3, 0, 0, 4);
  const s = silhouetteSamples(x, 4, 2, Int32Array.of(0, 0, 1, 1));
  close(s, [-0.3, -0.3, -0.3, -0.3], 's');
});

test('three clusters with a singleton: b is the nearest other cluster, the singleton gets 0', () => {
  // x = 0, 1 | 3 | 10, 11
  // i=0: a = 1; to c1: 3, to c2: (10 + 11)/2 = 10.5 -> b = 3; s = (3-1)/3 = 2/3
  // i=1: a = 1; to c1: 2, to c2: (9 + 10)/2 = 9.5   -> b = 2; s = (2-1)/2 = 1/2
  // i=2: singleton cluster -> s = 0
  // i=3: a = 1; to c0: (10 + 9)/2 = 9.5, to c1: 7   -> b = 7; s = (7-1)/7 = 6/7
  // i=4: a = 1; to c0: (11 + 10)/2 = 10.5, to c1: 8 -> b = 8; s = (8-1)/8 = 7/8
  const x = Float64Array.of(0, 1, 3, 10, 11);
  const labels = Int32Array.of(0, 0, 1, 2, 2);
  const s = silhouetteSamples(x, 5, 1, labels);
  close(s, [2 / 3, 1 / 2, 0, 6 / 7, 7 / 8], 's');
  // per cluster: (2/3 + 1/2)/2 = 7/12, 0, (6/7 + 7/8)/2 = 97/112
  close(perClusterSilhouette(s, labels, 3), [7 / 12, 0, 97 / 112], 'per cluster');
});

test('identical points', () => {
  // All four points at 1: a = b = 0 for every point -> s = 0 (0/0 defined as 0).
  const same = silhouetteSamples(Float64Array.of(1, 1, 1, 1), 4, 1, Int32Array.of(0, 0, 1, 1));
  close(same, [0, 0, 0, 0], 'all identical');
  // x = 3, 3 | 3, 7
  // i=0: a = 0, b = (0 + 4)/2 = 2 -> s = (2-0)/2 = 1; i=1 the same
  // i=2: a = |3-7| = 4, b = (0 + 0)/2 = 0 -> s = (0-4)/4 = -1
  // i=3: a = 4, b = (4 + 4)/2 = 4 -> s = 0
  const mixed = silhouetteSamples(Float64Array.of(3, 3, 3, 7), 4, 1, Int32Array.of(0, 0, 1, 1));
  close(mixed, [1, 1, -1, 0], 'coincident across clusters');
});

test('an unused cluster id is ignored, not treated as an empty cluster at distance 0', () => {
  // Same points as the first test with cluster 1 renamed 2 (id 1 unused): same values.
  const s = silhouetteSamples(Float64Array.of(0, 1, 4, 6), 4, 1, Int32Array.of(0, 0, 2, 2));
  close(s, [0.8, 0.75, 3 / 7, 7 / 11], 's');
  assert.ok(Number.isNaN(perClusterSilhouette(s, Int32Array.of(0, 0, 2, 2), 3)[1]));
});

test('k = 1 and bad labels throw errors that say why', () => {
  const x = Float64Array.of(0, 1, 4, 6);
  assert.throws(() => silhouetteSamples(x, 4, 1, Int32Array.of(0, 0, 0, 0)), {
    name: 'RangeError',
    message: 'silhouette needs at least 2 non-empty clusters, got 1 (k = 1, n = 4)',
  });
  assert.throws(() => silhouetteScore(x, 4, 1, Int32Array.of(3, 3, 3, 3)), {
    message: 'silhouette needs at least 2 non-empty clusters, got 1 (k = 4, n = 4)',
  });
  assert.throws(() => silhouetteSamples(x, 4, 1, Int32Array.of(0, 1, -1, 0)), {
    message: 'silhouetteSamples: labels[2] = -1 is out of range (cluster ids start at 0)',
  });
  const out = new Float64Array(4);
  assert.throws(() => silhouetteRowRange(x, 4, 1, Int32Array.of(0, 1, 2, 0), 2, 0, 4, out), {
    message: 'silhouetteRowRange: labels[2] = 2 is out of range (expected 0..1)',
  });
  assert.throws(() => silhouetteSamples(x, 4, 1, Int32Array.of(0, 1, 0)), {
    message: 'silhouetteSamples: labels.length = 3 but n = 4',
  });
  assert.throws(() => silhouetteSamples(x, 2, 1, Int32Array.of(0, 1)), {
    message: 'silhouetteSamples: x.length = 4 but n * d = 2 * 1 = 2',
  });
  assert.throws(() => silhouetteSamples(Float64Array.of(0, NaN), 2, 1, Int32Array.of(0, 1)), {
    message: 'silhouetteSamples: x[1] (row 1, column 0) = NaN is not finite',
  });
  assert.throws(() => perClusterSilhouette(new Float64Array(2), Int32Array.of(0, 5), 2), {
    message: 'perClusterSilhouette: labels[1] = 5 is out of range (expected 0..1)',
  });
});

test('any split into row ranges gives the same bits as one call', () => {
  // Odd range boundaries put rows in different 2-row pairs and 64-row blocks than the whole
  // call does; the per-row arithmetic must not notice.
  const { x, n, d, truth } = blobs(301, 7, 4, 'silhouette-split');
  const whole = silhouetteSamples(x, n, d, truth);
  const cuts = [0, 1, 2, 67, 68, 130, 255, 300, 301];
  const pieced = new Float64Array(n);
  for (let c = 0; c + 1 < cuts.length; c++) {
    const out = new Float64Array(cuts[c + 1] - cuts[c]);
    silhouetteRowRange(x, n, d, truth, 4, cuts[c], cuts[c + 1], out);
    pieced.set(out, cuts[c]);
  }
  for (let i = 0; i < n; i++) assert.ok(Object.is(pieced[i], whole[i]), `row ${i}`);
});

test('matches a naive O(n^2) reference on random data', () => {
  const { x, n, d, truth } = blobs(257, 5, 3, 'silhouette-naive', 3, 2);
  const s = silhouetteSamples(x, n, d, truth);
  for (let i = 0; i < n; i++) {
    const sums = [0, 0, 0];
    const counts = [0, 0, 0];
    for (let j = 0; j < n; j++) {
      let q = 0;
      for (let t = 0; t < d; t++) q += (x[i * d + t] - x[j * d + t]) ** 2;
      sums[truth[j]] += Math.sqrt(q);
      counts[truth[j]]++;
    }
    const own = truth[i];
    const a = sums[own] / (counts[own] - 1);
    const b = Math.min(...[0, 1, 2].filter((c) => c !== own).map((c) => sums[c] / counts[c]));
    const expected = (b - a) / Math.max(a, b);
    assert.ok(Math.abs(s[i] - expected) <= EPS, `row ${i}: ${s[i]} vs ${expected}`);
  }
});
