/**
 * Best-of-restarts k-means: deterministic for a seed, recovers planted clusters, and the
 * parallel sweep gives exactly the serial fits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import { adjustedRandIndex } from '../../analysis/agreement/agreement.ts';
import { inertia } from '../../analysis/cluster/cluster-indices.ts';
import { bestKmeans, restartSeed, sweepK } from '../../analysis/cluster/kmeans-sweep.ts';
import { bestKmeansParallel, sweepKParallel, sweepSetsParallel } from '../../analysis/cluster/kmeans-sweep-parallel.ts';
import { blobs } from './blobs.ts';

/** 4 tight clusters (sd 0.5) around centres 40 apart: any sane k-means must find them. */
function planted(): { x: Float64Array; n: number; d: number; truth: Int32Array } {
  const centres = [
    [0, 0, 0],
    [40, 0, 0],
    [0, 40, 0],
    [0, 0, 40],
  ];
  const rng = seedrandom('planted');
  const n = 120;
  const d = 3;
  const x = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = i % 4;
    for (let t = 0; t < d; t++) x[i * d + t] = centres[i % 4][t] + (rng.double() - 0.5);
  }
  return { x, n, d, truth };
}

test('bestKmeans finds planted, well-separated clusters (ARI = 1)', () => {
  const { x, n, d, truth } = planted();
  const fit = bestKmeans(x, n, d, 4, { seed: 1, restarts: 5 });
  assert.equal(adjustedRandIndex(truth, fit.labels), 1);
  assert.equal(fit.centroids.length, 4 * d);
});

test('bestKmeans is deterministic for a seed and its parts agree', () => {
  const { x, n, d } = blobs(300, 4, 5, 'kmeans-determinism', 4, 1.5);
  const a = bestKmeans(x, n, d, 5, { seed: 'abc', restarts: 4, maxIterations: 50 });
  const b = bestKmeans(x, n, d, 5, { seed: 'abc', restarts: 4, maxIterations: 50 });
  assert.deepEqual(a, b);
  // inertia is that of the returned labels around the returned centroids
  assert.equal(a.inertia, inertia(x, n, d, a.labels, a.centroids));
  // the best of 4 restarts is no worse than any single one of them
  for (let r = 1; r <= 4; r++) {
    const fewer = bestKmeans(x, n, d, 5, { seed: 'abc', restarts: r, maxIterations: 50 });
    assert.ok(a.inertia <= fewer.inertia);
  }
});

test('sweepK gives each k the fit bestKmeans gives it alone', () => {
  const { x, n, d } = blobs(200, 3, 3, 'kmeans-sweep', 5, 1);
  const fits = sweepK(x, n, d, { kMin: 2, kMax: 5, restarts: 3, seed: 9 });
  assert.deepEqual(
    fits.map((f) => f.k),
    [2, 3, 4, 5],
  );
  for (const f of fits) {
    const alone = bestKmeans(x, n, d, f.k, { restarts: 3, seed: 9 });
    assert.deepEqual({ labels: f.labels, centroids: f.centroids, inertia: f.inertia }, alone);
  }
});

test('the parallel sweep gives exactly the serial fits', async () => {
  const { x, n, d } = blobs(400, 5, 4, 'kmeans-parallel', 5, 1.5);
  const options = { kMin: 2, kMax: 6, restarts: 4, seed: 21 };
  const serial = sweepK(x, n, d, options);
  assert.deepEqual(await sweepKParallel(x, n, d, { ...options, threads: 2 }), serial);
  assert.deepEqual(await sweepKParallel(x, n, d, { ...options, threads: 1 }), serial);
  const one = await bestKmeansParallel(x, n, d, 3, { restarts: 4, seed: 21, threads: 2 });
  assert.deepEqual(one, bestKmeans(x, n, d, 3, { restarts: 4, seed: 21 }));
});

test('several sets in one queue: each gets exactly its own serial sweep, on 1 or 2 threads', async () => {
  const sets = [
    { ...blobs(150, 3, 3, 'sets-a', 5, 1), seed: 'a' },
    { ...blobs(90, 3, 4, 'sets-b', 5, 1.5), seed: 'b' },
    { ...blobs(200, 3, 2, 'sets-c', 5, 1), seed: 7 },
  ];
  const options = { kMin: 2, kMax: 5, restarts: 3 };
  const serial = sets.map((s) => sweepK(s.x, s.n, s.d, { ...options, seed: s.seed }));
  assert.deepEqual(await sweepSetsParallel(sets, 3, { ...options, threads: 2 }), serial);
  assert.deepEqual(await sweepSetsParallel(sets, 3, { ...options, threads: 1 }), serial);
});

test('restart seeds depend on seed, k and restart', () => {
  const s = restartSeed(1, 3, 0);
  assert.equal(s, restartSeed(1, 3, 0));
  assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 32);
  const others = [restartSeed(2, 3, 0), restartSeed(1, 4, 0), restartSeed(1, 3, 1)];
  for (const o of others) assert.notEqual(o, s);
});

test('bad arguments are rejected with the argument named', () => {
  const { x, n, d } = planted();
  assert.throws(() => bestKmeans(x, n, d, 0, { seed: 1 }), {
    message: 'bestKmeans: k must be an integer >= 1, got 0',
  });
  assert.throws(() => bestKmeans(x, n, d, 3, { seed: 1, restarts: 0 }), {
    message: 'bestKmeans: options.restarts must be an integer >= 1, got 0',
  });
  assert.throws(() => sweepK(x, n, d, { seed: undefined as unknown as number }), {
    message: 'sweepK: options.seed must be a number or string, got undefined',
  });
  assert.throws(() => sweepK(x, n, d, { seed: 1, kMin: 5, kMax: 3 }), {
    message: 'sweepK: kMax must be an integer >= 5, got 3',
  });
  const twoDistinct = Float64Array.of(0, 0, 1, 1, 0, 1);
  assert.throws(() => bestKmeans(twoDistinct, 6, 1, 3, { seed: 1 }), {
    message: 'bestKmeans: k = 3 exceeds the number of distinct rows (2)',
  });
});
