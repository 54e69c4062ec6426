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
  type PersonaZones,
  labelsFor,
  readTruth,
  type Truth,
} from './agreement/index.ts';
import {
  calinskiHarabasz,
  daviesBouldin,
  describeClusters,
  type ClusterDescription,
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
  sharedSample,
  silhouetteManyParallel,
  createWorkerPool,
  type WorkerPool,
} from './cluster/index.ts';
import {
  BEHAVIOUR_FEATURES,
  FEATURE_NAMES,
  FEATURES,
  computeFeatures,
  type FeatureName,
  type FeatureTable,
  standardise,
  WINSOR_HIGH,
  WINSOR_LOW,
} from './features/index.ts';
import { RunDirError, guarded, openRun, type Run } from './run/index.ts';
import { availableParallelism } from 'node:os';
import { csvNumber, writeFileAtomic } from './common/index.ts';

export interface AnalyzeOptions {
  kMin?: number;
  kMax?: number;
  /** Above this many traders the silhouette is computed on a seeded sample of this size, stratified by cluster. */
  sample?: number;
  /** Above this many traders the k-means restarts run on a seeded sample of this size, refined on all (default 20,000). */
  restartSample?: number;
  /** k-means restarts per k. */
  restarts?: number;
  /** Seed of the k-means restarts and the silhouette sample (default: the run's seed). */
  seed?: string;
  /** 'behaviour' (default) clusters the behaviour features; 'all' adds the context features. */
  featureSet?: 'behaviour' | 'all';
  threads?: number;
  /** Extra ks to fit and score beside the sweep (e.g. a forced k = 13). */
  extraK?: number[];
  /** The smallest mean prediction strength a natural k must reach (default 0.9, see natural-k.ts). */
  psThreshold?: number;
  /** Random half-splits of the prediction strength (default 10). */
  psSplits?: number;
  /** Above this many traders, prediction strength splits a seeded subsample of this size. */
  psSample?: number;
  /** The features and truth already read (the pipeline's one pass, pipeline-inputs.ts); read here when absent. */
  inputs?: { features: FeatureTable; truth: Truth };
}

export interface PerK {
  k: number;
  silhouette: number;
  inertia: number;
  calinskiHarabasz: number;
  daviesBouldin: number;
  ari: number;
}

/** Prediction strength of one k: mean and sample sd over the splits. */
export interface PredictionStrengthPoint {
  k: number;
  mean: number;
  sd: number;
}

export interface AnalysisResult {
  run: { scenario: string; traders: number; weeks: number; seed: string };
  featureSet: 'behaviour' | 'all';
  features: { name: string; definition: string }[];
  standardisation: string;
  tradersClustered: number;
  inactiveTraders: number[];
  /** How the natural k was chosen (prediction strength at psThreshold). */
  kCriterion: string;
  /** The natural k; 1 means no cluster structure (no k >= 2 reached the threshold). */
  naturalK: number;
  /** False when naturalK is 1. */
  clusterStructure: boolean;
  psThreshold: number;
  predictionStrength: PredictionStrengthPoint[];
  /** What the prediction strength was computed on. */
  predictionStrengthSetup: {
    splits: number;
    restarts: number;
    rows: number;
    of: number;
    exact: boolean;
    sampleSeed: string;
    seed: string;
    seconds: number;
  };
  /** The k with the highest mean silhouette, kept beside the natural k. */
  silhouetteK: number;
  silhouetteKCriterion: string;
  /** The ks whose silhouette is within 0.01 of the best. */
  nearBestK: number[];
  /** The k whose clusters are described and written: the natural k, or the silhouette k when forced. */
  clusteredK: number;
  /** True when there is no cluster structure and the clusters shown are the silhouette k's, forced. */
  clustersForced: boolean;
  /** Silhouette, ARI, NMI and purity of the clusters shown (clusteredK). */
  silhouette: number;
  ari: number;
  nmi: number;
  purity: number;
  truthSilhouette: number;
  perK: PerK[];
  extraK: PerK[];
  clusters: ClusterDescription[];
  personaByCluster: { personas: string[]; clusters: number[]; counts: number[][] };
  /** Per persona: how many clusters share it, and whether they are its zones (zone-subclusters.ts). */
  personaZones: PersonaZones[];
  /**
   * The silhouette's rows: all traders (exact), or one seeded sample for every k and the truth, each
   * cluster topped up to at least 20 rows so every cluster is represented (stratified).
   */
  sample: { size: number; seed: string; of: number; exact: boolean; stratified: boolean; seconds: number };
  /** How the sweep was fitted: restarts on all traders, or on a sample then refined on all (kmeans-refine.ts). */
  kmeans: {
    restarts: number;
    seed: string;
    initialization: 'kmeans++';
    restartRows: number;
    restartSeed: string;
    refinedOnAll: boolean;
    method: string;
    seconds: number;
  };
  seconds: number;
}

export const DEFAULT_SAMPLE = 20_000;
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

  // The silhouette: every trader up to the threshold, else a seeded sample stratified by the
  // clustering scored, so every cluster is represented (stratified-sample.ts).
  const exact = n <= sampleSize;
  const sampleSeed = `${seed}/silhouette`;
  // One worker pool for the whole analysis: starting one per silhouette costs 0.3-0.7 s each.
  const threads = options.threads ?? availableParallelism();
  const pool: WorkerPool | undefined = threads > 1 ? createWorkerPool(threads - 1) : undefined;
  try {
    // Above the exact size, every labeling (each k and the truth) is scored on one shared seeded
    // sample, every cluster topped up to at least 20 rows, in one pass over its pairs spread over
    // the pool (silhouette-many.ts); at or below it, each on all traders, in parallel.
    const shared = new Map<Int32Array, { score: number; samples: Float64Array; ls: Int32Array; size: number }>();
    const scoreShared = async (labelings: Int32Array[], kOf: number[]): Promise<void> => {
      const rows = sharedSample(n, labelings, kOf, sampleIndices(n, sampleSize, sampleSeed));
      const ns = rows.length;
      const zs = new Float64Array(ns * d);
      for (let r = 0; r < ns; r++) zs.set(z.subarray(rows[r] * d, rows[r] * d + d), r * d);
      const lss = labelings.map((labels) => Int32Array.from(rows, (i) => labels[i]));
      const all = await silhouetteManyParallel(zs, ns, d, lss, kOf, { threads, pool });
      labelings.forEach((labels, l) => {
        let s = 0;
        for (let i = 0; i < ns; i++) s += all[l][i];
        shared.set(labels, { score: s / ns, samples: all[l], ls: lss[l], size: ns });
      });
    };
    const silhouetteOf = async (
      labels: Int32Array,
    ): Promise<{ score: number; samples: Float64Array; ls: Int32Array; size: number }> => {
      const done = shared.get(labels);
      if (done) return done;
      const ls = labels;
      const samples = await silhouetteParallel(z, n, d, ls, { threads, pool });
      let s = 0;
      for (let i = 0; i < n; i++) s += samples[i];
      return { score: s / n, samples, ls, size: n };
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
    const strip = ({ k, silhouette, inertia, calinskiHarabasz: ch, daviesBouldin: db, ari }: PerK): PerK => ({
      k,
      silhouette,
      inertia,
      calinskiHarabasz: ch,
      daviesBouldin: db,
      ari,
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
    const truthSil = (await silhouetteOf(truthLabels)).score;
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
      truthSilhouette: truthSil,
      perK: perK.map(strip),
      extraK: scored.filter((s) => s.k < kMin || s.k > kMax).map(strip),
      clusters,
      personaByCluster,
      personaZones: zonesWithinPersonas(truthLabels, truth.personas, zoneOfRow, best.labels),
      sample: {
        size: best.sampleSize,
        seed: exact ? '' : sampleSeed,
        of: n,
        exact,
        stratified: !exact,
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
