/**
 * The Parquet run directory (`simulate --format parquet`): traders.parquet at set-up, and the
 * transactions, market and prices datasets partitioned by week, `transactions/week=0007/part-0.parquet`,
 * which DuckDB, polars, pandas/pyarrow and Spark read as one table with hive partitioning.
 *
 * Rows are staged in blocks of typed arrays per part (parquet-table.ts), so memory holds at most
 * the week being filled and the one being written, never the run. When a week's last row is in,
 * DuckDB copies its blocks to the part file while the simulation goes on; before a checkpoint and
 * at the end every pending copy is awaited. Each part is written
 * under a temporary name and renamed when complete, then hashed for the manifest.
 *
 * Transactions come from the shards as column segments (transactions-columns.ts), appended the way
 * day-appender.ts appends CSV chunks: a day's chunks in file order (hour-major, then shard), some
 * while the workers still step, the rest after main has encoded its own shard.
 */
import type { HourlyBook } from '../market/market.ts';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { MAX_PREFERRED, type TraderTable } from '../agents/trader-table.ts';
import type { Clock } from './clock.ts';
import type { FileRecord } from './manifest.ts';
import {
  BLOCK,
  nullCode,
  registerPartScan,
  setInt64,
  StagedPart,
  TableLayout,
  type ColumnSpec,
} from './parquet-table.ts';
import type { Scenario } from './scenario.ts';
import { ROW_BYTES, roundTo } from './transactions-columns.ts';
import type { SharedState } from './worker-protocol.ts';

export const PARQUET_DATASETS = ['transactions', 'market', 'prices'] as const;
export type Dataset = (typeof PARQUET_DATASETS)[number];
export const TRADERS_PARQUET = 'traders.parquet';

/** The part of `dataset` holding week w (0-based), relative to the run directory. */
export function partPath(dataset: Dataset, week: number): string {
  return `${dataset}/week=${String(week).padStart(4, '0')}/part-0.parquet`;
}

/** The distinct values of `values`, in first-seen order, and each value's index among them. */
function dictionary(values: readonly string[]): { values: string[]; index: number[] } {
  const seen = new Map<string, number>();
  const index = values.map((v) => {
    let k = seen.get(v);
    if (k === undefined) {
      k = seen.size;
      seen.set(v, k);
    }
    return k;
  });
  return { values: [...seen.keys()], index };
}

const EDGE_NAMES = ['', 'power_user', 'dormant'];
const US_PER_HOUR = 3_600_000_000;
const MS_PER_DAY = 86_400_000;

export class ParquetSink {
  /** Milliseconds main spent staging rows (its share of the writing, as DayAppender.ms for CSV). */
  ms = 0;
  private readonly records = new Map<string, { rows: number; bytes: number; sha256: string }>();
  private readonly pending: Promise<void>[] = [];
  private failure: unknown;
  private readonly layouts: Record<Dataset, TableLayout>;
  /** Parts are copied one after another on one connection: each write waits for the one before. */
  private chain: Promise<void> = Promise.resolve();
  private readonly current: Partial<Record<Dataset, StagedPart>> = {};
  private readonly spare: Partial<Record<Dataset, StagedPart>> = {};
  // Transactions: the day being appended (as DayAppender).
  private day = -1;
  private hour = 0;
  private shard = 0;
  private readonly bytes: Float64Array;
  private readonly firstId: Float64Array;
  private readonly offset: Float64Array;
  private readonly productName: number[];
  private readonly productCategory: number[];
  private readonly productUnit: number[];
  /** Microseconds since the epoch of tick 0 (00:00 local time on the start date). */
  private readonly startUs: number;
  private readonly openHour: number;
  private readonly startMs: number;
  /** Each zone's code in the zone enum. */
  private readonly zoneCode: number[];

  private constructor(
    private readonly s: Scenario,
    private readonly outDir: string,
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
    private readonly shared: SharedState | undefined,
    private readonly shards: number,
    private readonly hours: number,
    private readonly clock: Clock,
  ) {
    const { products, categories } = s.market.catalogue;
    const names = dictionary(products.map((p) => p.name));
    const units = dictionary(products.map((p) => p.unit));
    const zones = dictionary(s.market.zones.map((z) => z.id));
    const cats = dictionary(categories.map((c) => c.id));
    this.productName = names.index;
    this.zoneCode = zones.index;
    this.productUnit = units.index;
    this.productCategory = products.map((p) => cats.index[categories.findIndex((c) => c.id === p.category)]);
    const zone: ColumnSpec = { name: 'zone', type: { enum: zones.values } };
    const specs: Record<Dataset, ColumnSpec[]> = {
      transactions: [
        { name: 'txn_id', type: 'BIGINT' },
        { name: 'trader_id', type: 'INTEGER' },
        { name: 'tick', type: 'INTEGER' },
        { name: 'timestamp', type: 'TIMESTAMPTZ' },
        { name: 'product_id', type: 'SMALLINT' },
        { name: 'product', type: { enum: names.values } },
        { name: 'category', type: { enum: cats.values } },
        zone,
        { name: 'quantity', type: 'DOUBLE' },
        { name: 'unit', type: { enum: units.values } },
        { name: 'unit_price', type: 'DOUBLE' },
        { name: 'total', type: 'DOUBLE' },
        { name: 'is_repeat', type: 'BOOLEAN' },
        { name: 'is_substitute', type: 'BOOLEAN' },
      ],
      market: [
        { name: 'day', type: 'INTEGER' },
        { name: 'hour', type: 'INTEGER' },
        zone,
        { name: 'product_id', type: 'SMALLINT' },
        { name: 'price', type: 'DOUBLE' },
        { name: 'markdown', type: 'BOOLEAN' },
        { name: 'stock', type: 'DOUBLE', nullable: true },
        { name: 'sold', type: 'DOUBLE' },
        { name: 'unmet', type: 'DOUBLE' },
      ],
      prices: [
        { name: 'day', type: 'INTEGER' },
        { name: 'date', type: 'DATE' },
        zone,
        { name: 'product_id', type: 'SMALLINT' },
        { name: 'price', type: 'DOUBLE' },
        { name: 'delivered', type: 'DOUBLE', nullable: true },
        { name: 'wasted', type: 'DOUBLE', nullable: true },
      ],
    };
    this.layouts = {
      transactions: new TableLayout(specs.transactions),
      market: new TableLayout(specs.market),
      prices: new TableLayout(specs.prices),
    };
    this.bytes = new Float64Array(shards * hours);
    this.firstId = new Float64Array(shards * hours);
    this.offset = new Float64Array(shards);
    this.openHour = clock.openHour;
    this.startMs = Date.parse(`${s.calendar.startDate}T00:00:00Z`);
    // Ticks count hours from 00:00 in Harare (UTC+02:00, no daylight saving): the instants are UTC.
    this.startUs = (this.startMs - 2 * 3_600_000) * 1000;
  }

  /**
   * Opens the sink for a run in `outDir`, from `fromDay` (0, or a checkpoint's day). Parts of weeks
   * from the checkpoint on, and temporary files, are deleted; the parts kept must have the sizes
   * the checkpoint recorded, and are hashed again for the manifest.
   */
  static async open(
    s: Scenario,
    outDir: string,
    shared: SharedState | undefined,
    shards: number,
    clock: Clock,
    resume?: { day: number; files: Record<string, { bytes: number; rows: number }> },
  ): Promise<ParquetSink> {
    // One DuckDB thread: the cores are the shards'; and a single thread keeps the bytes of a part
    // independent of scheduling.
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', preserve_insertion_order: 'true' });
    const con = await instance.connect();
    registerPartScan(con);
    const sink = new ParquetSink(s, outDir, instance, con, shared, shards, clock.tradingHours, clock);
    for (const d of PARQUET_DATASETS) mkdirSync(join(outDir, d), { recursive: true });
    if (resume) sink.keepFrom(resume.day, resume.files);
    return sink;
  }

  private keepFrom(day: number, files: Record<string, { bytes: number; rows: number }>): void {
    const week = day / 7;
    for (const d of PARQUET_DATASETS) {
      const dir = join(this.outDir, d);
      for (const name of readdirSync(dir)) {
        const m = /^week=(\d+)$/.exec(name);
        if (!m || Number(m[1]) >= week) rmSync(join(dir, name), { recursive: true, force: true });
        else
          for (const f of readdirSync(join(dir, name)))
            if (f.endsWith('.tmp')) rmSync(join(dir, name, f), { force: true });
      }
    }
    rmSync(join(this.outDir, `${TRADERS_PARQUET}.tmp`), { force: true });
    for (const [rel, { bytes, rows }] of Object.entries(files)) {
      const path = join(this.outDir, rel);
      if (!existsSync(path)) throw new Error(`cannot resume: ${path} is missing`);
      const size = statSync(path).size;
      if (size !== bytes)
        throw new Error(`cannot resume: ${path} has ${size} bytes, not the ${bytes} the checkpoint recorded`);
      this.records.set(rel, { rows, bytes, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') });
    }
  }

  /**
   * Makes sure each dataset has a part to stage into and one ready for its next part, and keeps
   * at most one week's parts waiting to be written (so memory holds two weeks at most: with one
   * thread the copy only progresses while main waits, here). Awaited once a day.
   */
  async prepare(): Promise<void> {
    this.check();
    while (this.pending.length > PARQUET_DATASETS.length) await this.pending.shift();
    for (const d of PARQUET_DATASETS) {
      this.current[d] ??= new StagedPart(this.layouts[d]);
      this.spare[d] ??= new StagedPart(this.layouts[d]);
    }
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** Ends `d`'s part for week w: DuckDB writes it (after any part before it) while staging goes on in the spare. */
  private endPart(d: Dataset, week: number): void {
    const part = this.current[d]!;
    this.current[d] = this.spare[d];
    this.spare[d] = undefined;
    if (!this.current[d]) throw new Error(`parquet: no part ready for ${d} after week ${week}`);
    const rel = partPath(d, week);
    mkdirSync(join(this.outDir, rel, '..'), { recursive: true });
    this.chain = this.chain.then(() => this.write(part, rel));
    this.pending.push(this.chain);
  }

  private async write(part: StagedPart, rel: string): Promise<void> {
    try {
      const path = join(this.outDir, rel);
      const rows = await part.copyTo(this.con, path);
      const buf = readFileSync(path);
      this.records.set(rel, { rows, bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') });
    } catch (e) {
      this.failure ??= e;
    }
  }

  /** Waits for every part being written; throws the first failure. */
  async settle(): Promise<void> {
    while (this.pending.length) await this.pending.shift();
    this.check();
  }

  /** The parts written so far, for a checkpoint (after settle()). */
  files(): Record<string, { bytes: number; rows: number }> {
    const out: Record<string, { bytes: number; rows: number }> = {};
    for (const [rel, r] of this.records) out[rel] = { bytes: r.bytes, rows: r.rows };
    return out;
  }

  /** Every file written, sorted by path, for the manifest (after settle()). */
  manifestRecords(): Record<string, FileRecord> {
    const out: Record<string, FileRecord> = {};
    for (const rel of [...this.records.keys()].sort()) out[rel] = { ...this.records.get(rel)! };
    return out;
  }

  /** traders.parquet, the ground truth, written at set-up. */
  async writeTraders(t: TraderTable): Promise<void> {
    const s = this.s;
    const cats = s.market.catalogue.categories.map((c) => c.id);
    // preferred_categories is a short list of category ids: a dictionary of the lists that occur.
    const code = new Uint16Array(t.count);
    // Each list is keyed by a number (its categories as digits in base categories + 1), so no
    // string is built per trader; a list's text is made once, when it is first seen.
    const lists = new Map<number, number>();
    const texts: string[] = [];
    const base = cats.length + 1;
    for (let i = 0; i < t.count; i++) {
      let key = 0;
      for (let k = 0; k < t.prefCount[i]; k++) key = key * base + t.prefCats[i * MAX_PREFERRED + k] + 1;
      let c = lists.get(key);
      if (c === undefined) {
        c = lists.size;
        lists.set(key, c);
        const list: string[] = [];
        for (let k = 0; k < t.prefCount[i]; k++) list.push(cats[t.prefCats[i * MAX_PREFERRED + k]]);
        texts.push(list.join(';'));
      }
      code[i] = c;
    }
    const personas = dictionary(s.population.personas.map((p) => p.id));
    const zones = dictionary(s.market.zones.map((z) => z.id));
    const table = new StagedPart(
      new TableLayout([
        { name: 'trader_id', type: 'INTEGER' },
        { name: 'persona', type: { enum: personas.values } },
        { name: 'zone', type: { enum: zones.values } },
        { name: 'join_week', type: 'INTEGER' },
        { name: 'activity', type: 'DOUBLE' },
        { name: 'budget', type: 'DOUBLE' },
        { name: 'repeat_prob', type: 'DOUBLE' },
        { name: 'price_sensitivity', type: 'DOUBLE' },
        { name: 'quantity_scale', type: 'DOUBLE' },
        { name: 'preferred_categories', type: { enum: texts }, nullable: true },
        { name: 'individual_factor', type: 'DOUBLE' },
        { name: 'edge_case', type: { enum: EDGE_NAMES.slice(1) }, nullable: true },
        { name: 'declines', type: 'BOOLEAN' },
      ]),
    );
    const emptyList = lists.get(0);
    for (let i = 0; i < t.count; i++) {
      // The block may change at every next(): read it per row.
      const c = table.cols;
      const p = table.pos;
      c[0][p] = i;
      c[1][p] = personas.index[t.persona[i]];
      c[2][p] = zones.index[t.zone[i]];
      c[3][p] = Math.floor(t.joinDay[i] / 7);
      c[4][p] = roundTo(t.activity[i], 1000);
      c[5][p] = roundTo(t.budget[i], 100);
      c[6][p] = roundTo(t.repeat[i], 1000);
      c[7][p] = roundTo(t.sensitivity[i], 1000);
      c[8][p] = roundTo(t.quantityScale[i], 1000);
      // An empty field in the CSV: null here.
      c[9][p] = code[i] === emptyList ? nullCode(c[9]) : code[i];
      c[10][p] = roundTo(t.individualFactor[i], 1000);
      c[11][p] = t.edge[i] === 0 ? nullCode(c[11]) : t.edge[i] - 1;
      c[12][p] = t.declines[i];
      table.next();
    }
    await table.copyTo(this.con, join(this.outDir, TRADERS_PARQUET));
    const buf = readFileSync(join(this.outDir, TRADERS_PARQUET));
    this.records.set(TRADERS_PARQUET, {
      rows: t.count,
      bytes: buf.length,
      sha256: createHash('sha256').update(buf).digest('hex'),
    });
  }

  /** Hour h of a day's market rows, from the market's hourly book. */
  marketHour(day: number, h: number, book: HourlyBook): void {
    const { hourPrice: price, hourAdjust: adjust, hourStock: stock, hourSold: sold, hourUnmet: unmet } = book;
    const t0 = performance.now();
    const table = this.current.market!;
    const P = this.s.market.catalogue.products.length;
    const Z = this.s.market.zones.length;
    const row = h * Z * P;
    for (let z = 0; z < Z; z++) {
      for (let p = 0; p < P; p++) {
        const k = row + z * P + p;
        const c = table.cols;
        const i = table.pos;
        c[0][i] = day;
        c[1][i] = this.openHour + h;
        c[2][i] = this.zoneCode[z];
        c[3][i] = p;
        c[4][i] = roundTo(price[k], 1000);
        c[5][i] = adjust[k] < 0 ? 1 : 0;
        c[6][i] = stock[k] === Number.POSITIVE_INFINITY ? NaN : roundTo(stock[k], 100);
        c[7][i] = roundTo(sold[k], 100);
        c[8][i] = roundTo(unmet[k], 100);
        table.next();
      }
    }
    this.ms += performance.now() - t0;
  }

  /** A day's prices at close; ends the week's market and prices parts on its last day. */
  pricesDay(day: number, price: Float64Array, delivered: Float64Array, wasted: Float64Array, unlimited: boolean): void {
    const t0 = performance.now();
    const table = this.current.prices!;
    const P = this.s.market.catalogue.products.length;
    const Z = this.s.market.zones.length;
    const date = Math.round((this.startMs + day * MS_PER_DAY) / MS_PER_DAY);
    for (let z = 0; z < Z; z++) {
      for (let p = 0; p < P; p++) {
        const zp = z * P + p;
        const c = table.cols;
        const i = table.pos;
        c[0][i] = day;
        c[1][i] = date;
        c[2][i] = this.zoneCode[z];
        c[3][i] = p;
        c[4][i] = roundTo(price[zp], 1000);
        c[5][i] = unlimited ? NaN : roundTo(delivered[zp], 100);
        c[6][i] = unlimited ? NaN : roundTo(wasted[zp], 100);
        table.next();
      }
    }
    if ((day + 1) % 7 === 0) {
      this.endPart('market', (day + 1) / 7 - 1);
      this.endPart('prices', (day + 1) / 7 - 1);
    }
    this.ms += performance.now() - t0;
  }

  /** Takes the day the shards have just encoded (as DayAppender.take); the previous one must be fully appended. */
  take(day: number): void {
    if (this.pending_) throw new Error(`day ${this.day} is not fully staged before day ${day}`);
    this.day = day;
    this.hour = 0;
    this.shard = 0;
    this.bytes.set(this.shared!.bytes);
    this.firstId.set(this.shared!.firstId);
    this.offset.fill(0);
  }

  private get pending_(): boolean {
    return this.day >= 0 && this.hour < this.hours;
  }

  /** Stages the taken day's chunks for as long as `more()` holds (asked before each chunk), or to the day's end. */
  append(more: () => boolean = () => true): void {
    if (!this.pending_) return;
    const t0 = performance.now();
    const parity = this.day & 1;
    const H = this.hours;
    while (this.hour < H && more()) {
      const k = this.shard;
      const n = this.bytes[k * H + this.hour];
      if (n > 0)
        this.stageChunk(
          this.shared!.out[k * 2 + parity],
          this.offset[k],
          n / ROW_BYTES,
          this.hour,
          this.firstId[k * H + this.hour],
        );
      this.offset[k] += n;
      if (++this.shard === this.shards) {
        this.shard = 0;
        this.hour++;
      }
    }
    if (this.hour === H && (this.day + 1) % 7 === 0) this.endPart('transactions', (this.day + 1) / 7 - 1);
    this.ms += performance.now() - t0;
  }

  /** One (hour, shard) segment of n rows at `at` in `buf` (layout in transactions-columns.ts). */
  private stageChunk(buf: SharedArrayBuffer, at: number, n: number, hour: number, firstId: number): void {
    const quantity = new Float64Array(buf, at, n);
    const price = new Float64Array(buf, at + 8 * n, n);
    const total = new Float64Array(buf, at + 16 * n, n);
    const trader = new Int32Array(buf, at + 24 * n, n);
    const product = new Int16Array(buf, at + 28 * n, n);
    const zone = new Uint8Array(buf, at + 30 * n, n);
    const flags = new Uint8Array(buf, at + 31 * n, n);
    const table = this.current.transactions!;
    let c = table.cols;
    type Cols = [
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int16Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Float64Array,
      Uint8Array,
      Float64Array,
      Float64Array,
      Uint8Array,
      Uint8Array,
    ];
    const cols = c as Cols;
    let [id, tr, tk, ts, pid, pname, cat, zn, qty, unit, up, tot, rep, sub] = cols;
    const tick = this.clock.tick(this.day, hour);
    const zoneCode = this.zoneCode;
    const us = this.startUs + tick * US_PER_HOUR;
    let i = table.pos;
    for (let r = 0; r < n; r++) {
      setInt64(id, i, firstId + r);
      tr[i] = trader[r];
      tk[i] = tick;
      setInt64(ts, i, us);
      const p = product[r];
      pid[i] = p;
      pname[i] = this.productName[p];
      cat[i] = this.productCategory[p];
      zn[i] = zoneCode[zone[r]];
      qty[i] = quantity[r];
      unit[i] = this.productUnit[p];
      up[i] = price[r];
      tot[i] = total[r];
      rep[i] = flags[r] & 1;
      sub[i] = flags[r] >> 1;
      if (++i === BLOCK) {
        table.pos = i;
        table.flush();
        i = 0;
        c = table.cols;
        [id, tr, tk, ts, pid, pname, cat, zn, qty, unit, up, tot, rep, sub] = c as typeof cols;
      }
    }
    table.pos = i;
  }

  /** Drops what is staged and closes DuckDB (on failure); files already renamed stay for --resume. */
  async abort(): Promise<void> {
    await Promise.allSettled(this.pending);
    this.close();
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }
}
