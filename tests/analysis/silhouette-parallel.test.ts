/**
 * Parallel silhouette: bit-identical to the serial function however the rows are shared out,
 * and the seeded row sampler.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silhouetteSamples } from '../../analysis/cluster/silhouette.ts';
import { sampleIndices, silhouetteParallel } from '../../analysis/cluster/silhouette-parallel.ts';
import { sweepK } from '../../analysis/cluster/kmeans-sweep.ts';
import { sweepKParallel } from '../../analysis/cluster/kmeans-sweep-parallel.ts';
import { createWorkerPool } from '../../analysis/cluster/worker-pool.ts';
import { blobs } from './blobs.ts';

function assertSameBits(actual: Float64Array, expected: Float64Array, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Object.is(actual[i], expected[i]), `${label}: row ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

const data = blobs(403, 9, 5, 'silhouette-parallel', 6, 2);
const serial = silhouetteSamples(data.x, data.n, data.d, data.truth);

test('workers only (calling thread idle) give the serial bits', async () => {
  const par = await silhouetteParallel(data.x, data.n, data.d, data.truth, {
    threads: 2,
    mainThread: false,
  });
  assertSameBits(par, serial, 'threads=2, workers only');
});

test('calling thread plus a worker give the serial bits', async () => {
  const par = await silhouetteParallel(data.x, data.n, data.d, data.truth, { threads: 2 });
  assertSameBits(par, serial, 'threads=2');
});

test('threads = 1 runs inline and gives the serial bits', async () => {
  const par = await silhouetteParallel(data.x, data.n, data.d, data.truth, { threads: 1 });
  assertSameBits(par, serial, 'threads=1');
});

test('one caller-owned pool serves several calls and both worker kinds', async () => {
  const pool = createWorkerPool(1);
  try {
    for (let r = 0; r < 2; r++) {
      const par = await silhouetteParallel(data.x, data.n, data.d, data.truth, {
        threads: 1,
        mainThread: false,
        pool,
      });
      assertSameBits(par, serial, `pooled call ${r + 1}`);
    }
    const options = { kMin: 2, kMax: 3, restarts: 2, seed: 5 };
    assert.deepEqual(
      await sweepKParallel(data.x, data.n, data.d, { ...options, threads: 2, pool }),
      sweepK(data.x, data.n, data.d, options),
    );
    assert.equal(pool.threads.length, 1, 'the pool is left running');
  } finally {
    await pool.destroy();
  }
});

test('bad input is rejected before any worker starts', async () => {
  await assert.rejects(silhouetteParallel(data.x, data.n, data.d, new Int32Array(data.n), { threads: 2 }), {
    message: `silhouette needs at least 2 non-empty clusters, got 1 (k = 1, n = ${data.n})`,
  });
  await assert.rejects(silhouetteParallel(data.x, data.n, data.d, data.truth, { threads: 0 }), {
    message: 'silhouetteParallel: options.threads must be an integer >= 1, got 0',
  });
});

test('sampleIndices: seeded, sorted, distinct, in range', () => {
  const a = sampleIndices(10_000, 500, 42);
  assert.deepEqual(a, sampleIndices(10_000, 500, 42));
  assert.notDeepEqual(a, sampleIndices(10_000, 500, 43));
  assert.equal(a.length, 500);
  for (let i = 1; i < a.length; i++) assert.ok(a[i - 1] < a[i], `sorted and distinct at ${i}`);
  assert.ok(a[0] >= 0 && a[a.length - 1] < 10_000);
  assert.deepEqual(sampleIndices(5, 5, 'x'), Int32Array.of(0, 1, 2, 3, 4));
  assert.equal(sampleIndices(5, 0, 'x').length, 0);
  assert.throws(() => sampleIndices(5, 6, 1), { message: 'sampleIndices: size = 6 exceeds n = 5' });
});

test('sampleIndices draws every index about equally often', () => {
  // 2,000 draws of 3 out of 10: each index expected 600 times, sd about 20.
  const hits = new Array<number>(10).fill(0);
  for (let s = 0; s < 2000; s++) for (const i of sampleIndices(10, 3, s)) hits[i]++;
  for (const h of hits) assert.ok(Math.abs(h - 600) < 100, `hits ${hits.join(',')}`);
});
