/**
 * The agents' public API: who buys, and how. Other folders import the agents through this file
 * only; the agents' own modules import each other directly.
 */
export { buildBehaviours } from './behaviour.ts';
export type { BehaviourTable } from './behaviour.ts';
export { ChoiceTables } from './choice.ts';
export type {
  BudgetConfig,
  EdgeCaseConfig,
  LifecycleConfig,
  PopulationConfig,
  UniformConfig,
  VariationConfig,
} from './config.ts';
export { DayState, LifeState, advanceLifecycle } from './lifecycle.ts';
export { DEFAULT_PERSONAS } from './personas.ts';
export type { HourPeak, PersonaSpec } from './personas.ts';
export { drawFromCdf } from './random-source.ts';
export type { RandomSource } from './random-source.ts';
export { sharedArray } from './shared-array.ts';
export { spawnTraders } from './spawn.ts';
export { MAX_PREFERRED, MUTABLE_FIELDS, allocateTraders } from './trader-table.ts';
export type { TraderTable } from './trader-table.ts';
export { cents, pay, requestVisit, substitute } from './visit.ts';
export type { RequestSink, VisitContext } from './visit.ts';
