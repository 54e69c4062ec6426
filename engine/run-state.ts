/**
 * The state a checkpoint carries besides its header (checkpoint.ts is the file): the metrics'
 * accumulators, the traders' mutable fields and the market's state at a day's close, as named
 * sections, and their restoring on resume. The traders' drawn parameters are not among them: a
 * resumed run spawns them again from the seed.
 */
import { MUTABLE_FIELDS, type TraderTable } from '../agents/index.ts';
import type { Market } from '../market/index.ts';
import type { Checkpoint } from './checkpoint.ts';
import type { RunMetrics } from './run-metrics.ts';

type Sections = Checkpoint['sections'];

/** The sections of a checkpoint at a closed day, in the order they are written. */
export function stateSections(
  table: TraderTable,
  marketState: Record<string, Float64Array>,
  metricsState: Float64Array,
): Sections {
  const sections: Sections = { metrics: metricsState };
  for (const f of MUTABLE_FIELDS) sections[`traders.${f}`] = table[f];
  for (const [name, a] of Object.entries(marketState)) sections[`market.${name}`] = a;
  return sections;
}

/** A copy of the market's state, taken at a close to be written after the next day has opened. */
export function copyState(state: Record<string, Float64Array>): Record<string, Float64Array> {
  return Object.fromEntries(Object.entries(state).map(([k, a]) => [k, a.slice()]));
}

/** A checkpoint's section, checked for presence (and length, unless -1). */
function section(c: Checkpoint, name: string, length: number): Sections[string] {
  const a = c.sections[name];
  if (!a || (length >= 0 && a.length !== length))
    throw new Error(`checkpoint: section ${name} missing or of the wrong size`);
  return a;
}

/** Puts the checkpoint's mutable fields into a freshly spawned trader table. */
export function restoreTraders(c: Checkpoint, table: TraderTable): void {
  for (const f of MUTABLE_FIELDS) table[f].set(section(c, `traders.${f}`, table[f].length) as never);
}

/** Puts the market's state at the checkpoint's close, and the metrics' accumulators, back. */
export function restoreMarket(c: Checkpoint, market: Market, metrics: RunMetrics): void {
  const state: Record<string, Float64Array> = {};
  for (const [name, a] of Object.entries(c.sections))
    if (name.startsWith('market.')) state[name.slice(7)] = a as Float64Array;
  market.restore(state);
  metrics.load(section(c, 'metrics', -1) as Float64Array);
}
