/**
 * Shared test helpers: temporary directories, simulation runs cached per test file, file hashes
 * and typed CSV readers (csv-parse, so the files are read by an independent parser, not by the
 * engine's own code).
 *
 * Every test file runs in its own process under `node --test`: runOnce gives the tests of a file one
 * run directory per (scenario, size, seed), copied from a run shared with the invocation's other
 * files (shared-run.ts), so a run is simulated once per `npm test` however many files read it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { count, deviation, mean as d3mean, median as d3median } from 'd3-array';
import type { Manifest, Scenario, SimulationSummary } from '../../engine/index.ts';
import { sharedRun } from './shared-run.ts';

/** The column names of the data contract (README.md), written out here rather than imported. */
export const CONTRACT = {
  traders: [
    'trader_id',
    'persona',
    'zone',
    'join_week',
    'activity',
    'budget',
    'repeat_prob',
    'price_sensitivity',
    'quantity_scale',
    'preferred_categories',
    'individual_factor',
    'edge_case',
    'declines',
  ],
  transactions: [
    'txn_id',
    'trader_id',
    'tick',
    'timestamp',
    'product_id',
    'product',
    'category',
    'zone',
    'quantity',
    'unit',
    'unit_price',
    'total',
    'is_repeat',
    'is_substitute',
  ],
  prices: ['day', 'date', 'zone', 'product_id', 'price', 'delivered', 'wasted'],
  market: ['day', 'hour', 'zone', 'product_id', 'price', 'markdown', 'stock', 'sold', 'unmet'],
} as const;

const made: string[] = [];
let cleanupRegistered = false;

/** A fresh directory under os.tmpdir(), removed when the process exits. */
export function tempDir(prefix = 'musika-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.on('exit', () => {
      for (const d of made) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export interface RunSpec {
  preset: 'personas' | 'uniform' | 'distinct';
  traders: number;
  weeks: number;
  seed: string;
  /** Simulate options: worker threads (the output must not depend on it). */
  threads?: number;
}

export interface Run {
  spec: RunSpec;
  dir: string;
  scenario: Scenario;
  summary: SimulationSummary;
  manifest: Manifest;
}

const cache = new Map<string, Promise<Run>>();

/**
 * The engine, loaded when a run is first made: the files that only read runs or CSV (tempDir,
 * readCsv) do not pay for loading it, 0.5-0.8 CPU-s through tsx.
 */
const engine = () => import('../../engine/index.ts');

const scenarioOf = async (spec: RunSpec): Promise<Scenario> =>
  (await engine()).resolveScenario({ preset: spec.preset, traders: spec.traders, weeks: spec.weeks, seed: spec.seed });

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Simulates `spec` into a fresh temp directory. */
export async function runFresh(spec: RunSpec): Promise<Run> {
  const scenario = await scenarioOf(spec);
  const dir = join(tempDir(`musika-${spec.preset}-`), 'run');
  const summary = await (await engine()).simulate(scenario, dir, { threads: spec.threads });
  return { spec, dir, scenario, summary, manifest: readManifest(dir) };
}

/**
 * `spec`'s run, the same directory for every call in this file (tests of a file may build on what
 * another wrote there), a copy of the run shared with the other files (never simulated twice).
 */
export function runOnce(spec: RunSpec): Promise<Run> {
  const key = JSON.stringify([spec.preset, spec.traders, spec.weeks, spec.seed, spec.threads ?? 1]);
  let run = cache.get(key);
  if (!run) {
    run = (async () => {
      const scenario = await scenarioOf(spec);
      const into = join(tempDir(`musika-${spec.preset}-`), 'run');
      const { dir, summary } = await sharedRun(scenario, into, { threads: spec.threads });
      return { spec, dir, scenario, summary, manifest: readManifest(dir) };
    })();
    cache.set(key, run);
  }
  return run;
}

// ------------------------------------------------------------------------------------- CSV

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** Parses a CSV file with csv-parse; every record must have as many fields as the header. */
export function readCsv(path: string): CsvTable {
  const all = parse(readFileSync(path), { relax_column_count: false }) as string[][];
  const [header, ...rows] = all;
  return { header, rows };
}

export interface TraderRow {
  trader_id: number;
  persona: string;
  zone: string;
  join_week: number;
  activity: number;
  budget: number;
  repeat_prob: number;
  price_sensitivity: number;
  quantity_scale: number;
  preferred_categories: string[];
  individual_factor: number;
  edge_case: string;
  declines: number;
}

export interface TxnRow {
  txn_id: number;
  trader_id: number;
  tick: number;
  timestamp: string;
  product_id: number;
  product: string;
  category: string;
  zone: string;
  quantity: number;
  unit: string;
  unit_price: number;
  total: number;
  is_repeat: number;
  is_substitute: number;
  /** The raw text of quantity, unit_price and total, for format checks. */
  raw: { quantity: string; unit_price: string; total: string };
}

export interface PriceRow {
  day: number;
  date: string;
  zone: string;
  product_id: number;
  price: number;
  rawPrice: string;
  /** NaN on a day of unlimited stock (the column is empty). */
  delivered: number;
  wasted: number;
}

export interface MarketRow {
  day: number;
  hour: number;
  zone: string;
  product_id: number;
  price: number;
  rawPrice: string;
  markdown: number;
  /** NaN when stock is unlimited (the column is empty). */
  stock: number;
  sold: number;
  unmet: number;
}

function indexer(header: string[], expected: readonly string[]): (name: string) => number {
  return (name) => {
    const k = header.indexOf(name);
    if (k < 0)
      throw new Error(`column ${name} missing from header ${header.join(',')} (expected ${expected.join(',')})`);
    return k;
  };
}

export function readTraders(dir: string): TraderRow[] {
  return tradersRows(readCsv(join(dir, 'traders.csv')));
}

/** traders.csv's rows, from the table csv-parse read. */
export function tradersRows({ header, rows }: CsvTable): TraderRow[] {
  const col = indexer(header, CONTRACT.traders);
  const c = Object.fromEntries(CONTRACT.traders.map((n) => [n, col(n)])) as Record<
    (typeof CONTRACT.traders)[number],
    number
  >;
  return rows.map((r) => ({
    trader_id: Number(r[c.trader_id]),
    persona: r[c.persona],
    zone: r[c.zone],
    join_week: Number(r[c.join_week]),
    activity: Number(r[c.activity]),
    budget: Number(r[c.budget]),
    repeat_prob: Number(r[c.repeat_prob]),
    price_sensitivity: Number(r[c.price_sensitivity]),
    quantity_scale: Number(r[c.quantity_scale]),
    preferred_categories: r[c.preferred_categories] === '' ? [] : r[c.preferred_categories].split(';'),
    individual_factor: Number(r[c.individual_factor]),
    edge_case: r[c.edge_case],
    declines: Number(r[c.declines]),
  }));
}

export function readTransactions(dir: string): TxnRow[] {
  return transactionsRows(readCsv(join(dir, 'transactions.csv')));
}

/** transactions.csv's rows, from the table csv-parse read. */
export function transactionsRows({ header, rows }: CsvTable): TxnRow[] {
  const col = indexer(header, CONTRACT.transactions);
  const c = Object.fromEntries(CONTRACT.transactions.map((n) => [n, col(n)])) as Record<
    (typeof CONTRACT.transactions)[number],
    number
  >;
  return rows.map((r) => ({
    txn_id: Number(r[c.txn_id]),
    trader_id: Number(r[c.trader_id]),
    tick: Number(r[c.tick]),
    timestamp: r[c.timestamp],
    product_id: Number(r[c.product_id]),
    product: r[c.product],
    category: r[c.category],
    zone: r[c.zone],
    quantity: Number(r[c.quantity]),
    unit: r[c.unit],
    unit_price: Number(r[c.unit_price]),
    total: Number(r[c.total]),
    is_repeat: Number(r[c.is_repeat]),
    is_substitute: Number(r[c.is_substitute]),
    raw: { quantity: r[c.quantity], unit_price: r[c.unit_price], total: r[c.total] },
  }));
}

export function readPrices(dir: string): PriceRow[] {
  return pricesRows(readCsv(join(dir, 'prices.csv')));
}

/** prices.csv's rows, from the table csv-parse read. */
export function pricesRows({ header, rows }: CsvTable): PriceRow[] {
  const col = indexer(header, CONTRACT.prices);
  const c = Object.fromEntries(CONTRACT.prices.map((n) => [n, col(n)])) as Record<
    (typeof CONTRACT.prices)[number],
    number
  >;
  return rows.map((r) => ({
    day: Number(r[c.day]),
    date: r[c.date],
    zone: r[c.zone],
    product_id: Number(r[c.product_id]),
    price: Number(r[c.price]),
    rawPrice: r[c.price],
    delivered: r[c.delivered] === '' ? Number.NaN : Number(r[c.delivered]),
    wasted: r[c.wasted] === '' ? Number.NaN : Number(r[c.wasted]),
  }));
}

export function readMarket(dir: string): MarketRow[] {
  return marketRows(readCsv(join(dir, 'market.csv')));
}

/** market.csv's rows, from the table csv-parse read. */
export function marketRows({ header, rows }: CsvTable): MarketRow[] {
  const col = indexer(header, CONTRACT.market);
  const c = Object.fromEntries(CONTRACT.market.map((n) => [n, col(n)])) as Record<
    (typeof CONTRACT.market)[number],
    number
  >;
  return rows.map((r) => ({
    day: Number(r[c.day]),
    hour: Number(r[c.hour]),
    zone: r[c.zone],
    product_id: Number(r[c.product_id]),
    price: Number(r[c.price]),
    rawPrice: r[c.price],
    markdown: Number(r[c.markdown]),
    stock: r[c.stock] === '' ? Number.NaN : Number(r[c.stock]),
    sold: Number(r[c.sold]),
    unmet: Number(r[c.unmet]),
  }));
}

// ------------------------------------------------------------------------------- statistics
// d3-array's, typed for the tests: no data (undefined) is NaN, which fails every comparison. d3
// skips NaN values; the contract tests (tests/engine/invariants*.test.ts) keep them out of the files.

export const mean = (xs: Iterable<number>): number => d3mean(xs) ?? Number.NaN;

export const median = (xs: Iterable<number>): number => d3median(xs) ?? Number.NaN;

/** Standard error of a mean: the sample standard deviation (n - 1) over the square root of n. */
export const stdError = (xs: Iterable<number>): number => (deviation(xs) ?? Number.NaN) / Math.sqrt(count(xs));

/** Money in integer cents, so sums are exact. */
export function cents(usd: number): number {
  return Math.round(usd * 100);
}

/** The date `days` after an ISO date (UTC arithmetic; Harare has no daylight saving). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}
