/**
 * What `analyze` takes and what it writes to analysis.json: its options and result, one type
 * each, so the orchestrator (analyze.ts) and its readers (format.ts, report/) share them.
 */
import type { ClusterDescription } from './cluster/index.ts';
import type { FeatureTable } from './features/index.ts';
import type { PersonaZones, Truth } from './agreement/index.ts';

export interface AnalyzeOptions {
  kMin?: number;
  kMax?: number;
  /** Above `exactSilhouette` traders, the silhouette's seeded sample has this many rows before the stratifying top-up (default 10,000). */
  sample?: number;
  /** Up to this many traders the silhouette is exact, on all of them (default 20,000). */
  exactSilhouette?: number;
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
  /** Standard error of the silhouette: 0 when exact, else from the sample's replicates (silhouette-sampled.ts). */
  silhouetteSE: number;
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
  truthSilhouetteSE: number;
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
  sample: {
    /** Rows scored: all traders, or the uniform draw plus the top-up. */
    size: number;
    /** Uniform rows drawn before the top-up (0 when exact). */
    drawn: number;
    seed: string;
    of: number;
    exact: boolean;
    stratified: boolean;
    /** Up to this many traders the silhouette is exact. */
    exactUpTo: number;
    /** How the standard errors were estimated ('' when exact). */
    standardErrorMethod: string;
    replicateSeed: string;
    /** The largest standard error over the ks and the truth (0 when exact). */
    maxStandardError: number;
    /** Why the sample has its size. */
    sizeReason: string;
    seconds: number;
  };
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
