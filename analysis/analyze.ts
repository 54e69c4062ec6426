/**
 * The analysis of one run directory: features -> standardise -> k-means for every k ->
 * silhouette and the other indices -> prediction strength -> natural k -> agreement with the
 * truth -> descriptions. Writes DIR/analysis/{features.csv, clusters.csv, analysis.json}.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { adjustedRandIndex, contingency, normalizedMutualInfo, purity } from './agreement.ts';
import { calinskiHarabasz, daviesBouldin } from './cluster-indices.ts';
import { describeClusters, type ClusterDescription } from './describe-clusters.ts';
import { BEHAVIOUR_FEATURES, FEATURE_NAMES, FEATURES, computeFeatures, type FeatureName } from './features.ts';
import { sweepKParallel } from './kmeans-sweep-parallel.ts';
import { DEFAULT_PS_THRESHOLD, SILHOUETTE_K_CRITERION, naturalK, naturalKCriterion, nearBest, silhouetteK } from './natural-k.ts';
import { DEFAULT_PS_SAMPLE, DEFAULT_PS_SPLITS, predictionStrength } from './prediction-strength.ts';
import { zonesWithinPersonas, type PersonaZones } from './zone-subclusters.ts';
import { perClusterSilhouette } from './silhouette.ts';
import { sampleIndices, silhouetteParallel } from './silhouette-parallel.ts';
import { standardise, WINSOR_HIGH, WINSOR_LOW } from './standardise.ts';
import { RunDirError } from './run-dir.ts';
import { labelsFor, readTruth } from './truth.ts';
import { createWorkerPool, type WorkerPool } from './worker-pool.ts';
import { availableParallelism } from 'node:os';
import { csvNumber, writeFileAtomic } from './write-file.ts';

export interface AnalyzeOptions {
  kMin?: number;
  kMax?: number;
  /** Above this many traders the silhouette is computed on a seeded sample of this size. */
  sample?: number;
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
  predictionStrengthSetup: { splits: number; restarts: number; rows: number; of: number; exact: boolean; sampleSeed: string; seed: string; seconds: number };
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
  sample: { size: number; seed: string; of: number; exact: boolean };
  kmeans: { restarts: number; seed: string; initialization: 'kmeans++' };
  seconds: number;
}

export const DEFAULT_SAMPLE = 20_000;

export async function analyzeRun(dir: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const t0 = performance.now();
  const kMin = options.kMin ?? 2;
  const kMax = options.kMax ?? 12;
  const restarts = options.restarts ?? 10;
  const featureSet = options.featureSet ?? 'behaviour';
  const sampleSize = options.sample ?? DEFAULT_SAMPLE;
  const psThreshold = options.psThreshold ?? DEFAULT_PS_THRESHOLD;
  const table = await computeFeatures(dir);
  const seed = options.seed ?? table.manifest.seed;
  const used: readonly FeatureName[] = featureSet === 'all' ? FEATURE_NAMES : BEHAVIOUR_FEATURES;
  const cols = used.map((f) => FEATURE_NAMES.indexOf(f));
  const F = FEATURE_NAMES.length;
  const n = table.traderIds.length;
  const d = cols.length;
  if (n < kMax + 1) throw new RunDirError(`only ${n} traders with purchases: too few for k up to ${kMax}`);
  // Prediction strength clusters halves: each needs at least kMax traders.
  const psRows = Math.min(n, options.psSample ?? DEFAULT_PS_SAMPLE);
  if (Math.floor(psRows / 2) < kMax) throw new RunDirError(`${psRows} traders split in halves of ${Math.floor(psRows / 2)}: too few for prediction strength up to k = ${kMax} (lower --k-max to ${Math.max(2, Math.floor(psRows / 2))} or less)`);
  const raw = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) raw[i * d + j] = table.values[i * F + cols[j]];
  const { z } = standardise(raw, n, d);

  const m = table.manifest;
  const truth = await readTruth(dir, m.counts.traders, m.scenario.population.personas.map((p) => p.id));
  const truthLabels = labelsFor(truth, table.traderIds);

  // The silhouette sample: every trader up to the threshold, else a seeded subset.
  const exact = n <= sampleSize;
  const rows = exact ? Int32Array.from({ length: n }, (_, i) => i) : sampleIndices(n, sampleSize, `${seed}/silhouette`);
  const ns = rows.length;
  const zs = new Float64Array(ns * d);
  for (let r = 0; r < ns; r++) zs.set(z.subarray(rows[r] * d, rows[r] * d + d), r * d);
  // One worker pool for the whole analysis: starting one per silhouette costs 0.3-0.7 s each.
  const threads = options.threads ?? availableParallelism();
  const pool: WorkerPool | undefined = threads > 1 ? createWorkerPool(threads - 1) : undefined;
  try {
    const silhouetteOf = async (labels: Int32Array): Promise<{ score: number; samples: Float64Array; ls: Int32Array }> => {
      const ls = Int32Array.from(rows, (i) => labels[i]);
      const samples = await silhouetteParallel(zs, ns, d, ls, { threads, pool });
      let s = 0;
      for (let i = 0; i < ns; i++) s += samples[i];
      return { score: s / ns, samples, ls };
    };

    const ks = [...new Set([...Array.from({ length: kMax - kMin + 1 }, (_, i) => kMin + i), ...(options.extraK ?? [])])].sort((a, b) => a - b);
    const fits = await sweepKParallel(z, n, d, { kMin: ks[0], kMax: ks[ks.length - 1], restarts, seed, threads, pool });
    const scored: (PerK & { labels: Int32Array; samples: Float64Array; ls: Int32Array })[] = [];
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
      });
    }
    const strip = ({ k, silhouette, inertia, calinskiHarabasz: ch, daviesBouldin: db, ari }: PerK): PerK => ({ k, silhouette, inertia, calinskiHarabasz: ch, daviesBouldin: db, ari });
    const perK = scored.filter((s) => s.k >= kMin && s.k <= kMax);
    const tPs = performance.now();
    const ps = await predictionStrength(z, n, d, { kMin, kMax, restarts, seed, splits: options.psSplits ?? DEFAULT_PS_SPLITS, sample: options.psSample ?? DEFAULT_PS_SAMPLE, threads, pool });
    const psSeconds = (performance.now() - tPs) / 1000;
    const natural = naturalK(ps.perK, psThreshold);
    const silK = silhouetteK(perK);
    // With no cluster structure the silhouette k's clusters are still shown, labelled as forced.
    const forced = natural < 2;
    const k = forced ? silK : natural;
    const best = perK.find((p) => p.k === k)!;
    const truthSil = (await silhouetteOf(truthLabels)).score;
    const clusterSil = perClusterSilhouette(best.samples, best.ls, k);
    const zoneOfRow = Array.from(table.traderIds, (t) => truth.zone[t]);
    const clusters = describeClusters(z, n, d, best.labels, k, used, clusterSil, { labels: truthLabels, names: truth.personas, zones: zoneOfRow });
    const table2 = contingency(truthLabels, best.labels);
    const personaByCluster = {
      personas: Array.from(table2.rowIds, (p) => truth.personas[p]),
      clusters: Array.from(table2.colIds),
      counts: Array.from(table2.rowIds, (_, r) => Array.from(table2.colIds, (_, c) => table2.counts[r * table2.colIds.length + c])),
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
      predictionStrengthSetup: { splits: ps.splits, restarts: ps.restarts, rows: ps.rows, of: ps.of, exact: ps.exact, sampleSeed: ps.sampleSeed, seed: ps.seed, seconds: psSeconds },
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
      sample: { size: ns, seed: exact ? '' : `${seed}/silhouette`, of: n, exact },
      kmeans: { restarts, seed, initialization: 'kmeans++' },
      seconds: (performance.now() - t0) / 1000,
    };

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
