/** Recommenders trained on a run's early weeks and scored on its last weeks, per persona. */
export { evaluate, evaluatedTraders } from './evaluate.ts';
export type { PersonaScores, RecommenderScores } from './evaluate.ts';
export { formatRecommend, formatRecommendComparison } from './format.ts';
export { RecommendOptionError, buyersPerProduct, rankProducts } from './interface.ts';
export type { Recommender, Segments, TrainingData } from './interface.ts';
export { RELEVANCE, catalogueCoverage, idealDcg, scoreList } from './metrics.ts';
export { DEFAULT_K, DEFAULT_TEST_WEEKS, defaultRecommenders, recommendRun } from './run.ts';
export type { RecommendOptions, RecommendResult } from './run.ts';
export { SEGMENT_FEATURE_SETS, segmentTraders } from './segmentation.ts';
export type { SegmentFeatureSet, SegmentationResult } from './segmentation.ts';
export { readSplit, temporalSplit } from './split.ts';
export type { Split, TestSets } from './split.ts';
