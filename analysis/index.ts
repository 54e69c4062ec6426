/**
 * The analysis package: reads a run directory (the data contract) and makes sense of it.
 *
 * Groups, each with its public API in its index.ts; imports between groups run one way, left to
 * right, never back:
 *
 *   common -> run -> features -> cluster -> agreement -> validation -> recommend -> report
 *
 * - common/: input assertions and atomic file writing (imports nothing else in analysis).
 * - run/: the one reader of the data contract (manifest checked, CSV or Parquet).
 * - features/: one row of numbers per trader, the run's calendar, standardising.
 * - cluster/: k-means over k on worker threads, silhouette, indices, prediction strength, natural
 *   k, cluster names and descriptions.
 * - agreement/: the ground truth (traders.csv) and the scores of a clustering against it.
 * - validation/: the checklist a run must pass (checks/), its thresholds and statistics.
 * - recommend/: recommenders trained on the early weeks and scored on the last.
 * - report/: the HTML report.
 *
 * At the top level, the orchestrators: analyze.ts (run -> features -> cluster -> agreement) and
 * its terminal text (format.ts), and pipeline-inputs.ts (one pass over a run for every group).
 * report/ renders analyze.ts's result, so it reads that type and format.ts's text.
 */
export { analyzeRun, DEFAULT_SAMPLE } from './analyze.ts';
export type { AnalysisResult, AnalyzeOptions, PerK, PredictionStrengthPoint } from './analyze.ts';
export { clusteredKText, formatAnalysis, naturalKText } from './format.ts';
export { PIPELINE_READERS, readRunInputs } from './pipeline-inputs.ts';
export type { RunInputs } from './pipeline-inputs.ts';
export { NOT_AVAILABLE, brief, fixed, integer, percent, rounded, writeFileAtomic } from './common/index.ts';
export { RunDirError, openRun, queryRun, readManifest, withRun } from './run/index.ts';
export type { Run, RunManifest } from './run/index.ts';
export {
  BEHAVIOUR_FEATURES,
  CONTEXT_FEATURES,
  FEATURES,
  FEATURE_DEFINITIONS,
  FEATURE_NAMES,
  computeFeatures,
  standardise,
} from './features/index.ts';
export type { FeatureDefinition, FeatureName, FeatureTable } from './features/index.ts';
export {
  DEFAULT_PS_SAMPLE,
  DEFAULT_PS_SPLITS,
  DEFAULT_PS_THRESHOLD,
  NAME_MIN_Z,
  PS_THRESHOLD_REASON,
  SILHOUETTE_K_CRITERION,
  bestKmeans,
  bestKmeansParallel,
  calinskiHarabasz,
  clusterName,
  clusterNames,
  coMembership,
  daviesBouldin,
  describeClusters,
  halves,
  inertia,
  naturalK,
  naturalKCriterion,
  nearBest,
  nearestCentroid,
  perClusterSilhouette,
  predictionStrength,
  sampleIndices,
  silhouetteK,
  silhouetteParallel,
  silhouetteSamples,
  silhouetteScore,
  splitStrength,
  sweepK,
  sweepKParallel,
} from './cluster/index.ts';
export type {
  ClusterDescription,
  KmeansFit,
  KmeansResult,
  PredictionStrengthK,
  PredictionStrengthOptions,
  PredictionStrengthResult,
} from './cluster/index.ts';
export {
  SUBCLUSTER_MIN_SHARE,
  adjustedRandIndex,
  contingency,
  normalizedMutualInfo,
  purity,
  readTruth,
  zonesWithinPersonas,
} from './agreement/index.ts';
export type { Contingency, PersonaZones } from './agreement/index.ts';
export {
  CHECK_IDS,
  DEFAULT_THRESHOLDS,
  THRESHOLD_RANGES,
  chiSquareGoodnessOfFit,
  chiSquareSurvival,
  formatValidation,
  overrideThresholds,
  validateRun,
  writeValidation,
} from './validation/index.ts';
export type {
  CheckResult,
  GoodnessOfFit,
  ThresholdOverrides,
  ThresholdRange,
  ValidationResult,
  ValidationThresholds,
} from './validation/index.ts';
export {
  DEFAULT_K,
  DEFAULT_TEST_WEEKS,
  RELEVANCE,
  RecommendOptionError,
  SEGMENT_FEATURE_SETS,
  buyersPerProduct,
  catalogueCoverage,
  defaultRecommenders,
  evaluate,
  evaluatedTraders,
  formatRecommend,
  formatRecommendComparison,
  idealDcg,
  rankProducts,
  readSplit,
  recommendRun,
  scoreList,
  segmentTraders,
  temporalSplit,
} from './recommend/index.ts';
export type {
  PersonaScores,
  RecommendOptions,
  RecommendResult,
  RecommenderScores,
  Recommender,
  SegmentFeatureSet,
  SegmentationResult,
  Segments,
  Split,
  TestSets,
  TrainingData,
} from './recommend/index.ts';
export { aggregateRun, esc, figure, page, renderSvg, streamCsv, table, writeReport } from './report/index.ts';
export type { Cell, ReportOptions, ReportResult, RunAggregate, Section } from './report/index.ts';
