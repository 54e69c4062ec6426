/**
 * Greedy k-means++ seeding: deterministic, centres are distinct rows of x, and on planted
 * far-apart groups it puts one centre in each group.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kmeansPlusPlus } from '../../analysis/cluster/kmeans-plus-plus.ts';
import { blobs } from './blobs.ts';

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
