/**
 * Segments for the recommenders: k-means on features computed from the training weeks alone
 * (computeFeatures with maxTick = the split tick), standardised as in the analysis
 * (winsorised z-scores). k is given, or chosen on those training features by the silhouette
 * criterion of natural-k.ts (the highest mean silhouette over k = 2..12), each k's silhouette
 * scored as the analysis scores it (cluster/mean-silhouettes.ts: exact up to 20,000 traders,
 * above that on one seeded sample shared by every k). Not by prediction
 * strength, the analysis's natural k: segments serve ranking, where the silhouette's compact
 * groups were measured to help (README, Recommendations), and a k of 1 would leave no segments.
 *
 * Feature sets:
 *  - 'behaviour': the analysis's behaviour features (features.ts BEHAVIOUR_FEATURES). They say how
 *    a trader shops (how often, how much, how many categories, how loyal, how price-conscious,
 *    when) but not what it buys: a fruit specialist and a fish specialist look alike.
 *  - 'behaviour+categories' (default): the same plus the trader's share of items in each category
 *    in the training weeks, so that a segment's members buy the same kinds of things, which is
 *    what segment popularity needs.
 */
import {
  BEHAVIOUR_FEATURES,
  FEATURE_NAMES,
  computeFeatures,
  type FeatureTable,
  standardise,
} from '../features/index.ts';
import type { Run } from '../run/index.ts';
import { bestKmeans, meanSilhouettes, sweepK, SILHOUETTE_K_CRITERION, silhouetteK } from '../cluster/index.ts';
import { RecommendOptionError, type Segments, type TrainingData } from './interface.ts';

export const SEGMENT_K_MIN = 2;
export const SEGMENT_K_MAX = 12;
export const SEGMENT_RESTARTS = 10;

export const SEGMENT_FEATURE_SETS = ['behaviour+categories', 'behaviour'] as const;
export type SegmentFeatureSet = (typeof SEGMENT_FEATURE_SETS)[number];

export interface SegmentationResult extends Segments {
  /** 'flag' when k was given, 'natural' when chosen by the criterion. */
  chosenBy: 'flag' | 'natural';
  criterion: string;
  featureSet: SegmentFeatureSet;
  features: string[];
  /** Silhouette per k of the sweep (empty when k was given). */
  perK: { k: number; silhouette: number }[];
}

export interface SegmentOptions {
  /** Segments; undefined to choose the silhouette k (highest mean silhouette). */
  k?: number;
  /** k-means seed (the run's seed). */
  seed: string;
  featureSet?: SegmentFeatureSet;
  /** The training weeks' features, when already read (the pipeline's one pass). */
  table?: FeatureTable;
  /** Traders up to which each k's silhouette is exact, and the sample's size above (default 20,000). */
  silhouetteSample?: number;
}

/**
 * Segments the traders of `dir` on their training-week features.
 *
 * @param dir - run directory, or the run already open
 * @param train - its training data (the split tick, and the counts for the category shares)
 * @throws RecommendOptionError when k exceeds the distinct feature rows
 */
export async function segmentTraders(
  dir: string | Run,
  train: Omit<TrainingData, 'segments'>,
  options: SegmentOptions,
): Promise<SegmentationResult> {
  const featureSet = options.featureSet ?? 'behaviour+categories';
  const table = options.table ?? (await computeFeatures(dir, { maxTick: train.splitTick }));
  const F = FEATURE_NAMES.length;
  const P = train.products;
  const cols = BEHAVIOUR_FEATURES.map((f) => FEATURE_NAMES.indexOf(f));
  const features: string[] = [...BEHAVIOUR_FEATURES];
  if (featureSet === 'behaviour+categories') features.push(...train.categories.map((c) => `share_${c}`));
  const n = table.traderIds.length;
  const d = features.length;
  const raw = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = raw.subarray(i * d, (i + 1) * d);
    for (let j = 0; j < cols.length; j++) row[j] = table.values[i * F + cols[j]];
    if (featureSet === 'behaviour') continue;
    const t = table.traderIds[i];
    let items = 0;
    for (let p = 0; p < P; p++) items += train.counts[t * P + p];
    for (let p = 0; p < P; p++) row[cols.length + train.productCategory[p]] += train.counts[t * P + p] / items;
  }
  const { z } = standardise(raw, n, d);
  const distinct = new Set<string>();
  for (let i = 0; i < n && distinct.size <= SEGMENT_K_MAX; i++) distinct.add(z.subarray(i * d, i * d + d).join(','));

  let k = options.k;
  let labels: Int32Array;
  let perK: { k: number; silhouette: number }[] = [];
  let chosenBy: 'flag' | 'natural';
  if (k !== undefined) {
    if (k > distinct.size)
      throw new RecommendOptionError(
        `--segments must be at most ${distinct.size} (the distinct training feature rows of the ${n} traders with a training purchase), got ${k}`,
      );
    labels = bestKmeans(z, n, d, k, { seed: options.seed, restarts: SEGMENT_RESTARTS }).labels;
    chosenBy = 'flag';
  } else {
    const kMax = Math.min(SEGMENT_K_MAX, distinct.size, n - 1);
    if (kMax < SEGMENT_K_MIN) {
      k = 1;
      labels = new Int32Array(n);
    } else {
      const fits = sweepK(z, n, d, { kMin: SEGMENT_K_MIN, kMax, restarts: SEGMENT_RESTARTS, seed: options.seed });
      const { scores } = meanSilhouettes(
        z,
        n,
        d,
        fits.map((f) => f.labels),
        fits.map((f) => f.k),
        { sample: options.silhouetteSample, seed: `${options.seed}/segments-silhouette` },
      );
      perK = fits.map((f, i) => ({ k: f.k, silhouette: scores[i] }));
      k = silhouetteK(perK);
      labels = fits.find((f) => f.k === k)!.labels;
    }
    chosenBy = 'natural';
  }

  const label = new Int32Array(train.traders).fill(-1);
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    label[table.traderIds[i]] = labels[i];
    sizes[labels[i]]++;
  }
  return { k, label, sizes, chosenBy, criterion: SILHOUETTE_K_CRITERION, featureSet, features, perK };
}
