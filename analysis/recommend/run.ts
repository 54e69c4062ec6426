/**
 * The recommendation evaluation of one run directory: temporal split -> segments from the training
 * weeks -> fit and score every recommender on the test weeks -> DIR/analysis/recommend.json.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { guarded, openRun, type Run } from '../run/index.ts';
import type { FeatureTable } from '../features/index.ts';
import { readTruth, type Truth } from '../agreement/index.ts';
import { writeFileAtomic } from '../common/index.ts';
import { cooccurrenceRecommender } from './cooccurrence.ts';
import { evaluate, evaluatedTraders, type RecommenderScores } from './evaluate.ts';
import { historyRecommender } from './history.ts';
import { RecommendOptionError, type Recommender, type TrainingData } from './interface.ts';
import { RELEVANCE } from './metrics.ts';
import { popularityRecommender } from './popularity.ts';
import { priceAwareRecommender } from './price-aware.ts';
import { segmentRecommender } from './segment.ts';
import { segmentTraders, type SegmentFeatureSet } from './segmentation.ts';
import { readSplit, type Split } from './split.ts';

export const DEFAULT_K = 10;
export const DEFAULT_TEST_WEEKS = 4;

export interface RecommendOptions {
  /** List length (default 10). */
  k?: number;
  /** Weeks held out at the end (default 4). */
  testWeeks?: number;
  /** Segments; default the silhouette k (highest mean silhouette) of the training features. */
  segments?: number;
  /** Features the segments are found on (default behaviour+categories). */
  segmentFeatures?: SegmentFeatureSet;
}

export interface RecommendResult {
  run: { scenario: string; traders: number; weeks: number; seed: string };
  k: number;
  split: Split & { trainTransactions: number; testTransactions: number };
  relevance: string;
  counts: {
    traders: number;
    catalogue: number;
    withTrainingPurchase: number;
    withTestPurchase: number;
    /** At least one purchase in each period: the traders scored. */
    evaluated: number;
  };
  segments: {
    k: number;
    chosenBy: 'flag' | 'natural';
    criterion: string;
    featureSet: SegmentFeatureSet;
    features: string[];
    perK: { k: number; silhouette: number }[];
    sizes: number[];
  };
  recommenders: RecommenderScores[];
  seconds: number;
}

/** The five recommenders, the baseline first. */
export function defaultRecommenders(): Recommender[] {
  return [
    popularityRecommender(),
    historyRecommender(),
    segmentRecommender(),
    cooccurrenceRecommender(),
    priceAwareRecommender(),
  ];
}

/**
 * Evaluates the recommenders on `dir` and writes DIR/analysis/recommend.json.
 *
 * @throws RecommendOptionError for options the run cannot satisfy (worded with the CLI's flags)
 */
export async function recommendRun(
  dir: string | Run,
  options: RecommendOptions = {},
  inputs?: RecommendInputs,
): Promise<RecommendResult> {
  const t0 = performance.now();
  // One run opened for the split, the segments' features and the truth; its files are checked
  // against the manifest before recommend.json is written.
  const run = typeof dir === 'string' ? openRun(dir) : dir;
  try {
    return await guarded(run, () => recommendOpen(run, options, t0, inputs));
  } finally {
    if (typeof dir === 'string') run.close();
  }
}

/** What recommendRun reads, when already read (the pipeline's one pass, pipeline-inputs.ts). */
export interface RecommendInputs {
  split: Awaited<ReturnType<typeof readSplit>>;
  /** Features of the training weeks (tick < the split tick). */
  trainingFeatures: FeatureTable;
  truth: Truth;
}

async function recommendOpen(
  run: Run,
  options: RecommendOptions,
  t0: number,
  inputs?: RecommendInputs,
): Promise<RecommendResult> {
  const dir = run.dir;
  const k = options.k ?? DEFAULT_K;
  const testWeeks = options.testWeeks ?? DEFAULT_TEST_WEEKS;
  if (inputs && inputs.split.split.testWeeks !== testWeeks)
    throw new RangeError(
      `recommendRun: inputs were split at ${inputs.split.split.testWeeks} test weeks, options ask for ${testWeeks}`,
    );
  const { manifest, split, train: base, test } = inputs?.split ?? (await readSplit(run, testWeeks));
  if (!Number.isInteger(k) || k < 1 || k > base.products)
    throw new RecommendOptionError(`--k must be an integer from 1 to the catalogue size (${base.products}), got ${k}`);
  if (options.segments !== undefined && !(Number.isInteger(options.segments) && options.segments >= 1))
    throw new RecommendOptionError(`--segments must be a positive integer, got ${options.segments}`);
  const segments = await segmentTraders(run, base, {
    k: options.segments,
    seed: manifest.seed,
    featureSet: options.segmentFeatures,
    table: inputs?.trainingFeatures,
  });
  const train: TrainingData = { ...base, segments };
  const personas = manifest.scenario.population.personas.map((p) => p.id);
  const truth = inputs?.truth ?? (await readTruth(run, train.traders, personas));
  const personaOf = Array.from(truth.persona, (p) => truth.personas[p] ?? 'unknown');
  const recommenders = evaluate(train, test, defaultRecommenders(), k, personaOf, truth.personas);

  const P = train.products;
  let withTraining = 0;
  let withTest = 0;
  for (let t = 0; t < train.traders; t++) {
    if (test.products[t].size > 0) withTest++;
    for (let p = 0; p < P; p++) {
      if (train.counts[t * P + p] > 0) {
        withTraining++;
        break;
      }
    }
  }
  const result: RecommendResult = {
    run: {
      scenario: manifest.scenario.name,
      traders: manifest.counts.traders,
      weeks: manifest.scenario.weeks,
      seed: manifest.seed,
    },
    k,
    split: { ...split, trainTransactions: train.purchases.length, testTransactions: test.rows },
    relevance: RELEVANCE,
    counts: {
      traders: train.traders,
      catalogue: P,
      withTrainingPurchase: withTraining,
      withTestPurchase: withTest,
      evaluated: evaluatedTraders(train, test).length,
    },
    segments: {
      k: segments.k,
      chosenBy: segments.chosenBy,
      criterion: segments.criterion,
      featureSet: segments.featureSet,
      features: segments.features,
      perK: segments.perK,
      sizes: segments.sizes,
    },
    recommenders,
    seconds: (performance.now() - t0) / 1000,
  };
  await run.verified();
  const out = join(dir, 'analysis');
  mkdirSync(out, { recursive: true });
  writeFileAtomic(join(out, 'recommend.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
