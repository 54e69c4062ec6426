/**
 * Analysis at scale, on small data: the silhouette of several labelings in one pass equals each
 * exact silhouette, the shared sample keeps every cluster of every labeling, the Lloyd refinement lowers or keeps the sample fit's inertia on all rows, and analyzeRun with
 * sampled restarts and a sampled silhouette says so in analysis.json and gives the same result
 * on 1 and 2 threads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRun, type AnalysisResult } from '../../analysis/analyze.ts';
import { inertia } from '../../analysis/cluster/cluster-indices.ts';
import { refineKmeans } from '../../analysis/cluster/kmeans-refine.ts';
import { sharedSample, silhouetteMany } from '../../analysis/cluster/silhouette-many.ts';
import { silhouetteSamples } from '../../analysis/cluster/silhouette.ts';
import { runOnce } from '../helpers/run.ts';
import { blobs } from './blobs.ts';

test('silhouetteMany: every labeling gets the exact silhouette s(i), from one pass over the pairs', () => {
  const { x, n, d } = blobs(300, 3, 4, 'many');
  const two = Int32Array.from({ length: n }, (_, i) => (x[i * d] > 0 ? 1 : 0));
  const four = Int32Array.from({ length: n }, (_, i) => (x[i * d] > 0 ? 1 : 0) + (x[i * d + 1] > 0 ? 2 : 0));
  const [a, b] = silhouetteMany(x, n, d, [two, four], [2, 4]);
  const ea = silhouetteSamples(x, n, d, two);
  const eb = silhouetteSamples(x, n, d, four);
  for (let i = 0; i < n; i++) {
    assert.ok(Math.abs(a[i] - ea[i]) < 1e-12, `row ${i}, k = 2`);
    assert.ok(Math.abs(b[i] - eb[i]) < 1e-12, `row ${i}, k = 4`);
  }
});

test('sharedSample: the seeded base, topped up so that every cluster of every labeling has its minimum', () => {
  // 1,000 rows: in the second labeling cluster 1 has ten rows, none of them in the base sample.
  const labels = Int32Array.from({ length: 1000 }, (_, i) => (i % 100 === 7 ? 1 : 0));
  const other = Int32Array.from({ length: 1000 }, (_, i) => i % 3);
  const base = Int32Array.from({ length: 50 }, (_, i) => i * 20);
  const s = sharedSample(1000, [other, labels], [3, 2], base, 5);
  assert.ok(
    base.every((i) => s.includes(i)),
    'the base sample is kept',
  );
  assert.equal(Array.from(s).filter((i) => labels[i] === 1).length, 5);
  for (let c = 0; c < 3; c++) assert.ok(Array.from(s).filter((i) => other[i] === c).length >= 5);
  assert.ok(
    s.every((v, i) => i === 0 || v > s[i - 1]),
    'ascending, no repeats',
  );
});

test('refineKmeans: Lloyd from given centroids converges, labels and inertia consistent', () => {
  const { x, n, d } = blobs(600, 4, 3, 'refine');
  const start = Float64Array.from(x.subarray(0, 3 * d)); // three rows as poor starting centroids
  const r = refineKmeans(x, n, d, start, 3);
  assert.ok(r.iterations < 300);
  assert.ok(Math.abs(r.inertia - inertia(x, n, d, r.labels, r.centroids)) < 1e-6 * r.inertia);
  assert.equal(new Set(r.labels).size, 3);
});

const timeless = (r: AnalysisResult): unknown => ({
  ...r,
  seconds: 0,
  predictionStrengthSetup: { ...r.predictionStrengthSetup, seconds: 0 },
  kmeans: { ...r.kmeans, seconds: 0 },
  sample: { ...r.sample, seconds: 0 },
});

test('analyzeRun above the sample sizes: restarts on a sample refined on all, stratified silhouette, same for 1 and 2 threads', async () => {
  const run = await runOnce({ preset: 'personas', traders: 300, weeks: 8, seed: 'analyze-unit' });
  const options = { kMax: 6, restarts: 3, psSplits: 3, sample: 120, exactSilhouette: 120, restartSample: 150 };
  const one = await analyzeRun(run.dir, { ...options, threads: 1 });
  const two = await analyzeRun(run.dir, { ...options, threads: 2 });
  assert.deepEqual(timeless(two), timeless(one));
  assert.equal(one.kmeans.refinedOnAll, true);
  assert.equal(one.kmeans.restartRows, 150);
  assert.match(one.kmeans.method, /on a seeded sample of 150 .* refined by Lloyd iterations on all/);
  assert.equal(one.sample.exact, false);
  assert.equal(one.sample.stratified, true);
  assert.equal(one.sample.drawn, 120);
  assert.equal(one.sample.replicateSeed, `${one.run.seed}/silhouette/replicates`);
  // Each silhouette states its standard error, from the sample's replicates.
  assert.ok(one.perK.every((p) => p.silhouetteSE > 0 && p.silhouetteSE < 0.2));
  assert.ok(one.truthSilhouetteSE > 0);
  assert.equal(one.sample.maxStandardError, Math.max(one.truthSilhouetteSE, ...one.perK.map((p) => p.silhouetteSE)));
  // Every cluster of the shown k is in the silhouette sample: each has a per-cluster silhouette.
  assert.equal(one.clusters.length, one.clusteredK);
  for (const c of one.clusters)
    assert.ok(Number.isFinite(c.silhouette), `a cluster of ${c.size} traders: ${c.silhouette}`);
  assert.ok(one.perK.every((p) => p.inertia > 0 && Number.isFinite(p.silhouette)));
});
