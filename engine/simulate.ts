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
import { mkdirSync } from 'node:fs';
import { spawnTraders, allocateTraders, type TraderTable } from '../agents/index.ts';
import { Market } from '../market/index.ts';
import { type Checkpoint, writeCheckpoint } from './checkpoint.ts';
import { Clock } from './clock.ts';
import { faultPoint } from './fault.ts';
import { type Manifest, packageVersion, writeManifest } from './manifest.ts';
import { Domain, KeyedStream, rootKey } from './random.ts';
import { defaultCheckpointWeeks, defaultThreads } from './run-defaults.ts';
import { addPersonaSales } from './run-day-totals.ts';
import { RunMetrics, metricsSetup } from './run-metrics.ts';
import { type OutputFormat, RunOutput } from './run-output.ts';
import { copyState, restoreMarket, restoreTraders, stateSections } from './run-state.ts';
import type { Scenario } from './scenario.ts';
import { ShardBalancer } from './shard-balance.ts';
import { ShardRunner } from './shard-runner.ts';
import type { ShardTaskInit } from './shard-task.ts';
import { workerEntry } from './worker-bundle.ts';
import { Phase, allocateShared } from './worker-protocol.ts';

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
   * and the transactions, market and prices datasets partitioned by week (run-output.ts). A
   * resumed run keeps its checkpoint's format.
   */
  format?: OutputFormat;
}

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
  // Made before the files are opened: nothing can fail between opening them and the try below.
  const clock = new Clock(s.calendar);
  const output = new RunOutput(s, outDir, clock, format, resume);
  const checkpointEvery = options.checkpointEvery ?? defaultCheckpointWeeks(s.traders, s.weeks);
  let runner: ShardRunner | undefined;
  /** The day of the last checkpoint written: past set-up, a failure keeps the run resumable. */
  let lastCheckpoint = 0;
  try {
    const root = rootKey(s.seed);
    const hours = clock.tradingHours;
    const shared = allocateShared(s, threads, hours);
    // The population is spawned here while the workers start (about 0.1 s from the bundle, 0.5 s
    // through tsx); their first phase is released only once it is complete.
    const table = allocateTraders(s.traders, s.market.catalogue.categories.length, s.population.memorySize);
    const balancer = new ShardBalancer(s.traders, threads);
    balancer.initial(shared.bounds);
    const inits: ShardTaskInit[] = [];
    for (let k = 0; k < threads; k++) inits.push({ scenario: s, table, shared, root, index: k, format });
    runner = new ShardRunner(inits, threads === 1 ? undefined : (options.workerEntry ?? (await workerEntry())));
    spawnInto(table, s, root);
    await output.open(shared, threads);
    if (resume) restoreTraders(resume, table);
    else await output.writeTraders(table);

    const market = new Market(s.market, hours, s.calendar.weekly);
    const size = market.size;
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
    if (resume) restoreMarket(resume, market, metrics);
    /** Writes a checkpoint at a closed day: all of its rows in the files, `marketState` taken at its close. */
    const checkpoint = (day: number, marketState: Record<string, Float64Array>, metricsState: Float64Array): void => {
      // The caller has awaited output.settle(): every Parquet part of the weeks before `day` is in place.
      const files = output.records(day, nextId);
      writeCheckpoint(
        outDir,
        { musika: packageVersion(), scenario: s, format, day, nextId, spendCents, purchases, files },
        stateSections(table, marketState, metricsState),
      );
    };
    // The first checkpoint, before any day: a run killed before its next one restarts from here.
    // A resumed run writes one too, carrying its own scenario: an extension killed before its first
    // checkpoint must resume to the extended length, not to the one its files were made with.
    await output.settle();
    checkpoint(firstDay, copyState(market.state()), metrics.save());
    lastCheckpoint = firstDay;
    const t1 = performance.now();

    const appender = output.appender;
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
      await output.prepare();
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
        output.marketHour(day, h, market);
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
      addPersonaSales(sales, personas, purchases, spendCents);
      market.close();
      const due = day + 1 === days || (checkpointEvery > 0 && (day + 1) % (7 * checkpointEvery) === 0);
      const closed = due ? copyState(market.state()) : undefined;
      const { delivered, wasted, unlimited } = market.vendors;
      output.pricesDay({ day, date: info.date, price: market.opening, delivered, wasted, unlimited });
      metrics.day({
        hourPrice: market.hourPrice,
        hourAdjust: market.hourAdjust,
        stock: market.hourStock,
        asked: market.hourAsked,
        sold: market.hourSold,
        unmet: market.hourUnmet,
        normal: market.prices.normal,
        sales,
        delivered,
        wasted,
        unlimited,
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
        await output.settle();
        checkpoint(day + 1, closed, metricsState);
        lastCheckpoint = day + 1;
      }
      writeBefore = appender.ms;
      options.onDay?.(day + 1, days, nextId - 1);
    }
    appender.append();
    await runner.close();
    runner = undefined;
    const values = metrics.values();
    await output.finish(days, nextId, values);
    const t2 = performance.now();

    const records = output.commit();
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
    // Past its first week's checkpoint a run keeps what the checkpoint vouches for, to be resumed
    // (hours of a long run are not thrown away for a full disk); a new run that failed in its first
    // checkpoint period leaves nothing: no data, no temporary file, no checkpoint.
    await output.abort(resume !== undefined || lastCheckpoint > 0);
    throw e;
  }
}
