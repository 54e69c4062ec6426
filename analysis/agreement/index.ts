/** The run's ground truth (persona and zone per trader) and how well a clustering agrees with it. */
export { adjustedRandIndex, contingency, normalizedMutualInfo, purity } from './agreement.ts';
export type { Contingency } from './agreement.ts';
export { labelsFor, readTruth } from './truth.ts';
export type { Truth } from './truth.ts';
export { SUBCLUSTER_MIN_SHARE, zonesWithinPersonas } from './zone-subclusters.ts';
export type { PersonaZones } from './zone-subclusters.ts';
