/**
 * A whole run: spawn the population, then step the market and the shards day by day, streaming
 * transactions, prices and the ground truth to the run directory; the manifest goes last.
 *
 * Per trading day: the market quotes prices -> every shard steps its traders against them ->
 * transactions are written hour by hour, shard by shard (so the file is in tick, then trader order
 * whatever the sharding) -> the shards' demand is summed -> the market moves prices for tomorrow.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnTraders } from '../agents/spawn.ts';
import { allocateTraders, type TraderTable } from '../agents/trader-table.ts';
import { sharedArray } from '../agents/shared-array.ts';
import { PriceProcess } from '../market/prices.ts';
import { AtomicFile } from './atomic-file.ts';
import { ByteWriter } from './byte-writer.ts';
import { Clock } from './clock.ts';
import { packageVersion, writeManifest, type Manifest } from './manifest.ts';
import { PriceRows } from './prices-csv.ts';
import { Domain, KeyedStream, rootKey } from './random.ts';
import type { Scenario } from './scenario.ts';
import { Shard } from './shard.ts';
import { writeTradersCsv } from './traders-csv.ts';
import { TransactionEncoder } from './transactions-csv.ts';

export interface SimulateOptions {
  /** Worker threads stepping the shards (default 1: the shards run on the calling thread). */
  threads?: number;
  /** Called after each simulated day with the days done and the rows written so far. */
  onDay?: (done: number, total: number, transactions: number) => void;
}

export interface SimulationSummary {
  traders: number;
  transactions: number;
  days: number;
  /** Spend per persona in cents, summed as integers so the total is exact. */
  spendCents: number[];
  purchases: number[];
  seconds: { setup: number; stepping: number; total: number };
  manifest: Manifest;
}

const STREAM_CHUNK = 1 << 20;

/** Spawns the whole population into shared memory. */
export function spawnPopulation(s: Scenario, root: Int32Array): TraderTable {
  const table = allocateTraders(s.traders, s.market.catalogue.categories.length, s.population.memorySize);
  const rng = new KeyedStream(root);
  spawnTraders(
    table,
    { population: s.population, zones: s.market.zones, categories: s.market.catalogue.categories, horizonDays: s.weeks * 7 },
    0,
    s.traders,
    (i) => rng.key(Domain.spawn, i, 0),
  );
  return table;
}

export async function simulate(s: Scenario, outDir: string, options: SimulateOptions = {}): Promise<SimulationSummary> {
  const t0 = performance.now();
  mkdirSync(outDir, { recursive: true });
  const files = {
    traders: new AtomicFile(join(outDir, 'traders.csv')),
    transactions: new AtomicFile(join(outDir, 'transactions.csv')),
    prices: new AtomicFile(join(outDir, 'prices.csv')),
  };
  try {
    const root = rootKey(s.seed);
    const table = spawnPopulation(s, root);
    const traderWriter = new ByteWriter(STREAM_CHUNK, (b) => files.traders.write(b));
    writeTradersCsv(s, table, traderWriter);
    traderWriter.flush();
    files.traders.rows = s.traders;

    const clock = new Clock(s.calendar);
    const market = new PriceProcess(s.market);
    const size = market.zones * market.products;
    const price = sharedArray(Float64Array, size);
    const normal = sharedArray(Float64Array, size);
    const shards = [new Shard(s, table, { from: 0, to: s.traders }, root, price, normal, sharedArray(Float64Array, size))];
    const encoder = new TransactionEncoder(s, table.zone);
    const txnWriter = new ByteWriter(STREAM_CHUNK, (b) => files.transactions.write(b));
    txnWriter.bytes(TransactionEncoder.header());
    const priceWriter = new ByteWriter(STREAM_CHUNK, (b) => files.prices.write(b));
    const priceRows = new PriceRows(s);
    priceRows.header(priceWriter);
    const marketRng = new KeyedStream(root);
    const demand = new Float64Array(size);
    const personas = s.population.personas.length;
    const spendCents = new Array<number>(personas).fill(0);
    const purchases = new Array<number>(personas).fill(0);
    const days = s.weeks * 7;
    const hours = clock.tradingHours;
    let nextId = 1;
    const t1 = performance.now();

    for (let day = 0; day < days; day++) {
      const info = clock.dayInfo(day);
      market.quote(info.month);
      price.set(market.price);
      normal.set(market.normal);
      priceRows.day(day, info.date, price, priceWriter);
      for (const shard of shards) shard.stepDay(info);

      encoder.startDay(info.date, clock.openHour, hours);
      for (let h = 0; h < hours; h++) {
        for (const shard of shards) {
          const from = shard.hourStart[h];
          const to = shard.hourStart[h + 1];
          encoder.encode(shard.batch, from, to, h, nextId, txnWriter);
          nextId += to - from;
        }
      }
      demand.fill(0);
      for (const shard of shards) {
        for (let k = 0; k < size; k++) demand[k] += shard.demand[k];
        const b = shard.batch;
        for (let r = 0; r < b.length; r++) {
          const p = table.persona[b.trader[r]];
          spendCents[p] += Math.round(b.total[r] * 100);
          purchases[p]++;
        }
      }
      market.advance(demand, marketRng.key(Domain.market, 0, day));
      options.onDay?.(day + 1, days, nextId - 1);
    }
    txnWriter.flush();
    priceWriter.flush();
    files.transactions.rows = nextId - 1;
    files.prices.rows = days * size;
    const t2 = performance.now();

    const records: Manifest['files'] = {};
    for (const [name, f] of Object.entries(files)) {
      records[`${name}.csv`] = { rows: f.rows, bytes: f.bytes, sha256: f.commit() };
    }
    const seconds = { setup: (t1 - t0) / 1000, stepping: (t2 - t1) / 1000, total: (performance.now() - t0) / 1000 };
    const manifest: Manifest = {
      musika: packageVersion(),
      scenario: s,
      seed: s.seed,
      days,
      files: records,
      counts: { traders: s.traders, transactions: nextId - 1, priceRows: days * size },
      run: { threads: shards.length, seconds, finishedAt: new Date().toISOString() },
    };
    writeManifest(outDir, manifest);
    return { traders: s.traders, transactions: nextId - 1, days, spendCents, purchases, seconds, manifest };
  } catch (e) {
    for (const f of Object.values(files)) f.abort();
    throw e;
  }
}
