/** The analysis package: reads a run directory (the data contract) and clusters its traders. */
export { analyzeRun, DEFAULT_SAMPLE } from './analyze.ts';
export type { AnalysisResult, AnalyzeOptions, PerK, PredictionStrengthPoint } from './analyze.ts';
export { adjustedRandIndex, contingency, normalizedMutualInfo, purity } from './agreement.ts';
export type { Contingency } from './agreement.ts';
export { calinskiHarabasz, daviesBouldin, inertia } from './cluster-indices.ts';
export { describeClusters } from './describe-clusters.ts';
export type { ClusterDescription } from './describe-clusters.ts';
export { BEHAVIOUR_FEATURES, CONTEXT_FEATURES, FEATURES, FEATURE_NAMES, computeFeatures } from './features.ts';
export type { FeatureName, FeatureTable } from './features.ts';
export { clusteredKText, f3, formatAnalysis, naturalKText } from './format.ts';
export { bestKmeans, nearestCentroid, sweepK } from './kmeans-sweep.ts';
export type { KmeansFit, KmeansResult } from './kmeans-sweep.ts';
export { bestKmeansParallel, sweepKParallel } from './kmeans-sweep-parallel.ts';
export {
  DEFAULT_PS_THRESHOLD,
  PS_THRESHOLD_REASON,
  SILHOUETTE_K_CRITERION,
  naturalK,
  naturalKCriterion,
  nearBest,
  silhouetteK,
} from './natural-k.ts';
export { clusterName, clusterNames, NAME_MIN_Z } from './name-clusters.ts';
export {
  DEFAULT_PS_SAMPLE,
  DEFAULT_PS_SPLITS,
  coMembership,
  halves,
  predictionStrength,
  splitStrength,
} from './prediction-strength.ts';
export type {
  PredictionStrengthK,
  PredictionStrengthOptions,
  PredictionStrengthResult,
} from './prediction-strength.ts';
export { SUBCLUSTER_MIN_SHARE, zonesWithinPersonas } from './zone-subclusters.ts';
export type { PersonaZones } from './zone-subclusters.ts';
export { streamCsv } from './run-dir.ts';
export { RunDirError, openRun, queryRun, readManifest, withRun } from './run/index.ts';
export type { Run, RunManifest } from './run/index.ts';
export { PIPELINE_READERS, readRunInputs } from './read-run.ts';
export type { RunInputs } from './read-run.ts';
export { perClusterSilhouette, silhouetteSamples, silhouetteScore } from './silhouette.ts';
export { sampleIndices, silhouetteParallel } from './silhouette-parallel.ts';
export { standardise } from './standardise.ts';
export { readTruth } from './truth.ts';
export { writeReport } from './report/report.ts';
export type { ReportOptions, ReportResult } from './report/report.ts';
export { aggregateRun } from './report/aggregate.ts';
export type { RunAggregate } from './report/aggregate.ts';
export { recommendRun, defaultRecommenders, DEFAULT_K, DEFAULT_TEST_WEEKS } from './recommend/run.ts';
export type { RecommendOptions, RecommendResult } from './recommend/run.ts';
export { formatRecommend, formatRecommendComparison } from './recommend/format.ts';
export { RecommendOptionError, rankProducts, buyersPerProduct } from './recommend/interface.ts';
export type { Recommender, Segments, TrainingData } from './recommend/interface.ts';
export { evaluate, evaluatedTraders } from './recommend/evaluate.ts';
export type { PersonaScores, RecommenderScores } from './recommend/evaluate.ts';
export { catalogueCoverage, idealDcg, scoreList, RELEVANCE } from './recommend/metrics.ts';
export { readSplit, temporalSplit } from './recommend/split.ts';
export type { Split, TestSets } from './recommend/split.ts';
export { SEGMENT_FEATURE_SETS, segmentTraders } from './recommend/segmentation.ts';
export type { SegmentFeatureSet, SegmentationResult } from './recommend/segmentation.ts';
export { CHECK_IDS, formatValidation, validateRun, writeValidation } from './validate-run.ts';
export type { CheckResult, ValidationResult } from './validate-run.ts';
export { DEFAULT_THRESHOLDS, ThresholdsError, loadThresholdsFile, resolveThresholds } from './validation-thresholds.ts';
export type { ValidationThresholds } from './validation-thresholds.ts';
export {
  chiSquareGoodnessOfFit,
  chiSquareSurvival,
  logGamma,
  regularizedGammaP,
  regularizedGammaQ,
} from './chi-square.ts';
export type { GoodnessOfFit } from './chi-square.ts';
export { renderSvg } from './report/render.ts';
export { esc, figure, page, table } from './report/html.ts';
export type { Cell, Section } from './report/html.ts';
export { writeFileAtomic } from './write-file.ts';
