/**
 * analyzeRun end to end without a browser: on small persona and uniform runs it writes
 * analysis.json, features.csv and clusters.csv; the natural k follows the prediction-strength rule
 * and the silhouette k the silhouette rule; with no cluster structure the silhouette k's clusters
 * are written and labelled forced; 1 and 2 threads give the same analysis; bad --ps-threshold
 * input is one UsageError naming the flag and the value; compare's table, pipeline's headline and the
 * report show both criteria.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun, type AnalysisResult } from '../../analysis/analyze.ts';
import { formatAnalysis, naturalKText } from '../../analysis/format.ts';
import { naturalK, silhouetteK } from '../../analysis/cluster/natural-k.ts';
import { writeReport } from '../../analysis/report/report.ts';
import type { RecommendResult, ValidationResult } from '../../analysis/index.ts';
import { analyzeOptionsFrom } from '../../engine/commands/analyze.ts';
import { formatComparison } from '../../engine/commands/compare.ts';
import { formatHeadline } from '../../engine/commands/pipeline.ts';
import { UsageError } from '../../engine/errors.ts';
import { runOnce } from '../helpers/run.ts';

const PERSONAS = { preset: 'personas', traders: 300, weeks: 8, seed: 'analyze-unit' } as const;
const UNIFORM = { preset: 'uniform', traders: 300, weeks: 8, seed: 'analyze-unit' } as const;

/** Each analysis once per file (the suite runs on 2 shared cores): later calls share the promise. */
function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}
const personasAnalysis = once(async () => analyzeRun((await runOnce(PERSONAS)).dir, { kMax: 7, threads: 1 }));
// A threshold of 1 asks for every pair of every cluster in every split to be predicted: uniform
// traders never give that. Fewer restarts and splits: this case is about the forced path.
const uniformForced = once(async () =>
  analyzeRun((await runOnce(UNIFORM)).dir, { kMax: 6, threads: 1, psThreshold: 1, restarts: 3, psSplits: 3 }),
);

/** The result without its timings, which differ between runs. */
function timeless(r: AnalysisResult): unknown {
  return {
    ...r,
    seconds: 0,
    predictionStrengthSetup: { ...r.predictionStrengthSetup, seconds: 0 },
    kmeans: { ...r.kmeans, seconds: 0 },
    sample: { ...r.sample, seconds: 0 },
  };
}

test('analyzeRun: prediction strength beside the silhouette, same analysis for 1 and 2 threads', async () => {
  const run = await runOnce(PERSONAS);
  const two = await analyzeRun(run.dir, { kMax: 7, threads: 2 });
  const one = await personasAnalysis();
  assert.deepEqual(timeless(two), timeless(one));
  const onDisk = JSON.parse(readFileSync(join(run.dir, 'analysis', 'analysis.json'), 'utf8')) as AnalysisResult;
  assert.deepEqual(timeless(onDisk), timeless(one), 'analysis.json holds the result');

  const r = one;
  assert.deepEqual(
    r.predictionStrength.map((p) => p.k),
    [2, 3, 4, 5, 6, 7],
  );
  for (const p of r.predictionStrength)
    assert.ok(p.mean >= 0 && p.mean <= 1 && p.sd >= 0, `k = ${p.k}: ${p.mean} +- ${p.sd}`);
  assert.equal(r.psThreshold, 0.9);
  assert.deepEqual(r.predictionStrengthSetup, {
    ...r.predictionStrengthSetup,
    splits: 10,
    restarts: 10,
    rows: r.tradersClustered,
    of: r.tradersClustered,
    exact: true,
    sampleSeed: '',
  });
  // Below 20,000 traders the silhouette is exact: on all traders, no standard error.
  assert.equal(r.sample.exact, true);
  assert.equal(r.sample.size, r.tradersClustered);
  assert.ok(r.perK.every((p) => p.silhouetteSE === 0) && r.truthSilhouetteSE === 0);
  assert.equal(r.sample.maxStandardError, 0);
  assert.equal(r.naturalK, naturalK(r.predictionStrength, 0.9));
  assert.equal(r.silhouetteK, silhouetteK(r.perK));
  assert.match(r.kCriterion, /prediction strength .* at least 0\.9/);
  // The clusters written are those of the k reported, natural or (when none) the silhouette's.
  assert.equal(r.clusteredK, r.clusterStructure ? r.naturalK : r.silhouetteK);
  assert.equal(r.clusters.length, r.clusteredK);
  const written = readFileSync(join(run.dir, 'analysis', 'clusters.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  assert.equal(written.length, r.tradersClustered);
  assert.equal(new Set(written.map((l) => l.split(',')[1])).size, r.clusteredK);
  const at = r.perK.find((p) => p.k === r.clusteredK)!;
  assert.equal(r.ari, at.ari);
  assert.equal(r.silhouette, at.silhouette);
  // Names come from the features: non-empty, distinct, and free of persona names.
  const names = r.clusters.map((c) => c.name);
  assert.equal(new Set(names).size, names.length, names.join(' | '));
  for (const nm of names) assert.doesNotMatch(nm, /wholesaler|retailer|individual|occasional_buyer|specialist|hunter/);
  assert.equal(
    r.personaZones.reduce((s, p) => s + p.traders, 0),
    r.tradersClustered,
  );
});

test('analyzeRun: where no k reaches the threshold, natural k is 1 and the silhouette k is shown, forced', async () => {
  const r = await uniformForced();
  assert.ok(
    r.predictionStrength.every((p) => p.mean < 1),
    JSON.stringify(r.predictionStrength),
  );
  assert.equal(r.naturalK, 1);
  assert.equal(r.clusterStructure, false);
  assert.equal(r.clustersForced, true);
  assert.equal(r.clusteredK, r.silhouetteK);
  assert.equal(r.clusters.length, r.silhouetteK);
  const text = formatAnalysis(r);
  assert.match(text, /natural k 1 \(no cluster structure\)/);
  assert.match(text, new RegExp(`clusters shown: k = ${r.silhouetteK} \\(forced`));
});

test('analyze flags: --ps-threshold and --ps-sample are checked and named', () => {
  assert.equal(analyzeOptionsFrom({ 'ps-threshold': '0.8' }).psThreshold, 0.8);
  assert.equal(analyzeOptionsFrom({}).psThreshold, undefined);
  for (const bad of ['0', '1.5', 'abc', '-0.5', '']) {
    assert.throws(
      () => analyzeOptionsFrom({ 'ps-threshold': bad }),
      (e: Error) =>
        e instanceof UsageError &&
        e.message === `--ps-threshold must be a number in (0, 1], got ${JSON.stringify(bad)}`,
    );
  }
  assert.throws(
    () => analyzeOptionsFrom({ 'ps-sample': '20' }),
    (e: Error) =>
      e instanceof UsageError &&
      e.message === '--ps-sample must be at least 26 (two halves of more than --k-max traders), got 20',
  );
});

test('compare, pipeline and the report show both criteria, and say when there is no structure', async () => {
  const personas = await runOnce(PERSONAS);
  const uniform = await runOnce(UNIFORM);
  const after = await personasAnalysis();
  const before = await uniformForced();
  const table = formatComparison(after, before);
  const row = (label: string): string[] => {
    const line = table.split('\n').find((l) => l.startsWith(label));
    assert.ok(line, `compare has a row ${label}:\n${table}`);
    return line
      .slice(label.length)
      .trim()
      .split(/\s{2,}/);
  };
  // The table's threshold is the after run's (0.9); the before run was analysed at 1.
  assert.deepEqual(row('natural k (prediction strength >= 0.9)'), ['1 (no cluster structure)', naturalKText(after)]);
  assert.deepEqual(row('silhouette k (max silhouette over 2..12)'), [
    String(before.silhouetteK),
    String(after.silhouetteK),
  ]);
  assert.equal(row('ARI at the natural k')[0], 'n/a', 'no ARI at k = 1');

  const v = { passed: 8, checks: new Array(9) } as unknown as ValidationResult;
  const rec = {
    k: 10,
    recommenders: [
      { name: 'popularity', ndcg: 0.4 },
      { name: 'history', ndcg: 0.6 },
    ],
  } as unknown as RecommendResult;
  const headline = formatHeadline(before, v, rec, 'r.html');
  assert.match(headline, /natural k \(prediction strength >= 1\)\s+1 \(no cluster structure\)/);
  assert.match(headline, new RegExp(`silhouette k \\(max silhouette\\)\\s+${before.silhouetteK}\\n`));

  const report = await writeReport(uniform.dir, { baseline: personas.dir });
  const html = readFileSync(report.path, 'utf8');
  const section = /<section id="prediction-strength" class="chart"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1];
  assert.ok(section, 'the prediction-strength section is drawn');
  assert.match(section, /<b>No cluster structure<\/b>: no k \u2265 2 reaches a mean prediction strength of 1/);
  assert.match(section, /baseline \(personas\)/, 'the baseline is on the same chart');
  assert.match(section, /this run \(uniform\)/);
  assert.match(html, /<b>Forced<\/b>: the data has no cluster structure/);
  for (const c of before.clusters)
    assert.ok(html.includes(`<td>${c.name}</td>`), `the report names cluster ${c.cluster}: ${c.name}`);
});

test('analyzeRun: too few traders for prediction strength halves is a RunDirError naming the remedy', async () => {
  const run = await runOnce({ preset: 'personas', traders: 30, weeks: 4, seed: 'analyze-tiny' });
  await assert.rejects(
    analyzeRun(run.dir, { kMax: 12, threads: 1 }),
    (e: Error) =>
      e.name === 'RunDirError' &&
      /split in halves of (\d+): too few for prediction strength up to k = 12 \(lower --k-max to \1 or less\)$/.test(
        e.message,
      ),
  );
});
