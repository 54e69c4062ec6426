/**
 * A whole run: spawn the population, then step the market and the shards day by day, streaming
 * transactions, prices and the ground truth to the run directory; the manifest goes last.
 *
 * Per trading day (the protocol is in worker-protocol.ts): the market quotes prices -> every shard
 * steps its traders against them -> rows are numbered hour by hour, shard by shard, so the file is
 * in (tick, trader) order whatever the sharding -> shards encode their rows into shared buffers,
 * which main appends to the file while the next day steps -> the shards' demand is summed -> the
 * market moves prices for tomorrow.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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
import { DayAppender } from './day-appender.ts';
import { ShardBalancer } from './shard-balance.ts';
import { ShardRunner } from './shard-runner.ts';
import type { ShardTaskInit } from './shard-task.ts';
import { writeTradersCsv } from './traders-csv.ts';
import { TransactionEncoder } from './transactions-csv.ts';
import { workerEntry } from './worker-bundle.ts';
import { Control, OUT_MAX_BYTES, Phase, type SharedState } from './worker-protocol.ts';

export interface SimulateOptions {
  /** Threads, one shard each: shard 0 on the calling thread, the others in workers. Default: defaultThreads(). */
  threads?: number;
  /** The shard workers' module URL; default: the cached bundle, else the tsx entry (worker-bundle.ts). */
  workerEntry?: string;
  /**
   * Called before each day's STEP with the shards' trader ranges (shard k: [bounds[k], bounds[k + 1])),
   * which it may change; tests do, to show that the bytes never depend on them.
   */
  onBounds?: (day: number, bounds: Int32Array) => void;
  /** Called after each simulated day with the days done and the rows written so far. */
  onDay?: (done: number, total: number, transactions: number) => void;
}

export interface SimulationSummary {
  traders: number;
  transactions: number;
  days: number;
  threads: number;
  /** Spend per persona in cents, summed as integers so the total is exact. */
  spendCents: number[];
  purchases: number[];
  seconds: Manifest['run']['seconds'];
  manifest: Manifest;
}

/**
 * Below this much work (traders x weeks) starting a worker (about 0.1 s) and the day's barriers
 * cost more than a second core saves. Measured here (`npm run bench`, medians of 5, wall 1 vs 2
 * threads, bench/results/macro-2026-11-26-78ac292.json): 10k x 4 weeks 0.93 vs 1.13 s (one thread
 * faster), 10k x 26 1.76 vs 1.76 s (a tie), 100k x 4 2.42 vs 2.23 s and 100k x 26 8.78 vs 5.93 s
 * (two faster). The threshold is the smallest measured size at which two threads won.
 */
export const THREADS_PAY_FROM_TRADER_WEEKS = 400_000;

export function defaultThreads(traders: number, weeks: number): number {
  return traders * weeks >= THREADS_PAY_FROM_TRADER_WEEKS ? Math.max(1, Math.min(2, availableParallelism())) : 1;
}

const STREAM_CHUNK = 1 << 20;

/** Spawns the whole population on the calling thread. */
export function spawnPopulation(s: Scenario, root: Int32Array): TraderTable {
  const table = allocateTraders(s.traders, s.market.catalogue.categories.length, s.population.memorySize);
  spawnInto(table, s, root);
  return table;
}

function spawnInto(table: TraderTable, s: Scenario, root: Int32Array): void {
  const rng = new KeyedStream(root);
  spawnTraders(
    table,
    { population: s.population, zones: s.market.zones, categories: s.market.catalogue.categories, horizonDays: s.weeks * 7 },
    0,
    s.traders,
    (i) => rng.key(Domain.spawn, i, 0),
  );
}

function allocateShared(s: Scenario, shards: number, hours: number): SharedState {
  const size = s.market.zones.length * s.market.catalogue.products.length;
  return {
    control: sharedArray(Int32Array, Control.size),
    bounds: sharedArray(Int32Array, shards + 1),
    price: sharedArray(Float64Array, size),
    normal: sharedArray(Float64Array, size),
    demand: sharedArray(Float64Array, shards * size),
    counts: sharedArray(Int32Array, shards * hours),
    firstId: sharedArray(Float64Array, shards * hours),
    bytes: sharedArray(Float64Array, shards * hours),
    out: Array.from({ length: shards * 2 }, () => new SharedArrayBuffer(1 << 20, { maxByteLength: OUT_MAX_BYTES })),
    spend: sharedArray(Float64Array, shards * 2 * s.population.personas.length),
    timing: sharedArray(Float64Array, shards * 2),
  };
}

export async function simulate(s: Scenario, outDir: string, options: SimulateOptions = {}): Promise<SimulationSummary> {
  const t0 = performance.now();
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(s.traders, s.weeks), s.traders));
  mkdirSync(outDir, { recursive: true });
  const files = {
    traders: new AtomicFile(join(outDir, 'traders.csv')),
    transactions: new AtomicFile(join(outDir, 'transactions.csv')),
    prices: new AtomicFile(join(outDir, 'prices.csv')),
  };
  let runner: ShardRunner | undefined;
  try {
    const root = rootKey(s.seed);
    const clock = new Clock(s.calendar);
    const hours = clock.tradingHours;
    const shared = allocateShared(s, threads, hours);
    files.transactions.write(TransactionEncoder.header());
    // The population is spawned here while the workers start (about 0.1 s from the bundle, 0.5 s
    // through tsx); their first phase is released only once it is complete.
    const table = allocateTraders(s.traders, s.market.catalogue.categories.length, s.population.memorySize);
    const balancer = new ShardBalancer(s.traders, threads);
    balancer.initial(shared.bounds);
    const inits: ShardTaskInit[] = [];
    for (let k = 0; k < threads; k++) inits.push({ scenario: s, table, shared, root, index: k });
    runner = new ShardRunner(inits, threads === 1 ? undefined : (options.workerEntry ?? (await workerEntry())));
    spawnInto(table, s, root);

    const traderWriter = new ByteWriter(STREAM_CHUNK, (b) => files.traders.write(b));
    writeTradersCsv(s, table, traderWriter);
    traderWriter.flush();
    files.traders.rows = s.traders;

    const market = new PriceProcess(s.market);
    const size = market.zones * market.products;
    const priceWriter = new ByteWriter(STREAM_CHUNK, (b) => files.prices.write(b));
    const priceRows = new PriceRows(s);
    priceRows.header(priceWriter);
    const marketRng = new KeyedStream(root);
    const demand = new Float64Array(size);
    const days = s.weeks * 7;
    let nextId = 1;
    const t1 = performance.now();

    const appender = new DayAppender(files.transactions, shared, threads, hours);
    /** Each shard's busy milliseconds (stepping and encoding) and main's writing, up to yesterday. */
    const busyBefore = new Float64Array(threads);
    const busy = new Float64Array(threads);
    let writeBefore = 0;
    let info = clock.dayInfo(0);
    market.quote(info.month);
    shared.price.set(market.price);
    shared.normal.set(market.normal);
    for (let day = 0; day < days; day++) {
      options.onBounds?.(day, shared.bounds);
      runner.start(Phase.step, day);
      // Yesterday's rows go to the file while the workers step, the rest after main's encoding.
      appender.append(() => runner!.busy());
      await runner.wait();
      // Number the rows: hour-major, then shard, which is (tick, trader) order.
      for (let h = 0; h < hours; h++) {
        for (let k = 0; k < threads; k++) {
          shared.firstId[k * hours + h] = nextId;
          nextId += shared.counts[k * hours + h];
        }
      }
      runner.start(Phase.encode, day);
      appender.append();
      // While the shards encode: move the market on to tomorrow.
      priceRows.day(day, info.date, shared.price, priceWriter);
      demand.fill(0);
      for (let k = 0; k < threads; k++) {
        for (let j = 0; j < size; j++) demand[j] += shared.demand[k * size + j];
      }
      market.advance(demand, marketRng.key(Domain.market, 0, day));
      if (day + 1 < days) {
        info = clock.dayInfo(day + 1);
        market.quote(info.month);
      }
      await runner.wait();
      appender.take(day);
      shared.price.set(market.price);
      shared.normal.set(market.normal);
      for (let k = 0; k < threads; k++) {
        const total = shared.timing[k * 2] + shared.timing[k * 2 + 1];
        busy[k] = total - busyBefore[k];
        busyBefore[k] = total;
      }
      // Day 0 wrote nothing yet: it would tell the balancer that main has no writing to do.
      if (day > 0) balancer.update(shared.bounds, busy, appender.ms - writeBefore);
      writeBefore = appender.ms;
      options.onDay?.(day + 1, days, nextId - 1);
    }
    appender.append();
    await runner.close();
    runner = undefined;
    priceWriter.flush();
    files.transactions.rows = nextId - 1;
    files.prices.rows = days * size;
    const t2 = performance.now();

    const personas = s.population.personas.length;
    const spendCents = new Array<number>(personas).fill(0);
    const purchases = new Array<number>(personas).fill(0);
    for (let k = 0; k < threads; k++) {
      for (let p = 0; p < personas; p++) {
        spendCents[p] += shared.spend[k * 2 * personas + p];
        purchases[p] += shared.spend[k * 2 * personas + personas + p];
      }
    }
    const records: Manifest['files'] = {};
    for (const [name, f] of Object.entries(files)) {
      records[`${name}.csv`] = { rows: f.rows, bytes: f.bytes, sha256: f.commit() };
    }
    const seconds = { setup: (t1 - t0) / 1000, stepping: (t2 - t1) / 1000, writing: appender.ms / 1000, total: (performance.now() - t0) / 1000 };
    // The busiest shard's time in each kind of work: where the wall time of the day loop goes.
    const shardSeconds = { step: 0, encode: 0 };
    for (let k = 0; k < threads; k++) {
      shardSeconds.step = Math.max(shardSeconds.step, shared.timing[k * 2] / 1000);
      shardSeconds.encode = Math.max(shardSeconds.encode, shared.timing[k * 2 + 1] / 1000);
    }
    const manifest: Manifest = {
      musika: packageVersion(),
      scenario: s,
      seed: s.seed,
      days,
      files: records,
      counts: { traders: s.traders, transactions: nextId - 1, priceRows: days * size },
      run: { threads, seconds, shardSeconds, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), finishedAt: new Date().toISOString() },
    };
    writeManifest(outDir, manifest);
    return { traders: s.traders, transactions: nextId - 1, days, threads, spendCents, purchases, seconds, manifest };
  } catch (e) {
    if (runner) await runner.abort().catch(() => undefined);
    for (const f of Object.values(files)) f.abort();
    throw e;
  }
}
