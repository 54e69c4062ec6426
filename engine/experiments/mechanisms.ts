/**
 * The mechanisms a counterfactual can switch off, each defined only as scenario assignments (the
 * paths of scenario-paths.ts), so "without" is an ordinary scenario that `simulate --set` can run
 * too, and the engine has no code path that only the counterfactual knows.
 */
import { UsageError, show } from '../errors.ts';
import type { Assignment } from '../scenario-paths.ts';

export interface Mechanism {
  /** What switching it off means, for --help and the README. */
  off: string;
  sets: Assignment[];
}

export const MECHANISMS = {
  priceResponse: { off: 'prices ignore demand and stock', sets: [{ path: 'market.price.demandResponse', value: 0 }] },
  stock: { off: 'vendors have unlimited stock', sets: [{ path: 'market.stock.enabled', value: false }] },
  markdowns: { off: 'no evening markdowns', sets: [{ path: 'market.price.markdownMax', value: 0 }] },
  seasonality: { off: 'no seasons in price or supply', sets: [{ path: 'market.price.seasonality', value: 0 }] },
  lifecycle: { off: 'no joining, ramp-up or decline', sets: [{ path: 'population.lifecycle.enabled', value: false }] },
  budgetCycle: {
    off: 'budgets accrue daily instead of arriving on payday',
    sets: [{ path: 'population.budget.cycle', value: 'daily' }],
  },
  priceSensitivity: {
    off: 'every persona ignores prices',
    sets: [{ path: 'population.personas.*.priceSensitivity', value: 0 }],
  },
  // 0.001 is the least the scenario accepts: traders almost never re-buy from memory.
  repeat: {
    off: 'traders (almost) never re-buy from memory: repeat 0.001',
    sets: [{ path: 'population.personas.*.repeat', value: 0.001 }],
  },
} as const satisfies Record<string, Mechanism>;

export type MechanismName = keyof typeof MECHANISMS;
export const MECHANISM_NAMES = Object.keys(MECHANISMS) as MechanismName[];

/** Parses `--without A,B`: known names, none twice. */
export function parseMechanisms(raw: string): MechanismName[] {
  const names = raw.split(',').map((s) => s.trim());
  const seen = new Set<string>();
  for (const n of names) {
    if (!(MECHANISM_NAMES as string[]).includes(n))
      throw new UsageError(`--without must list mechanisms from ${MECHANISM_NAMES.join(', ')}, got ${show(n)}`);
    if (seen.has(n)) throw new UsageError(`--without lists ${show(n)} twice`);
    seen.add(n);
  }
  return names as MechanismName[];
}

/** The assignments that switch the mechanisms off, in the order given. */
export function withoutSets(names: MechanismName[]): Assignment[] {
  return names.flatMap((n) => MECHANISMS[n].sets.map((a) => ({ ...a })));
}

/** The table of mechanisms as help text lines. */
export function mechanismHelp(indent: string): string {
  const w = Math.max(...MECHANISM_NAMES.map((n) => n.length));
  return MECHANISM_NAMES.map(
    (n) =>
      `${indent}${n.padEnd(w)}  ${MECHANISMS[n].sets.map((a) => `${a.path}=${typeof a.value === 'string' ? a.value : JSON.stringify(a.value)}`).join(' ')}`,
  ).join('\n');
}
