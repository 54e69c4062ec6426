/**
 * Prediction strength: exact co-membership proportions on a hand-computed case, a peak at the
 * planted k on separated blobs, no structure in a 10-dimensional uniform cube, the natural-k rule,
 * and identical results for 1 and 2 threads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import { coMembership, halves, predictionStrength, splitStrength } from '../../analysis/cluster/prediction-strength.ts';
import { DEFAULT_PS_THRESHOLD, naturalK, silhouetteK } from '../../analysis/cluster/natural-k.ts';
import type { KmeansSweepTask } from '../../analysis/cluster/kmeans-worker.ts';
import { createWorkerPool, workerFile } from '../../analysis/cluster/worker-pool.ts';
import { blobs } from './blobs.ts';

test('splitStrength: a hand-computed 6-point, 2-cluster case gives the exact proportions', () => {
  // Test half on a line: its own clusters {0, 1, 2} and {10, 11, 12}. Training centroids 0.4 and
  // 2.5 predict 0 -> c0 (0.4 < 2.1), 1 -> c0 (0.6 < 1.5), 2 -> c1 (1.6 > 0.5), 10, 11, 12 -> c1.
  const test6 = Float64Array.of(0, 1, 2, 10, 11, 12);
  const own = Int32Array.of(0, 0, 0, 1, 1, 1);
  const centroids = Float64Array.of(0.4, 2.5);
  // Cluster 0: of its 3 pairs (0,1), (0,2), (1,2) only (0,1) stays together: 1/3. Cluster 1: 3/3.
  const predicted = Int32Array.of(0, 0, 1, 1, 1, 1);
  assert.deepEqual(Array.from(coMembership(own, predicted, 2)), [1 / 3, 1]);
  assert.equal(splitStrength(test6, 6, 1, own, centroids, 2), 1 / 3);
  // Centroids 1 and 11 reproduce both clusters: every pair together.
  assert.equal(splitStrength(test6, 6, 1, own, Float64Array.of(1, 11), 2), 1);
  // A 4 + 2 split of one cluster of 6: C(4,2) + C(2,2) = 7 of C(6,2) = 15 pairs.
  assert.deepEqual(Array.from(coMembership(new Int32Array(6), Int32Array.of(0, 0, 1, 0, 1, 0), 2)), [7 / 15, NaN]);
  // A singleton test cluster ({12}) has no pair: it is left out of the minimum. The other,
  // {0, 1, 2, 10, 11}, goes 3 to the centroid at 5 and 2 to the one at 11: C(3,2) + C(2,2) = 4
  // of its C(5,2) = 10 pairs.
  assert.equal(splitStrength(test6, 6, 1, Int32Array.of(0, 0, 0, 0, 0, 1), Float64Array.of(5, 11), 2), 4 / 10);
});

test('halves: seeded, disjoint, covering, and different per split', () => {
  const a = halves(11, 'h', 0);
  assert.deepEqual(a, halves(11, 'h', 0));
  assert.equal(a.train.length, 5);
  assert.equal(a.test.length, 6);
  assert.deepEqual(
    [...a.train, ...a.test].sort((x, y) => x - y),
    Array.from({ length: 11 }, (_, i) => i),
  );
  assert.notDeepEqual(halves(11, 'h', 1).train, a.train);
  assert.notDeepEqual(halves(11, 'other', 0).train, a.train);
});

test('separated blobs (k = 4): prediction strength peaks at 4 and collapses above', async () => {
  const b = blobs(400, 3, 4, 'ps-blobs', 10, 1);
  const r = await predictionStrength(b.x, b.n, b.d, { seed: 1, kMin: 2, kMax: 8, restarts: 3, threads: 1 });
  const at = (k: number): number => r.perK.find((p) => p.k === k)!.mean;
  assert.equal(r.splits, 10);
  assert.equal(r.exact, true);
  assert.equal(at(4), 1, 'the four blobs are found again in every split');
  for (let k = 5; k <= 8; k++) assert.ok(at(k) < 0.7, `k = ${k}: ${at(k)} should collapse below 0.7`);
  assert.equal(naturalK(r.perK, DEFAULT_PS_THRESHOLD), 4);
  for (const p of r.perK) {
    assert.equal(p.splits.length, 10);
    assert.ok(p.sd >= 0 && p.mean >= 0 && p.mean <= 1);
  }
});

test('uniform noise in a 10-dimensional cube (1,000 points): no k >= 2 passes 0.9', async () => {
  const rng = seedrandom('ps-cube');
  const n = 1000;
  const d = 10;
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.double();
  const r = await predictionStrength(x, n, d, { seed: 2, kMin: 2, kMax: 6, restarts: 3, threads: 1 });
  for (const p of r.perK) assert.ok(p.mean < 0.9, `k = ${p.k}: ${p.mean}`);
  assert.equal(naturalK(r.perK, 0.9), 1, 'no cluster structure');
});

test('naturalK: the largest k at or above the threshold, else 1; silhouetteK: the maximum', () => {
  const ps = [
    { k: 2, mean: 0.95 },
    { k: 3, mean: 0.7 },
    { k: 4, mean: 0.9 },
    { k: 5, mean: 0.89999 },
  ];
  assert.equal(naturalK(ps, 0.9), 4, 'a dip at 3 does not stop a larger k from passing');
  assert.equal(naturalK(ps, 0.96), 1);
  assert.equal(naturalK([{ k: 1, mean: 1 }], 0.9), 1);
  assert.equal(
    silhouetteK([
      { k: 2, silhouette: 0.3 },
      { k: 3, silhouette: 0.4 },
      { k: 4, silhouette: 0.4 + 1e-12 },
    ]),
    3,
    'ties to the smaller k',
  );
});

test('identical results for 1 and 2 threads, and the subsample is seeded and stated', async () => {
  const b = blobs(400, 4, 3, 'ps-threads', 6, 1.5);
  const options = { seed: 't', kMin: 2, kMax: 5, restarts: 2, splits: 3 };
  const one = await predictionStrength(b.x, b.n, b.d, { ...options, threads: 1 });
  // A worker that is still starting when the calling thread has claimed every job does nothing;
  // a pool whose worker has loaded the k-means worker module (a task with no job left) joins in.
  const pool = createWorkerPool(1);
  try {
    const none: KmeansSweepTask = {
      x: new SharedArrayBuffer(8),
      d: 1,
      sets: [{ start: 0, n: 1, seed: 0 }],
      plan: { kMin: 1, kMax: 1, restarts: 1, maxIterations: 1 },
      counter: new SharedArrayBuffer(4),
      entered: new SharedArrayBuffer(4),
      slot: 0,
    };
    new Int32Array(none.counter)[0] = 1;
    assert.deepEqual(await pool.run(none, { filename: workerFile('kmeans-worker.ts') }), []);
    assert.deepEqual(await predictionStrength(b.x, b.n, b.d, { ...options, threads: 2, pool }), one);
  } finally {
    await pool.destroy();
  }
  const two = await predictionStrength(b.x, b.n, b.d, { ...options, threads: 2 });
  assert.deepEqual(two, one);
  const sampled = await predictionStrength(b.x, b.n, b.d, { ...options, sample: 120, threads: 1 });
  assert.equal(sampled.rows, 120);
  assert.equal(sampled.of, 400);
  assert.equal(sampled.exact, false);
  assert.equal(sampled.sampleSeed, 't/prediction-strength');
  assert.deepEqual(await predictionStrength(b.x, b.n, b.d, { ...options, sample: 120, threads: 2 }), sampled);
});

test('bad arguments are rejected with the argument named', async () => {
  const b = blobs(40, 2, 2, 'ps-bad', 5, 1);
  await assert.rejects(predictionStrength(b.x, b.n, b.d, { seed: 1, splits: 1 }), {
    message: 'predictionStrength: options.splits must be an integer >= 2, got 1',
  });
  await assert.rejects(predictionStrength(b.x, b.n, b.d, { seed: 1, kMax: 30 }), {
    message: 'predictionStrength: halves of 40 rows are too small for k = 30',
  });
  assert.throws(() => coMembership(Int32Array.of(0, 2), Int32Array.of(0, 0), 2), {
    message: 'coMembership: labels[1] = 2 is out of range (expected 0..1)',
  });
});
