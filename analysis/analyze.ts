/**
 * The analysis of one run directory: features -> standardise -> k-means for every k ->
 * silhouette and the other indices -> prediction strength -> natural k -> agreement with the
 * truth -> descriptions. Writes DIR/analysis/{features.csv, clusters.csv, analysis.json}.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  adjustedRandIndex,
  contingency,
  normalizedMutualInfo,
  purity,
  zonesWithinPersonas,
  labelsFor,
  readTruth,
} from './agreement/index.ts';
import {
  calinskiHarabasz,
  daviesBouldin,
  describeClusters,
  sweepKParallel,
  DEFAULT_PS_THRESHOLD,
  SILHOUETTE_K_CRITERION,
  naturalK,
  naturalKCriterion,
  nearBest,
  silhouetteK,
  DEFAULT_PS_SAMPLE,
  DEFAULT_PS_SPLITS,
  predictionStrength,
  perClusterSilhouette,
  sampleIndices,
  silhouetteParallel,
  REFINE_MAX_ITERATIONS,
  REFINE_TOLERANCE,
  refineKmeans,
  REPLICATES,
  sampledSilhouettes,
  createWorkerPool,
  type WorkerPool,
  DEFAULT_EXACT_SILHOUETTE,
} from './cluster/index.ts';
import {
  BEHAVIOUR_FEATURES,
  FEATURE_NAMES,
  FEATURES,
  computeFeatures,
  type FeatureName,
  standardise,
  WINSOR_HIGH,
  WINSOR_LOW,
} from './features/index.ts';
import { RunDirError, guarded, openRun, type Run } from './run/index.ts';
import { availableParallelism } from 'node:os';
import { csvNumber, writeFileAtomic } from './common/index.ts';
import type { AnalysisResult, AnalyzeOptions, PerK } from './analysis-result.ts';

export type { AnalysisResult, AnalyzeOptions, PerK, PredictionStrengthPoint } from './analysis-result.ts';

/**
 * Rows of the silhouette's sample above DEFAULT_EXACT_SILHOUETTE traders (before the top-up).
 * Chosen by its standard error: on the 100k-trader run (analysis.json, silhouette-sampled.ts) the
 * largest over the ks and the truth is about 0.003 at 10,000 rows (0.0015 at 20,000, 0.004 at
 * 5,000), so three standard errors stay within 0.01, the margin by which nearBestK lists the ks
 * whose silhouette ties the best; 20,000 rows cost four times as much for half the error.
 */
export const DEFAULT_SAMPLE = 10_000;
const SAMPLE_SIZE_REASON =
  'three standard errors within 0.01, the margin of nearBestK (a largest SE of about 0.003 at 10,000 rows on 100k traders)';
/** Traders above which the k-means restarts run on a sample (of this size) and are refined on all. */
export const DEFAULT_RESTART_SAMPLE = 20_000;

export async function analyzeRun(dir: string | Run, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const t0 = performance.now();
  // One run opened for the features and the truth; its files are checked against the manifest
  // (sizes now, SHA-256 alongside the reading) before anything is written.
  const run = typeof dir === 'string' ? openRun(dir) : dir;
  try {
    return await guarded(run, () => analyzeOpen(run, options, t0));
  } finally {
    if (typeof dir === 'string') run.close();
  }
}

async function analyzeOpen(run: Run, options: AnalyzeOptions, t0: number): Promise<AnalysisResult> {
  const dir = run.dir;
  const kMin = options.kMin ?? 2;
  const kMax = options.kMax ?? 12;
  const restarts = options.restarts ?? 10;
  const featureSet = options.featureSet ?? 'behaviour';
  const sampleSize = options.sample ?? DEFAULT_SAMPLE;
  const restartRows = options.restartSample ?? DEFAULT_RESTART_SAMPLE;
  const psThreshold = options.psThreshold ?? DEFAULT_PS_THRESHOLD;
  const table = options.inputs?.features ?? (await computeFeatures(run));
  const seed = options.seed ?? table.manifest.seed;
  const used: readonly FeatureName[] = featureSet === 'all' ? FEATURE_NAMES : BEHAVIOUR_FEATURES;
  const cols = used.map((f) => FEATURE_NAMES.indexOf(f));
  const F = FEATURE_NAMES.length;
  const n = table.traderIds.length;
  const d = cols.length;
  if (n < kMax + 1) throw new RunDirError(`only ${n} traders with purchases: too few for k up to ${kMax}`);
  // Prediction strength clusters halves: each needs at least kMax traders.
  const psRows = Math.min(n, options.psSample ?? DEFAULT_PS_SAMPLE);
  if (Math.floor(psRows / 2) < kMax)
    throw new RunDirError(
      `${psRows} traders split in halves of ${Math.floor(psRows / 2)}: too few for prediction strength up to k = ${kMax} (lower --k-max to ${Math.max(2, Math.floor(psRows / 2))} or less)`,
    );
  const raw = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) raw[i * d + j] = table.values[i * F + cols[j]];
  const { z } = standardise(raw, n, d);

  const m = table.manifest;
  const truth =
    options.inputs?.truth ??
    (await readTruth(
      run,
      m.counts.traders,
      m.scenario.population.personas.map((p) => p.id),
    ));
  const truthLabels = labelsFor(truth, table.traderIds);

  // The silhouette: every trader up to exactUpTo, else one seeded sample for every k and the
  // truth, stratified so every cluster is represented, with standard errors (silhouette-sampled.ts).
  const exactUpTo = options.exactSilhouette ?? DEFAULT_EXACT_SILHOUETTE;
  const exact = n <= exactUpTo || n <= sampleSize;
  const sampleSeed = `${seed}/silhouette`;
  // One worker pool for the whole analysis: starting one per silhouette costs 0.3-0.7 s each.
  const threads = options.threads ?? availableParallelism();
  const pool: WorkerPool | undefined = threads > 1 ? createWorkerPool(threads - 1) : undefined;
  try {
    type Scored = { score: number; se: number; samples: Float64Array; ls: Int32Array; size: number };
    const shared = new Map<Int32Array, Scored>();
    let replicateSeed = '';
    const scoreShared = async (labelings: Int32Array[], kOf: number[]): Promise<void> => {
      const s = await sampledSilhouettes(z, n, d, labelings, kOf, sampleSize, sampleSeed, { threads, pool });
      replicateSeed = s.replicateSeed;
      labelings.forEach((labels, l) => {
        const { score, se, samples, labels: ls } = s.perLabeling[l];
        shared.set(labels, { score, se, samples, ls, size: s.rows.length });
      });
    };
    const silhouetteOf = async (labels: Int32Array): Promise<Scored> => {
      const done = shared.get(labels);
      if (done) return done;
      const samples = await silhouetteParallel(z, n, d, labels, { threads, pool });
      let s = 0;
      for (let i = 0; i < n; i++) s += samples[i];
      return { score: s / n, se: 0, samples, ls: labels, size: n };
    };

    const ks = [
      ...new Set([...Array.from({ length: kMax - kMin + 1 }, (_, i) => kMin + i), ...(options.extraK ?? [])]),
    ].sort((a, b) => a - b);
    // Above restartRows traders the restarts run on a seeded sample and the best one is refined
    // by Lloyd on every trader (kmeans-refine.ts): the restarts only pick a basin.
    const tKm = performance.now();
    const sampled = n > restartRows;
    const restartIdx = sampled ? sampleIndices(n, restartRows, `${seed}/kmeans-restarts`) : undefined;
    let zr = z;
    if (restartIdx) {
      zr = new Float64Array(restartRows * d);
      for (let r = 0; r < restartRows; r++) zr.set(z.subarray(restartIdx[r] * d, restartIdx[r] * d + d), r * d);
    }
    const sweep = await sweepKParallel(zr, sampled ? restartRows : n, d, {
      kMin: ks[0],
      kMax: ks[ks.length - 1],
      restarts,
      seed,
      threads,
      pool,
    });
    const fits = sampled ? sweep.map((f) => ({ k: f.k, ...refineKmeans(z, n, d, f.centroids, f.k) })) : sweep;
    const kmSeconds = (performance.now() - tKm) / 1000;
    const tSil = performance.now();
    if (!exact) {
      const inSweep = fits.filter((f) => ks.includes(f.k));
      await scoreShared(
        [...inSweep.map((f) => f.labels), truthLabels],
        [...inSweep.map((f) => f.k), truth.personas.length],
      );
    }
    const scored: (PerK & { labels: Int32Array; samples: Float64Array; ls: Int32Array; sampleSize: number })[] = [];
    for (const fit of fits) {
      if (!ks.includes(fit.k)) continue;
      const sil = await silhouetteOf(fit.labels);
      scored.push({
        k: fit.k,
        silhouette: sil.score,
        silhouetteSE: sil.se,
        inertia: fit.inertia,
        calinskiHarabasz: calinskiHarabasz(z, n, d, fit.labels),
        daviesBouldin: daviesBouldin(z, n, d, fit.labels),
        ari: adjustedRandIndex(truthLabels, fit.labels),
        labels: fit.labels,
        samples: sil.samples,
        ls: sil.ls,
        sampleSize: sil.size,
      });
    }
    // analysis.json's per-k record: the scores, without the labels and samples kept above.
    const strip = (p: PerK): PerK => ({
      k: p.k,
      silhouette: p.silhouette,
      silhouetteSE: p.silhouetteSE,
      inertia: p.inertia,
      calinskiHarabasz: p.calinskiHarabasz,
      daviesBouldin: p.daviesBouldin,
      ari: p.ari,
    });
    const perK = scored.filter((s) => s.k >= kMin && s.k <= kMax);
    const tPs = performance.now();
    const ps = await predictionStrength(z, n, d, {
      kMin,
      kMax,
      restarts,
      seed,
      splits: options.psSplits ?? DEFAULT_PS_SPLITS,
      sample: options.psSample ?? DEFAULT_PS_SAMPLE,
      threads,
      pool,
    });
    const psSeconds = (performance.now() - tPs) / 1000;
    const natural = naturalK(ps.perK, psThreshold);
    const silK = silhouetteK(perK);
    // With no cluster structure the silhouette k's clusters are still shown, labelled as forced.
    const forced = natural < 2;
    const k = forced ? silK : natural;
    const best = perK.find((p) => p.k === k)!;
    const truthScored = await silhouetteOf(truthLabels);
    const silSeconds = (performance.now() - tSil) / 1000 - psSeconds;
    const clusterSil = perClusterSilhouette(best.samples, best.ls, k);
    const zoneOfRow = Array.from(table.traderIds, (t) => truth.zone[t]);
    const clusters = describeClusters(z, n, d, best.labels, k, used, clusterSil, {
      labels: truthLabels,
      names: truth.personas,
      zones: zoneOfRow,
    });
    const table2 = contingency(truthLabels, best.labels);
    const personaByCluster = {
      personas: Array.from(table2.rowIds, (p) => truth.personas[p]),
      clusters: Array.from(table2.colIds),
      counts: Array.from(table2.rowIds, (_, r) =>
        Array.from(table2.colIds, (_, c) => table2.counts[r * table2.colIds.length + c]),
      ),
    };

    const result: AnalysisResult = {
      run: { scenario: m.scenario.name, traders: m.counts.traders, weeks: m.scenario.weeks, seed: m.seed },
      featureSet,
      features: used.map((f) => ({ name: f, definition: FEATURES.find((x) => x[0] === f)![1] })),
      standardisation: `each feature winsorised to its [${WINSOR_LOW * 100}%, ${WINSOR_HIGH * 100}%] quantiles, then z-scored`,
      tradersClustered: n,
      inactiveTraders: table.inactive,
      kCriterion: naturalKCriterion(psThreshold),
      naturalK: natural,
      clusterStructure: !forced,
      psThreshold,
      predictionStrength: ps.perK.map(({ k: pk, mean, sd }) => ({ k: pk, mean, sd })),
      predictionStrengthSetup: {
        splits: ps.splits,
        restarts: ps.restarts,
        rows: ps.rows,
        of: ps.of,
        exact: ps.exact,
        sampleSeed: ps.sampleSeed,
        seed: ps.seed,
        seconds: psSeconds,
      },
      silhouetteK: silK,
      silhouetteKCriterion: SILHOUETTE_K_CRITERION,
      nearBestK: nearBest(perK),
      clusteredK: k,
      clustersForced: forced,
      silhouette: best.silhouette,
      ari: best.ari,
      nmi: normalizedMutualInfo(truthLabels, best.labels),
      purity: purity(truthLabels, best.labels),
      truthSilhouette: truthScored.score,
      truthSilhouetteSE: truthScored.se,
      perK: perK.map(strip),
      extraK: scored.filter((s) => s.k < kMin || s.k > kMax).map(strip),
      clusters,
      personaByCluster,
      personaZones: zonesWithinPersonas(truthLabels, truth.personas, zoneOfRow, best.labels),
      sample: {
        size: best.sampleSize,
        drawn: exact ? 0 : sampleSize,
        seed: exact ? '' : sampleSeed,
        of: n,
        exact,
        stratified: !exact,
        exactUpTo,
        standardErrorMethod: exact
          ? ''
          : `sd of the silhouettes of ${REPLICATES} disjoint seeded groups of the sample, each among its own rows, over sqrt(${REPLICATES})`,
        replicateSeed,
        maxStandardError: Math.max(truthScored.se, ...perK.map((p) => p.silhouetteSE)),
        sizeReason: exact ? `at most ${exactUpTo} traders: exact` : SAMPLE_SIZE_REASON,
        seconds: silSeconds,
      },
      kmeans: {
        restarts,
        seed,
        initialization: 'kmeans++',
        restartRows: sampled ? restartRows : n,
        restartSeed: sampled ? `${seed}/kmeans-restarts` : '',
        refinedOnAll: sampled,
        method: sampled
          ? `${restarts} k-means++ restarts per k on a seeded sample of ${restartRows} of the ${n} traders; the lowest-inertia restart's centroids refined by Lloyd iterations on all ${n} (at most ${REFINE_MAX_ITERATIONS}, until no centroid moves by more than ${Math.sqrt(REFINE_TOLERANCE)} sd)`
          : `${restarts} k-means++ restarts per k on all ${n} traders, the lowest inertia kept`,
        seconds: kmSeconds,
      },
      seconds: (performance.now() - t0) / 1000,
    };

    await run.verified();
    const out = join(dir, 'analysis');
    mkdirSync(out, { recursive: true });
    const header = ['trader_id', ...used].join(',');
    const featureLines = [header];
    for (let i = 0; i < n; i++) {
      const parts = [String(table.traderIds[i])];
      for (let j = 0; j < d; j++) parts.push(csvNumber(z[i * d + j]));
      featureLines.push(parts.join(','));
    }
    writeFileAtomic(join(out, 'features.csv'), `${featureLines.join('\n')}\n`);
    const clusterLines = ['trader_id,cluster'];
    for (let i = 0; i < n; i++) clusterLines.push(`${table.traderIds[i]},${best.labels[i]}`);
    writeFileAtomic(join(out, 'clusters.csv'), `${clusterLines.join('\n')}\n`);
    writeFileAtomic(join(out, 'analysis.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    // close, not destroy: a sweep on a shared pool does not wait for runs whose workers had not
    // started when the work ran out; they run later, find nothing and return. Destroying the pool
    // under such a run made piscina throw 'Unexpected message from Worker' (uncaught).
    await pool?.close();
  }
}
