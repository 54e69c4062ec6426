/** One row of numbers per trader from a run's transactions, and their standardising for k-means. */
export { calendarDays } from './calendar.ts';
export {
  BEHAVIOUR_FEATURES,
  CONTEXT_FEATURES,
  FEATURES,
  FEATURE_DEFINITIONS,
  FEATURE_NAMES,
} from './definitions.ts';
export type { FeatureDefinition, FeatureName, TraderSums } from './definitions.ts';
export { computeFeatures } from './features.ts';
export type { FeatureOptions, FeatureTable } from './features.ts';
export { WINSOR_HIGH, WINSOR_LOW, standardise } from './standardise.ts';
export type { Standardised } from './standardise.ts';
