/**
 * All traders as a structure of arrays, one row per trader, over shared memory.
 * The drawn parameters (the ground truth) and the mutable state live side by side; the hot loop
 * touches only these arrays.
 */
import { sharedArray } from './shared-array.ts';

/** Preferred categories kept per trader (the truth written to traders.csv). */
export const MAX_PREFERRED = 8;

export const EdgeCase = { none: 0, powerUser: 1, dormant: 2 } as const;

export interface TraderTable {
  count: number;
  categories: number;
  memorySize: number;
  // Drawn once at spawn: the ground truth.
  persona: Uint8Array;
  behaviour: Uint8Array;
  zone: Uint8Array;
  joinDay: Int32Array;
  /** Expected visits per week at peak. */
  activity: Float64Array;
  /** Monthly budget, USD. */
  budget: Float64Array;
  repeat: Float64Array;
  sensitivity: Float64Array;
  /** Quantised sensitivity, the row of the choice tables this trader uses. */
  sensLevel: Uint8Array;
  quantityScale: Float64Array;
  individualFactor: Float64Array;
  edge: Uint8Array;
  declines: Uint8Array;
  /** First day of a declining trader's decline; never reached otherwise. */
  declineDay: Int32Array;
  /** First day of dormancy for dormant edge cases; never reached otherwise. */
  dormantDay: Int32Array;
  prefCount: Uint8Array;
  /** MAX_PREFERRED category indices per trader, most preferred first. */
  prefCats: Uint8Array;
  /** Cumulative category weights, `categories` entries per trader. */
  categoryCdf: Float32Array;
  // Mutable state, stepped by the engine.
  remaining: Float64Array;
  /**
   * Visit intensity still to accumulate before the next visit (an Exp(1) draw, used up by the
   * day's expected visits): visits form a Poisson process in the trader's own activity time, so a
   * day without a visit costs no random draw at all.
   */
  visitDue: Float64Array;
  lifeState: Uint8Array;
  dayState: Uint8Array;
  /** Ring of recently bought product ids, `memorySize` per trader. */
  memory: Int16Array;
  memoryHead: Uint8Array;
  memoryCount: Uint8Array;
}

/** The fields the engine changes as the run goes: what a checkpoint saves (the rest is re-spawned from the seed). */
export const MUTABLE_FIELDS = [
  'remaining',
  'visitDue',
  'lifeState',
  'dayState',
  'memory',
  'memoryHead',
  'memoryCount',
] as const;

export function allocateTraders(count: number, categories: number, memorySize: number): TraderTable {
  return {
    count,
    categories,
    memorySize,
    persona: sharedArray(Uint8Array, count),
    behaviour: sharedArray(Uint8Array, count),
    zone: sharedArray(Uint8Array, count),
    joinDay: sharedArray(Int32Array, count),
    activity: sharedArray(Float64Array, count),
    budget: sharedArray(Float64Array, count),
    repeat: sharedArray(Float64Array, count),
    sensitivity: sharedArray(Float64Array, count),
    sensLevel: sharedArray(Uint8Array, count),
    quantityScale: sharedArray(Float64Array, count),
    individualFactor: sharedArray(Float64Array, count),
    edge: sharedArray(Uint8Array, count),
    declines: sharedArray(Uint8Array, count),
    declineDay: sharedArray(Int32Array, count),
    dormantDay: sharedArray(Int32Array, count),
    prefCount: sharedArray(Uint8Array, count),
    prefCats: sharedArray(Uint8Array, count * MAX_PREFERRED),
    categoryCdf: sharedArray(Float32Array, count * categories),
    remaining: sharedArray(Float64Array, count),
    visitDue: sharedArray(Float64Array, count),
    lifeState: sharedArray(Uint8Array, count),
    dayState: sharedArray(Uint8Array, count),
    memory: sharedArray(Int16Array, count * memorySize),
    memoryHead: sharedArray(Uint8Array, count),
    memoryCount: sharedArray(Uint8Array, count),
  };
}
