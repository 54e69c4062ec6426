/**
 * The silhouette of several labelings in one blocked pass over the pairs (silhouette-many.ts):
 * each labeling's s(i) is the exact one of silhouette.ts, and any split of the rows (ranges
 * that cut its blocks of four anywhere, or threads) gives the same bits as one pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatLabels, planMany, silhouetteMany, silhouetteManyRows } from '../../analysis/cluster/silhouette-many.ts';
import { silhouetteManyParallel } from '../../analysis/cluster/silhouette-parallel.ts';
import { silhouetteSamples } from '../../analysis/cluster/silhouette.ts';
import { blobs } from './blobs.ts';

/** Labelings of blobs: the planted one, a coarser one (pairs of blobs merged) and one by a sign. */
function labelings(x: Float64Array, n: number, d: number, truth: Int32Array): { ls: Int32Array[]; ks: number[] } {
  const merged = truth.map((c) => c >> 1);
  const sign = Int32Array.from({ length: n }, (_, i) => (x[i * d] > 0 ? 1 : 0));
  return { ls: [truth, merged, sign], ks: [6, 3, 2] };
}

test('silhouetteManyRows: exact s(i); any split of the rows gives the bits of one pass, on 1 or 2 threads', async () => {
  const { x, n, d, truth } = blobs(203, 5, 6, 'many-split', 4, 1.5);
  const { ls, ks } = labelings(x, n, d, truth);
  const whole = silhouetteMany(x, n, d, ls, ks);
  for (let l = 0; l < ls.length; l++) {
    const exact = silhouetteSamples(x, n, d, ls[l]);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(whole[l][i] - exact[i]) < 1e-12, `k = ${ks[l]}, row ${i}`);
  }
  const labels = concatLabels(ls, n);
  const plan = planMany(n, labels, ks);
  const out = new Float64Array(ls.length * n);
  // Ranges that cut the blocks of four anywhere, down to a single row.
  for (const [a, b] of [
    [0, 7],
    [7, 8],
    [8, 101],
    [101, 203],
  ])
    silhouetteManyRows(x, d, labels, plan, a, b, out);
  for (let l = 0; l < ls.length; l++) assert.deepEqual(out.slice(l * n, l * n + n), whole[l]);
  assert.deepEqual(await silhouetteManyParallel(x, n, d, ls, ks, { threads: 2 }), whole);
  assert.deepEqual(await silhouetteManyParallel(x, n, d, ls, ks, { threads: 1 }), whole);
});
