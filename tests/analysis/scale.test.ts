/**
 * Analysis at scale, on small data: the stratified silhouette sample keeps every cluster, the
 * Lloyd refinement lowers or keeps the sample fit's inertia on all rows, and analyzeRun with
 * sampled restarts and a sampled silhouette says so in analysis.json and gives the same result
 * on 1 and 2 threads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRun, type AnalysisResult } from '../../analysis/analyze.ts';
import { inertia } from '../../analysis/cluster-indices.ts';
import { refineKmeans } from '../../analysis/kmeans-refine.ts';
import { stratifiedSample } from '../../analysis/stratified-sample.ts';
import { runOnce } from '../helpers/run.ts';
import { blobs } from './blobs.ts';

test('stratifiedSample: the requested size, every cluster represented, seeded', () => {
  // 1,000 rows: cluster 0 has 990, cluster 1 ten, cluster 2 none.
  const labels = Int32Array.from({ length: 1000 }, (_, i) => (i % 100 === 7 ? 1 : 0));
  const s = stratifiedSample(labels, 3, 100, 'seed', 5);
  const c1 = Array.from(s).filter((i) => labels[i] === 1).length;
  assert.ok(c1 >= 5, `the small cluster has ${c1} rows in the sample`);
  assert.ok(Math.abs(s.length - 100) <= 5, `size ${s.length}`);
  assert.deepEqual(Array.from(s), Array.from(stratifiedSample(labels, 3, 100, 'seed', 5)));
  assert.notDeepEqual(Array.from(s), Array.from(stratifiedSample(labels, 3, 100, 'other', 5)));
  assert.ok(s.every((v, i) => i === 0 || v > s[i - 1]), 'ascending, no repeats');
  assert.equal(stratifiedSample(labels, 3, 5000, 'seed').length, 1000, 'all rows when the sample would be larger');
});

test('refineKmeans: Lloyd from given centroids converges, labels and inertia consistent', () => {
  const { x, n, d } = blobs(600, 4, 3, 'refine');
  const start = Float64Array.from(x.subarray(0, 3 * d)); // three rows as poor starting centroids
  const r = refineKmeans(x, n, d, start, 3);
  assert.ok(r.iterations < 300);
  assert.ok(Math.abs(r.inertia - inertia(x, n, d, r.labels, r.centroids)) < 1e-6 * r.inertia);
  assert.equal(new Set(r.labels).size, 3);
});

const timeless = (r: AnalysisResult): unknown => ({ ...r, seconds: 0, predictionStrengthSetup: { ...r.predictionStrengthSetup, seconds: 0 }, kmeans: { ...r.kmeans, seconds: 0 } });

test('analyzeRun above the sample sizes: restarts on a sample refined on all, stratified silhouette, same for 1 and 2 threads', async () => {
  const run = await runOnce({ preset: 'personas', traders: 300, weeks: 8, seed: 'analyze-unit' });
  const options = { kMax: 6, restarts: 3, psSplits: 3, sample: 120, restartSample: 150 };
  const one = await analyzeRun(run.dir, { ...options, threads: 1 });
  const two = await analyzeRun(run.dir, { ...options, threads: 2 });
  assert.deepEqual(timeless(two), timeless(one));
  assert.equal(one.kmeans.refinedOnAll, true);
  assert.equal(one.kmeans.restartRows, 150);
  assert.match(one.kmeans.method, /on a seeded sample of 150 .* refined by Lloyd iterations on all/);
  assert.equal(one.sample.exact, false);
  assert.equal(one.sample.stratified, true);
  // Every cluster of the shown k is in the silhouette sample: each has a per-cluster silhouette.
  assert.equal(one.clusters.length, one.clusteredK);
  for (const c of one.clusters) assert.ok(Number.isFinite(c.silhouette), `a cluster of ${c.size} traders: ${c.silhouette}`);
  assert.ok(one.perK.every((p) => p.inertia > 0 && Number.isFinite(p.silhouette)));
});
