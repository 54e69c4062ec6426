/**
 * meanSilhouettes: exact up to the sample size, a shared seeded sample above it; and the
 * recommenders' segmentation scoring its k sweep through it instead of an exact silhouette of
 * every trader.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanSilhouettes } from '../../analysis/cluster/mean-silhouettes.ts';
import { silhouetteSamples, silhouetteScore } from '../../analysis/cluster/silhouette.ts';
import { sweepK } from '../../analysis/cluster/kmeans-sweep.ts';
import { readSplit } from '../../analysis/recommend/split.ts';
import { segmentTraders } from '../../analysis/recommend/segmentation.ts';
import { blobs } from './blobs.ts';
import { runOnce } from '../helpers/run.ts';

/** Sample standard deviation. */
function sd(xs: Float64Array): number {
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  return Math.sqrt(v / (xs.length - 1));
}

test('meanSilhouettes: exact (silhouetteScore of every row) up to the sample size', () => {
  const { x, n, d } = blobs(300, 4, 3, 'exact');
  const fits = sweepK(x, n, d, { kMin: 2, kMax: 4, restarts: 2, seed: 'exact' });
  const r = meanSilhouettes(
    x,
    n,
    d,
    fits.map((f) => f.labels),
    fits.map((f) => f.k),
    { sample: 300, seed: 's' },
  );
  assert.equal(r.exact, true);
  assert.equal(r.rows, 300);
  assert.deepEqual(
    r.scores,
    fits.map((f) => silhouetteScore(x, n, d, f.labels)),
  );
});

test('meanSilhouettes: above the sample size, one seeded sample for every labeling, close to the exact mean', () => {
  const { x, n, d } = blobs(3000, 5, 4, 'sampled', 6, 2);
  const fits = sweepK(x, n, d, { kMin: 2, kMax: 6, restarts: 2, seed: 'sampled' });
  const labelings = fits.map((f) => f.labels);
  const ks = fits.map((f) => f.k);
  const r = meanSilhouettes(x, n, d, labelings, ks, { sample: 400, seed: 'a' });
  assert.equal(r.exact, false);
  // The uniform sample plus at most 20 rows topped up per cluster of each labeling.
  assert.ok(r.rows >= 400 && r.rows <= 400 + 20 * ks.reduce((a, b) => a + b, 0), String(r.rows));
  assert.deepEqual(meanSilhouettes(x, n, d, labelings, ks, { sample: 400, seed: 'a' }), r, 'same seed, same scores');
  fits.forEach((f, i) => {
    const exact = silhouetteSamples(x, n, d, f.labels);
    let mean = 0;
    for (const s of exact) mean += s;
    mean /= n;
    // Sampling error of a mean of ~400 rows: 5 standard errors, plus 0.02 for a(i) and b(i) being
    // themselves means over the sample rather than over all 3,000 rows.
    const tolerance = (5 * sd(exact)) / Math.sqrt(r.rows) + 0.02;
    assert.ok(
      Math.abs(r.scores[i] - mean) < tolerance,
      `k = ${f.k}: ${r.scores[i]} vs exact ${mean} (+- ${tolerance})`,
    );
  });
  const best = (scores: number[]) => ks[scores.indexOf(Math.max(...scores))];
  assert.equal(
    best(r.scores),
    best(fits.map((f) => silhouetteScore(x, n, d, f.labels))),
    'the sample picks the exact best k',
  );
});

test('segmentTraders scores its k sweep with the sampled silhouette above silhouetteSample traders', async () => {
  const run = await runOnce({ preset: 'personas', traders: 600, weeks: 6, seed: 'segments' });
  const { manifest, train } = await readSplit(run.dir, 2);
  const exact = await segmentTraders(run.dir, train, { seed: manifest.seed });
  const sampled = await segmentTraders(run.dir, train, { seed: manifest.seed, silhouetteSample: 150 });
  assert.equal(exact.chosenBy, 'natural');
  assert.deepEqual(
    sampled.perK.map((p) => p.k),
    exact.perK.map((p) => p.k),
  );
  // The sample's own numbers (how close a sample's mean comes is the test above): not the exact ones.
  assert.notDeepEqual(sampled.perK, exact.perK);
  for (const p of sampled.perK) assert.ok(p.silhouette > -1 && p.silhouette < 1, String(p.silhouette));
});
