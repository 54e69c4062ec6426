/**
 * The runs whose files the invariants tests (invariants-files, invariants-replay) check row by row,
 * read with csv-parse, not with the engine's code, each file parsed at most once per test file.
 * Where a check needs a trader's exact join day or unrounded budget (traders.csv has the join week
 * and the budget to the cent), it re-spawns the population with spawnPopulation(scenario,
 * rootKey(seed)), the same call the engine makes; invariants-files checks that this table agrees
 * with traders.csv.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { TraderTable } from '../../agents/trader-table.ts';
import { rootKey } from '../../engine/random.ts';
import { spawnPopulation } from '../../engine/simulate.ts';
import {
  marketRows,
  pricesRows,
  readCsv,
  runOnce,
  tradersRows,
  transactionsRows,
  type CsvTable,
  type MarketRow,
  type PriceRow,
  type Run,
  type RunSpec,
  type TraderRow,
  type TxnRow,
} from '../helpers/run.ts';

export const RUNS: Record<'personas' | 'uniform' | 'distinct', RunSpec> = {
  // Ten weeks from Monday 6 January: a prorated January, then two paydays (1 February, 1 March).
  personas: { preset: 'personas', traders: 1000, weeks: 10, seed: 'invariants' },
  uniform: { preset: 'uniform', traders: 400, weeks: 6, seed: 'invariants' },
  distinct: { preset: 'distinct', traders: 300, weeks: 5, seed: 'invariants' },
};

export type RunName = keyof typeof RUNS;
export const RUN_NAMES = Object.keys(RUNS) as RunName[];

/** A run and its files, each parsed on first use (market.csv alone is 350,000 rows at the personas size). */
export class Loaded {
  readonly #csv = new Map<string, CsvTable>();
  #traders?: TraderRow[];
  #txns?: TxnRow[];
  #prices?: PriceRow[];
  #market?: MarketRow[];
  #table?: TraderTable;

  constructor(readonly run: Run) {}

  /** A data file as csv-parse read it. */
  csv(file: string): CsvTable {
    let t = this.#csv.get(file);
    if (!t) {
      t = readCsv(join(this.run.dir, file));
      this.#csv.set(file, t);
    }
    return t;
  }

  get traders(): TraderRow[] {
    this.#traders ??= tradersRows(this.csv('traders.csv'));
    return this.#traders;
  }

  get txns(): TxnRow[] {
    this.#txns ??= transactionsRows(this.csv('transactions.csv'));
    return this.#txns;
  }

  get prices(): PriceRow[] {
    this.#prices ??= pricesRows(this.csv('prices.csv'));
    return this.#prices;
  }

  get market(): MarketRow[] {
    this.#market ??= marketRows(this.csv('market.csv'));
    return this.#market;
  }

  /** The population as the engine spawned it. */
  get table(): TraderTable {
    this.#table ??= spawnPopulation(this.run.scenario, rootKey(this.run.scenario.seed));
    return this.#table;
  }
}

const loaded = new Map<RunName, Promise<Loaded>>();

export function load(name: RunName): Promise<Loaded> {
  let p = loaded.get(name);
  if (!p) {
    p = runOnce(RUNS[name]).then((run) => new Loaded(run));
    loaded.set(name, p);
  }
  return p;
}

export function daysInMonth(isoDate: string): number {
  const [y, m] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function dayOfMonth(isoDate: string): number {
  return Number(isoDate.slice(8, 10));
}

/** Fails with the first offending row only, so a broken invariant does not print 100,000 lines. */
export function everyRow<T>(rows: T[], check: (row: T, k: number) => string | undefined): void {
  for (let k = 0; k < rows.length; k++) {
    const problem = check(rows[k], k);
    if (problem !== undefined) assert.fail(`row ${k}: ${problem}\n${JSON.stringify(rows[k])}`);
  }
}
