/**
 * Clustering standardised features: k-means++ restarts over a range of k (on worker threads),
 * refinement, the silhouette (exact, parallel, or several labelings on one sample), the internal
 * indices, prediction strength and the natural k, and names and descriptions of the clusters.
 */
export { calinskiHarabasz, daviesBouldin, inertia } from './cluster-indices.ts';
export { describeClusters } from './describe-clusters.ts';
export type { ClusterDescription } from './describe-clusters.ts';
export { kmeansPlusPlus } from './kmeans-plus-plus.ts';
export { REFINE_MAX_ITERATIONS, REFINE_TOLERANCE, refineKmeans } from './kmeans-refine.ts';
export { bestKmeans, nearestCentroid, sweepK } from './kmeans-sweep.ts';
export type { BestKmeansOptions, KmeansFit, KmeansResult, SweepKOptions } from './kmeans-sweep.ts';
export { bestKmeansParallel, sweepKParallel } from './kmeans-sweep-parallel.ts';
export type { KmeansThreadsOptions } from './kmeans-sweep-parallel.ts';
export { DEFAULT_EXACT_SILHOUETTE, DEFAULT_SILHOUETTE_SAMPLE, meanSilhouettes } from './mean-silhouettes.ts';
export type { MeanSilhouettes } from './mean-silhouettes.ts';
export { NAME_MIN_Z, clusterName, clusterNames } from './name-clusters.ts';
export {
  DEFAULT_PS_THRESHOLD,
  PS_THRESHOLD_REASON,
  SILHOUETTE_K_CRITERION,
  naturalK,
  naturalKCriterion,
  nearBest,
  silhouetteK,
} from './natural-k.ts';
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
export { perClusterSilhouette, silhouetteSamples, silhouetteScore } from './silhouette.ts';
export { sharedSample, silhouetteMany } from './silhouette-many.ts';
export { sampleIndices, silhouetteManyParallel, silhouetteParallel } from './silhouette-parallel.ts';
export { MIN_PER_CLUSTER, REPLICATES, sampledSilhouettes } from './silhouette-sampled.ts';
export type { SampledSilhouette, SilhouetteSample } from './silhouette-sampled.ts';
export type { SilhouetteParallelOptions } from './silhouette-parallel.ts';
export { createWorkerPool, workerFile } from './worker-pool.ts';
export type { WorkerPool } from './worker-pool.ts';
