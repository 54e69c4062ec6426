/**
 * The silhouette of several labelings on one seeded, stratified sample (silhouette-sampled.ts):
 * its mean is within three of its standard errors of the exact silhouette of all rows on a
 * mid-size case, and those errors are neither overstated nor understated; every cluster is
 * represented; the same result on 1 and 2 threads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silhouetteMany } from '../../analysis/cluster/silhouette-many.ts';
import { REPLICATES, sampledSilhouettes } from '../../analysis/cluster/silhouette-sampled.ts';
import { blobs } from './blobs.ts';

/** Labelings of blobs: the planted one, a coarser one (pairs of blobs merged) and one by a sign. */
function labelings(x: Float64Array, n: number, d: number, truth: Int32Array): { ls: Int32Array[]; ks: number[] } {
  const merged = truth.map((c) => c >> 1);
  const sign = Int32Array.from({ length: n }, (_, i) => (x[i * d] > 0 ? 1 : 0));
  return { ls: [truth, merged, sign], ks: [6, 3, 2] };
}

const mean = (v: Float64Array): number => v.reduce((a, b) => a + b, 0) / v.length;

test('sampled silhouettes: within 3 standard errors of the exact ones, and the errors calibrated (6,000 rows, samples of 1,500)', async () => {
  const { x, n, d, truth } = blobs(6000, 6, 6, 'many-se', 3, 1.5);
  const { ls, ks } = labelings(x, n, d, truth);
  const exact = silhouetteMany(x, n, d, ls, ks).map(mean);
  const z: number[] = [];
  for (const seed of ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8']) {
    const s = await sampledSilhouettes(x, n, d, ls, ks, 1500, seed, { threads: 1 });
    assert.equal(s.rows.length, 1500, 'every cluster has 20 rows already: no top-up');
    s.perLabeling.forEach((p, l) => {
      assert.ok(p.se > 0 && p.se < 0.05, `seed ${seed}, k = ${ks[l]}: se ${p.se}`);
      assert.ok(
        Math.abs(p.score - exact[l]) <= 3 * p.se,
        `seed ${seed}, k = ${ks[l]}: sampled ${p.score} vs exact ${exact[l]}, se ${p.se}`,
      );
      z.push((p.score - exact[l]) / p.se);
    });
  }
  // A standard error that is right makes (sampled - exact) / se about unit-sized: an rms of 24
  // such ratios far below 1 would mean errors overstated (and the 3-se check above empty), far
  // above, understated. (0.94 when written.)
  const rms = Math.sqrt(z.reduce((a, b) => a + b * b, 0) / z.length);
  assert.ok(rms > 0.5 && rms < 1.6, `rms of (sampled - exact) / se = ${rms}`);
  assert.equal(REPLICATES, 10);
});

test('sampled silhouettes: every cluster topped up to 20 rows, same result on 1 and 2 threads', async () => {
  const { x, n, d, truth } = blobs(3000, 4, 6, 'many-strata', 4, 1.5);
  // A labeling with a cluster of 30 rows, which a uniform sample of 300 would barely touch.
  const rare = Int32Array.from({ length: n }, (_, i) => (i % 100 === 3 ? 1 : 0));
  const ls = [truth, rare];
  const ks = [6, 2];
  const one = await sampledSilhouettes(x, n, d, ls, ks, 300, 'strata', { threads: 1 });
  const inRare = Array.from(one.rows).filter((i) => rare[i] === 1).length;
  assert.ok(inRare >= 20, `${inRare} rows of the rare cluster`);
  assert.deepEqual(await sampledSilhouettes(x, n, d, ls, ks, 300, 'strata', { threads: 2 }), one);
});
