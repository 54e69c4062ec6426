/**
 * Greedy k-means++ seeding: deterministic, centres are distinct rows of x, on planted far-apart
 * groups it puts one centre in each group, and its trials (all drawn first, scored in one pass)
 * give the bits of the plain one-trial-at-a-time loop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import { kmeansPlusPlus } from '../../analysis/cluster/kmeans-plus-plus.ts';
import { blobs } from './blobs.ts';

/** scikit-learn's greedy k-means++ written plainly: each trial drawn, then scored, in turn. */
function plain(x: Float64Array, n: number, d: number, k: number, seed: number): number[][] {
  const rng = seedrandom(`musika/kmeans++:${seed}`);
  const dist = (i: number, j: number): number => {
    let s = 0;
    for (let t = 0; t < d; t++) s += (x[i * d + t] - x[j * d + t]) ** 2;
    return s;
  };
  const row = (i: number): number[] => Array.from(x.subarray(i * d, i * d + d));
  const first = Math.min(n - 1, Math.floor(rng.double() * n));
  const centres = [row(first)];
  let closest = Array.from({ length: n }, (_, i) => dist(i, first));
  for (let c = 1; c < k; c++) {
    const cumulative: number[] = [];
    let sum = 0;
    for (const v of closest) {
      sum += v;
      cumulative.push(sum);
    }
    let bestPot = Infinity;
    let bestRow = -1;
    let bestMins: number[] = [];
    for (let t = 0; t < 2 + Math.floor(Math.log(k)); t++) {
      const target = rng.double() * sum;
      let cand = cumulative.findIndex((v) => v > target);
      if (cand < 0) cand = n - 1;
      const mins = closest.map((q, i) => Math.min(dist(i, cand), q));
      const pot = mins.reduce((a, b) => a + b, 0);
      if (pot < bestPot) [bestPot, bestRow, bestMins] = [pot, cand, mins];
    }
    centres.push(row(bestRow));
    closest = bestMins;
  }
  return centres;
}

test('the same centres as the plain loop, for k = 1..21 (1 to 5 trials per centre)', () => {
  const { x, n, d } = blobs(700, 6, 8, 'kpp-plain', 3, 1.5);
  for (let k = 1; k <= 21; k += 2) {
    for (const seed of [1, 2]) assert.deepEqual(kmeansPlusPlus(x, n, d, k, seed), plain(x, n, d, k, seed), `k = ${k}`);
  }
});

test('same seed, same centres; centres are distinct rows of x', () => {
  const { x, n, d } = blobs(500, 4, 6, 'kpp', 5, 2);
  const a = kmeansPlusPlus(x, n, d, 6, 11);
  assert.deepEqual(a, kmeansPlusPlus(x, n, d, 6, 11));
  assert.notDeepEqual(a, kmeansPlusPlus(x, n, d, 6, 12));
  const rows = new Set<string>();
  for (let i = 0; i < n; i++) rows.add(Array.from(x.subarray(i * d, i * d + d)).join(','));
  assert.equal(new Set(a.map((c) => c.join(','))).size, 6, 'distinct');
  for (const c of a) assert.ok(rows.has(c.join(',')), 'a row of x');
});

test('one centre per far-apart group', () => {
  // Groups of 10 points at 0, 1000 and 2000 (1-D, jitter < 1): after the first centre, any
  // unchosen group holds all but a negligible share of the squared-distance weight.
  const x = new Float64Array(30);
  for (let i = 0; i < 30; i++) x[i] = Math.floor(i / 10) * 1000 + (i % 10) / 10;
  for (let seed = 0; seed < 20; seed++) {
    const groups = kmeansPlusPlus(x, 30, 1, 3, seed).map((c) => Math.round(c[0] / 1000));
    assert.deepEqual(groups.sort(), [0, 1, 2], `seed ${seed}`);
  }
});

test('k = 1 and k = n', () => {
  const x = Float64Array.of(0, 5, 9);
  assert.equal(kmeansPlusPlus(x, 3, 1, 1, 'a').length, 1);
  assert.deepEqual(
    kmeansPlusPlus(x, 3, 1, 3, 'a')
      .map((c) => c[0])
      .sort((p, q) => p - q),
    [0, 5, 9],
  );
});
