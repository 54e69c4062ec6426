/**
 * Behaviour profiles: the per-persona constants the hot loop reads, flattened into typed arrays.
 * In persona mode there is one profile per persona; in uniform mode a single shared profile,
 * so the uniform population really is drawn from one distribution.
 */
import type { PopulationConfig } from './config.ts';
import type { HourPeak } from './personas.ts';

export interface BehaviourTable {
  count: number;
  basketSize: Float64Array;
  /** exp(-(basketSize - 1)): the Poisson inversion limit for a basket's extra items, per visit otherwise. */
  basketLimit: Float64Array;
  bulk: Uint8Array;
  weekend: Float64Array;
  /** Cumulative hour weights, `hours` entries per profile (hour = openHour + index). */
  hourCdf: Float64Array;
  hours: number;
  openHour: number;
}

/** Cumulative weights of a bell-curve mixture over the trading hours [openHour, closeHour). */
export function hourWeights(peaks: HourPeak[], openHour: number, closeHour: number): Float64Array {
  const w = new Float64Array(closeHour - openHour);
  let acc = 0;
  for (let h = openHour; h < closeHour; h++) {
    // Evaluate at the middle of the hour: a visit "at 7" happens between 7:00 and 8:00.
    const t = h + 0.5;
    let v = 0;
    for (const [centre, spread, weight] of peaks) v += weight * Math.exp(-0.5 * ((t - centre) / spread) ** 2);
    // A floor so every persona can turn up at any open hour, however rarely.
    acc += v + 1e-3;
    w[h - openHour] = acc;
  }
  return w;
}

export function buildBehaviours(pop: PopulationConfig, openHour: number, closeHour: number): BehaviourTable {
  const hours = closeHour - openHour;
  if (pop.mode === 'uniform') {
    // The one distribution: share-weighted means of the personas, nothing persona-specific.
    let basket = 0;
    for (const p of pop.personas) basket += p.share * p.basketSize;
    return {
      count: 1,
      basketSize: Float64Array.of(basket),
      basketLimit: Float64Array.of(Math.exp(-(basket - 1))),
      bulk: Uint8Array.of(0),
      weekend: Float64Array.of(1),
      hourCdf: hourWeights(pop.uniform.hours, openHour, closeHour),
      hours,
      openHour,
    };
  }
  const n = pop.personas.length;
  const hourCdf = new Float64Array(n * hours);
  pop.personas.forEach((p, i) => {
    hourCdf.set(hourWeights(p.hours, openHour, closeHour), i * hours);
  });
  return {
    count: n,
    basketSize: Float64Array.from(pop.personas, (p) => p.basketSize),
    basketLimit: Float64Array.from(pop.personas, (p) => Math.exp(-(p.basketSize - 1))),
    bulk: Uint8Array.from(pop.personas, (p) => (p.bulk ? 1 : 0)),
    weekend: Float64Array.from(pop.personas, (p) => p.weekend),
    hourCdf,
    hours,
    openHour,
  };
}
