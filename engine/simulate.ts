/**
 * A whole run: spawn the population, then step the market and the shards day by day and hour by
 * hour, streaming transactions, the market's hourly book, daily prices and the ground truth to the
 * run directory; the run's metrics, then the manifest, go last.
 *
 * Per trading day (the protocol is in worker-protocol.ts): vendors deliver -> for each trading hour,
 * the market posts prices, every shard's visitors request baskets, the market clears the totals,
 * the shards take their fills and ask for substitutes, the market settles the hour -> rows are
 * numbered hour by hour, shard by shard, so the file is in (tick, trader) order whatever the
 * sharding -> shards encode their rows into shared buffers, which main appends to the file while
 * the next day steps -> perishables spoil and vendors learn.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { spawnTraders } from '../agents/spawn.ts';
import { MUTABLE_FIELDS, allocateTraders, type TraderTable } from '../agents/trader-table.ts';
import { sharedArray } from '../agents/shared-array.ts';
import { Market } from '../market/market.ts';
import { AtomicFile } from './atomic-file.ts';
import { CHECKPOINT_FILE, type Checkpoint, writeCheckpoint } from './checkpoint.ts';
import { faultPoint } from './fault.ts';
import { ByteWriter } from './byte-writer.ts';
import { Clock } from './clock.ts';
import { packageVersion, writeManifest, type Manifest } from './manifest.ts';
import { PARQUET_DATASETS, TRADERS_PARQUET } from './parquet-schema.ts';
import { ParquetSink } from './parquet-sink.ts';
import { MarketRows } from './market-csv.ts';
import { PriceRows } from './prices-csv.ts';
import { RunMetrics, metricsSetup } from './run-metrics.ts';
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
  /**
   * Weeks between checkpoints (0: only the one at set-up and the one at the end, which --extend
   * continues from). Default: every 4 weeks from 2 million trader-weeks (defaultCheckpointWeeks).
   */
  checkpointEvery?: number;
  /** Continue from this checkpoint, read from `outDir` (a killed run, or a finished one being extended to `s.weeks`). */
  resume?: Checkpoint;
  /**
   * csv (default): traders.csv, transactions.csv, prices.csv, market.csv. parquet: traders.parquet
   * and the transactions, market and prices datasets partitioned by week (parquet-sink.ts). A
   * resumed run keeps its checkpoint's format.
   */
  format?: OutputFormat;
}

export type OutputFormat = 'csv' | 'parquet';

export interface SimulationSummary {
  traders: number;
  transactions: number;
  days: number;
  threads: number;
  /** Spend per persona in cents, summed as integers so the total is exact. */
  spendCents: number[];
  purchases: number[];
  /** The run's outcome measures, as written to metrics.json. */
  metrics: Record<string, number>;
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

/** Runs from this size take a checkpoint every 4 weeks by default (about 8 seconds of work apart at 100k traders). */
export const CHECKPOINT_FROM_TRADER_WEEKS = 2_000_000;

export function defaultCheckpointWeeks(traders: number, weeks: number): number {
  return traders * weeks > CHECKPOINT_FROM_TRADER_WEEKS ? 4 : 0;
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
    { population: s.population, zones: s.market.zones, categories: s.market.catalogue.categories },
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
    hourPrice: sharedArray(Float64Array, hours * size),
    normal: sharedArray(Float64Array, size),
    ratio: sharedArray(Float64Array, size),
    spare: sharedArray(Float64Array, size),
    subRatio: sharedArray(Float64Array, size),
    requested: sharedArray(Float64Array, shards * size),
    filled: sharedArray(Float64Array, shards * size),
    substitutes: sharedArray(Float64Array, shards * size),
    sales: sharedArray(Float64Array, shards * hours * size * s.population.personas.length * 2),
    counts: sharedArray(Int32Array, shards * hours),
    firstId: sharedArray(Float64Array, shards * hours),
    bytes: sharedArray(Float64Array, shards * hours),
    out: Array.from({ length: shards * 2 }, () => new SharedArrayBuffer(1 << 20, { maxByteLength: OUT_MAX_BYTES })),
    timing: sharedArray(Float64Array, shards * 2),
  };
}

/** A checkpoint's section, checked for presence (and length, unless -1). */
function section(c: Checkpoint, name: string, length: number): Checkpoint['sections'][string] {
  const a = c.sections[name];
  if (!a || (length >= 0 && a.length !== length))
    throw new Error(`checkpoint: section ${name} missing or of the wrong size`);
  return a;
}

/** Sums the shards' slices of `all` (each `size` long) into `into`, in shard order. */
function sumSlices(all: Float64Array, shards: number, into: Float64Array): void {
  const size = into.length;
  into.set(all.subarray(0, size));
  for (let k = 1; k < shards; k++) {
    for (let j = 0; j < size; j++) into[j] += all[k * size + j];
  }
}

export async function simulate(s: Scenario, outDir: string, options: SimulateOptions = {}): Promise<SimulationSummary> {
  const t0 = performance.now();
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(s.traders, s.weeks), s.traders));
  mkdirSync(outDir, { recursive: true });
  const resume = options.resume;
  const format: OutputFormat = resume ? (resume.header.format ?? 'csv') : (options.format ?? 'csv');
  const parquet = format === 'parquet';
  const open = (name: string): AtomicFile => {
    const f = resume?.header.files[name];
    return f ? AtomicFile.resume(join(outDir, name), f.bytes, f.rows) : new AtomicFile(join(outDir, name));
  };
  // CSV files are streamed through AtomicFiles; Parquet parts go through the sink, opened below.
  const csv = parquet
    ? undefined
    : {
        traders: open('traders.csv'),
        transactions: open('transactions.csv'),
        prices: open('prices.csv'),
        market: open('market.csv'),
      };
  const files: Record<string, AtomicFile> = { ...csv, metrics: new AtomicFile(join(outDir, 'metrics.json')) };
  let sink: ParquetSink | undefined;
  const checkpointEvery = options.checkpointEvery ?? defaultCheckpointWeeks(s.traders, s.weeks);
  let runner: ShardRunner | undefined;
  /** The day of the last checkpoint written: past set-up, a failure keeps the run resumable. */
  let lastCheckpoint = 0;
  try {
    const root = rootKey(s.seed);
    const clock = new Clock(s.calendar);
    const hours = clock.tradingHours;
    const shared = allocateShared(s, threads, hours);
    if (csv && !resume) csv.transactions.write(TransactionEncoder.header());
    // The population is spawned here while the workers start (about 0.1 s from the bundle, 0.5 s
    // through tsx); their first phase is released only once it is complete.
    const table = allocateTraders(s.traders, s.market.catalogue.categories.length, s.population.memorySize);
    const balancer = new ShardBalancer(s.traders, threads);
    balancer.initial(shared.bounds);
    const inits: ShardTaskInit[] = [];
    for (let k = 0; k < threads; k++) inits.push({ scenario: s, table, shared, root, index: k, format });
    runner = new ShardRunner(inits, threads === 1 ? undefined : (options.workerEntry ?? (await workerEntry())));
    spawnInto(table, s, root);
    if (parquet)
      sink = await ParquetSink.open(
        s,
        outDir,
        shared,
        threads,
        clock,
        resume && { day: resume.header.day, files: resume.header.files },
      );
    if (resume) {
      for (const f of MUTABLE_FIELDS) table[f].set(section(resume, `traders.${f}`, table[f].length) as never);
    } else if (sink) {
      await sink.writeTraders(table);
    } else {
      const traderWriter = new ByteWriter(STREAM_CHUNK, (b) => csv!.traders.write(b));
      writeTradersCsv(s, table, traderWriter);
      traderWriter.flush();
      csv!.traders.rows = s.traders;
    }

    const market = new Market(s.market, hours, s.calendar.weekly);
    const size = market.size;
    const priceWriter = new ByteWriter(STREAM_CHUNK, (b) => csv!.prices.write(b));
    const priceRows = new PriceRows(s);
    const marketWriter = new ByteWriter(STREAM_CHUNK, (b) => csv!.market.write(b));
    const marketRows = new MarketRows(s, clock.openHour);
    if (csv && !resume) {
      priceRows.header(priceWriter);
      marketRows.header(marketWriter);
    }
    const personaTraders = new Array<number>(s.population.personas.length).fill(0);
    for (let i = 0; i < s.traders; i++) personaTraders[table.persona[i]]++;
    const metrics = new RunMetrics(metricsSetup(s, hours, personaTraders));
    const sales = new Float64Array(shared.sales.length / threads);
    const personas = s.population.personas.length;
    const spendCents = resume ? [...resume.header.spendCents] : new Array<number>(personas).fill(0);
    const purchases = resume ? [...resume.header.purchases] : new Array<number>(personas).fill(0);
    const noiseRng = new KeyedStream(root);
    const supplyRng = new KeyedStream(root);
    const requested = new Float64Array(size);
    const filled = new Float64Array(size);
    const substitutes = new Float64Array(size);
    const days = s.weeks * 7;
    let nextId = resume ? resume.header.nextId : 1;
    const firstDay = resume ? resume.header.day : 0;
    if (firstDay > days) throw new Error(`the checkpoint is at day ${firstDay}, beyond the run's ${days} days`);
    if (resume) {
      const state: Record<string, Float64Array> = {};
      for (const [name, a] of Object.entries(resume.sections))
        if (name.startsWith('market.')) state[name.slice(7)] = a as Float64Array;
      market.restore(state);
      metrics.load(section(resume, 'metrics', -1) as Float64Array);
    }
    /** Writes a checkpoint at a closed day: all of its rows in the files, `marketState` taken at its close. */
    const checkpoint = (day: number, marketState: Record<string, Float64Array>, metricsState: Float64Array): void => {
      let fileRecords: Record<string, { bytes: number; rows: number }>;
      if (csv) {
        priceWriter.flush();
        marketWriter.flush();
        csv.prices.rows = day * size;
        csv.market.rows = day * hours * size;
        csv.transactions.rows = nextId - 1;
        fileRecords = {};
        for (const name of ['traders.csv', 'transactions.csv', 'prices.csv', 'market.csv'] as const) {
          const f = csv[name.slice(0, -4) as 'traders'];
          fileRecords[name] = { bytes: f.bytes, rows: f.rows };
        }
      } else {
        // The caller has awaited sink.settle(): every part of the weeks before `day` is in place.
        fileRecords = sink!.parts.files();
      }
      const sections: Record<string, Float64Array | Int32Array | Int16Array | Uint8Array> = { metrics: metricsState };
      for (const f of MUTABLE_FIELDS) sections[`traders.${f}`] = table[f];
      for (const [name, a] of Object.entries(marketState)) sections[`market.${name}`] = a;
      writeCheckpoint(
        outDir,
        { musika: packageVersion(), scenario: s, format, day, nextId, spendCents, purchases, files: fileRecords },
        sections,
      );
    };
    const copyState = (state: Record<string, Float64Array>): Record<string, Float64Array> =>
      Object.fromEntries(Object.entries(state).map(([k, a]) => [k, a.slice()]));
    // The first checkpoint, before any day: a run killed before its next one restarts from here.
    // A resumed run writes one too, carrying its own scenario: an extension killed before its first
    // checkpoint must resume to the extended length, not to the one its files were made with.
    await sink?.parts.settle();
    checkpoint(firstDay, copyState(market.state()), metrics.save());
    lastCheckpoint = firstDay;
    const t1 = performance.now();

    const appender: Pick<DayAppender, 'take' | 'append' | 'ms'> =
      sink ?? new DayAppender(csv!.transactions, shared, threads, hours);
    /** Each shard's busy milliseconds (stepping and encoding) and main's writing, up to yesterday. */
    const busyBefore = new Float64Array(threads);
    const busy = new Float64Array(threads);
    let writeBefore = 0;
    let info = clock.dayInfo(firstDay);
    const openDay = (day: number): void => {
      market.open(
        info.weekday,
        info.dayOfMonth,
        info.month,
        noiseRng.key(Domain.market, 0, day),
        supplyRng.key(Domain.supply, 0, day),
      );
    };
    if (firstDay < days) {
      openDay(firstDay);
      shared.normal.set(market.prices.normal);
      market.post(0, shared.hourPrice.subarray(0, size));
    }
    for (let day = firstDay; day < days; day++) {
      faultPoint('kill-at-day', day);
      await sink?.parts.prepare();
      options.onBounds?.(day, shared.bounds);
      runner.start(Phase.hour, day, 0);
      // Yesterday's rows go to the file while the workers step.
      appender.append(() => runner!.busy());
      await runner.wait();
      sumSlices(shared.requested, threads, requested);
      market.clear(0, requested, shared.ratio, shared.spare);
      for (let h = 0; h < hours; h++) {
        runner.start(Phase.settle, day, h);
        appender.append(() => runner!.busy());
        await runner.wait();
        sumSlices(shared.filled, threads, filled);
        sumSlices(shared.substitutes, threads, substitutes);
        market.settle(h, filled, substitutes, shared.subRatio);
        if (h + 1 < hours) market.post(h + 1, shared.hourPrice.subarray((h + 1) * size, (h + 2) * size));
        // The hour's book is written while the workers start the next hour.
        runner.start(Phase.hour, day, h + 1);
        if (sink) sink.marketHour(day, h, market);
        else marketRows.hour(day, h, market, marketWriter);
        if (h + 1 < hours) {
          appender.append(() => runner!.busy());
          await runner.wait();
          sumSlices(shared.requested, threads, requested);
          market.clear(h + 1, requested, shared.ratio, shared.spare);
        } else {
          // HOUR(d, hours) took the last hour's substitutes and published each hour's row count.
          await runner.wait();
        }
      }
      // Number the rows: hour-major, then shard, which is (tick, trader) order.
      for (let h = 0; h < hours; h++) {
        for (let k = 0; k < threads; k++) {
          shared.firstId[k * hours + h] = nextId;
          nextId += shared.counts[k * hours + h];
        }
      }
      runner.start(Phase.encode, day);
      appender.append();
      // While the shards encode: book the day and open tomorrow's market.
      sumSlices(shared.sales, threads, sales);
      for (let k = 0; k < sales.length; k += 2) {
        const persona = (k / 2) % personas;
        purchases[persona] += sales[k];
        spendCents[persona] += sales[k + 1];
      }
      market.close();
      const due = day + 1 === days || (checkpointEvery > 0 && (day + 1) % (7 * checkpointEvery) === 0);
      const closed = due ? copyState(market.state()) : undefined;
      const v = market.vendors;
      if (sink) sink.pricesDay(day, market.opening, v.delivered, v.wasted, v.unlimited);
      else priceRows.day(day, info.date, market.opening, v.delivered, v.wasted, v.unlimited, priceWriter);
      metrics.day({
        hourPrice: market.hourPrice,
        hourAdjust: market.hourAdjust,
        stock: market.hourStock,
        asked: market.hourAsked,
        sold: market.hourSold,
        unmet: market.hourUnmet,
        normal: market.prices.normal,
        sales,
        delivered: v.delivered,
        wasted: v.wasted,
        unlimited: v.unlimited,
      });
      const metricsState = due ? metrics.save() : undefined;
      if (day + 1 < days) {
        info = clock.dayInfo(day + 1);
        openDay(day + 1);
      }
      await runner.wait();
      appender.take(day);
      if (day + 1 < days) {
        shared.normal.set(market.prices.normal);
        market.post(0, shared.hourPrice.subarray(0, size));
      }
      for (let k = 0; k < threads; k++) {
        const total = shared.timing[k * 2] + shared.timing[k * 2 + 1];
        busy[k] = total - busyBefore[k];
        busyBefore[k] = total;
      }
      // Day 0 wrote nothing yet: it would tell the balancer that main has no writing to do.
      if (day > firstDay) balancer.update(shared.bounds, busy, appender.ms - writeBefore);
      if (closed && metricsState) {
        appender.append();
        await sink?.parts.settle();
        checkpoint(day + 1, closed, metricsState);
        lastCheckpoint = day + 1;
      }
      writeBefore = appender.ms;
      options.onDay?.(day + 1, days, nextId - 1);
    }
    appender.append();
    await runner.close();
    runner = undefined;
    await sink?.parts.settle();
    if (csv) {
      priceWriter.flush();
      marketWriter.flush();
      csv.transactions.rows = nextId - 1;
      csv.prices.rows = days * size;
      csv.market.rows = days * hours * size;
      csv.traders.rows = s.traders;
    }
    const values = metrics.values();
    files.metrics.write(new TextEncoder().encode(`${JSON.stringify(values, null, 2)}\n`));
    files.metrics.rows = Object.keys(values).length;
    const t2 = performance.now();

    const records: Manifest['files'] = sink ? sink.parts.manifestRecords() : {};
    for (const f of Object.values(files)) {
      records[basename(f.path)] = { rows: f.rows, bytes: f.bytes, sha256: f.commit() };
    }
    sink?.parts.close();
    sink = undefined;
    const seconds = {
      setup: (t1 - t0) / 1000,
      stepping: (t2 - t1) / 1000,
      writing: appender.ms / 1000,
      total: (performance.now() - t0) / 1000,
    };
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
      format,
      files: records,
      counts: { traders: s.traders, transactions: nextId - 1, priceRows: days * size, marketRows: days * hours * size },
      run: {
        threads,
        seconds,
        shardSeconds,
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        finishedAt: new Date().toISOString(),
      },
    };
    writeManifest(outDir, manifest);
    return {
      traders: s.traders,
      transactions: nextId - 1,
      days,
      threads,
      spendCents,
      purchases,
      metrics: values,
      seconds,
      manifest,
    };
  } catch (e) {
    if (runner) await runner.abort().catch(() => undefined);
    // Parts being written are finished or dropped before anything is removed.
    if (sink) await sink.parts.abort().catch(() => undefined);
    if (resume || lastCheckpoint > 0) {
      // Past its first week's checkpoint a run keeps what the checkpoint vouches for, to be resumed
      // (hours of a long run are not thrown away for a full disk).
      for (const f of Object.values(files)) f.close();
    } else {
      // A new run that failed in its first checkpoint period leaves nothing: no data, no temporary file, no checkpoint.
      for (const f of Object.values(files)) f.abort();
      rmSync(join(outDir, CHECKPOINT_FILE), { force: true });
      if (parquet)
        for (const name of [TRADERS_PARQUET, ...PARQUET_DATASETS])
          rmSync(join(outDir, name), { recursive: true, force: true });
    }
    throw e;
  }
}
