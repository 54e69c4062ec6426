/**
 * Inertia, Calinski-Harabasz and Davies-Bouldin against values worked out by hand with
 * scikit-learn's definitions (arithmetic in the comments).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calinskiHarabasz, daviesBouldin, inertia } from '../../analysis/cluster/cluster-indices.ts';

const EPS = 1e-12;

function near(actual: number, expected: number, label: string): void {
  assert.ok(Math.abs(actual - expected) <= EPS, `${label}: ${actual}, expected ${expected}`);
}

// 1-D: x = 0, 2 | 10, 12; means 1 and 11, overall mean 6.
const X1 = Float64Array.of(0, 2, 10, 12);
const L1 = Int32Array.of(0, 0, 1, 1);

// 2-D, three clusters, one a singleton:
//   c0 = (0,0), (2,0) -> mean (1,0); c1 = (0,4) -> mean (0,4); c2 = (6,0), (6,2) -> mean (6,1)
//   overall mean = ((0+2+0+6+6)/5, (0+0+4+0+2)/5) = (2.8, 1.2)
const X2 = Float64Array.of(0, 0, 2, 0, 0, 4, 6, 0, 6, 2);
const L2 = Int32Array.of(0, 0, 1, 2, 2);

test('inertia by hand', () => {
  // Around the means: (0-1)^2 + (2-1)^2 + (10-11)^2 + (12-11)^2 = 4
  near(inertia(X1, 4, 1, L1), 4, 'means');
  // Around given centroids 0 and 10: 0 + 4 + 0 + 4 = 8
  near(inertia(X1, 4, 1, L1, Float64Array.of(0, 10)), 8, 'given centroids');
  // 2-D: c0: 1 + 1; c1: 0; c2: 1 + 1 -> 4
  near(inertia(X2, 5, 2, L2), 4, '2-D');
});

test('Calinski-Harabasz by hand', () => {
  // B = 2 (1-6)^2 + 2 (11-6)^2 = 50 + 50 = 100; W = 4 (as inertia); k = 2, n = 4
  // CH = (B/(k-1)) / (W/(n-k)) = 100 / (4/2) = 50
  near(calinskiHarabasz(X1, 4, 1, L1), 50, '1-D');
  // B = 2 ((1-2.8)^2 + (0-1.2)^2) + 1 ((0-2.8)^2 + (4-1.2)^2) + 2 ((6-2.8)^2 + (1-1.2)^2)
  //   = 2 (3.24 + 1.44) + (7.84 + 7.84) + 2 (10.24 + 0.04) = 9.36 + 15.68 + 20.56 = 45.6
  // W = 2 + 0 + 2 = 4; k = 3, n = 5; CH = (45.6/2) / (4/2) = 11.4
  near(calinskiHarabasz(X2, 5, 2, L2), 11.4, '2-D');
  // W = 0 (every point on its mean): 1 by scikit-learn's convention.
  assert.equal(calinskiHarabasz(Float64Array.of(1, 1, 5), 3, 1, Int32Array.of(0, 0, 1)), 1);
});

test('Davies-Bouldin by hand', () => {
  // s0 = (|0-1| + |2-1|)/2 = 1, s1 = 1, d(m0, m1) = 10 -> R = (1+1)/10 = 0.2 for both -> 0.2
  near(daviesBouldin(X1, 4, 1, L1), 0.2, '1-D');
  // s0 = (1 + 1)/2 = 1, s1 = 0 (singleton), s2 = (1 + 1)/2 = 1
  // d(m0,m1) = sqrt(1 + 16) = sqrt 17; d(m0,m2) = sqrt(25 + 1) = sqrt 26;
  // d(m1,m2) = sqrt(36 + 9) = sqrt 45
  // c0: max((1+0)/sqrt17 = 0.243, (1+1)/sqrt26 = 0.392) = 2/sqrt26
  // c1: max((0+1)/sqrt17 = 0.243, (0+1)/sqrt45 = 0.149) = 1/sqrt17
  // c2: max((1+1)/sqrt26 = 0.392, (1+0)/sqrt45 = 0.149) = 2/sqrt26
  // DB = (4/sqrt26 + 1/sqrt17)/3
  near(daviesBouldin(X2, 5, 2, L2), (4 / Math.sqrt(26) + 1 / Math.sqrt(17)) / 3, '2-D');
  // Every s_i = 0 (each point on its centroid): 0 by scikit-learn's convention.
  assert.equal(daviesBouldin(Float64Array.of(1, 1, 5), 3, 1, Int32Array.of(0, 0, 1)), 0);
});

test('unused ids are ignored: k counts non-empty clusters', () => {
  const relabelled = Int32Array.of(0, 0, 3, 3);
  near(calinskiHarabasz(X1, 4, 1, relabelled), 50, 'CH');
  near(daviesBouldin(X1, 4, 1, relabelled), 0.2, 'DB');
  near(inertia(X1, 4, 1, relabelled), 4, 'inertia');
});

test('k outside 2..n-1 and bad centroids are rejected', () => {
  const one = Int32Array.of(0, 0, 0, 0);
  assert.throws(() => calinskiHarabasz(X1, 4, 1, one), {
    message: 'calinskiHarabasz: number of clusters is 1; valid values are 2 to n - 1 = 3 (inclusive)',
  });
  assert.throws(() => daviesBouldin(X1, 4, 1, Int32Array.of(0, 1, 2, 3)), {
    message: 'daviesBouldin: number of clusters is 4; valid values are 2 to n - 1 = 3 (inclusive)',
  });
  assert.throws(() => inertia(X1, 4, 1, Int32Array.of(0, 0, 1, 2), Float64Array.of(0, 10)), {
    message: 'inertia: labels[3] = 2 is out of range (expected 0..1)',
  });
  assert.throws(() => inertia(X2, 5, 2, L2, Float64Array.of(0, 1, 2)), {
    message: 'inertia: centroids must be a Float64Array of k x d = k x 2 values, got length 3',
  });
});
