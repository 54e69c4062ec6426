/**
 * The Parquet run directory (`simulate --format parquet`): traders.parquet at set-up, then the
 * transactions, market and prices datasets (parquet-schema.ts) staged row by row into their
 * week's part (parquet-table.ts), which ParquetParts writes when the week ends
 * (parquet-parts.ts).
 *
 * Transactions come from the shards as column segments (transactions-columns.ts), appended the way
 * day-appender.ts appends CSV chunks: a day's chunks in file order (hour-major, then shard), some
 * while the workers still step, the rest after main has encoded its own shard.
 */
import type { TraderTable } from '../agents/index.ts';
import type { HourlyBook } from '../market/index.ts';
import type { Clock } from './clock.ts';
import { ParquetParts } from './parquet-parts.ts';
import { type DatasetSchema, TRADERS_PARQUET, datasetSchema } from './parquet-schema.ts';
import { BLOCK, TableLayout, setInt64 } from './parquet-table.ts';
import { stageTraders } from './parquet-traders.ts';
import type { PricesDay } from './prices-csv.ts';
import type { Scenario } from './scenario.ts';
import { ROW_BYTES, roundTo } from './transactions-columns.ts';
import type { SharedState } from './worker-protocol.ts';

const US_PER_HOUR = 3_600_000_000;
const MS_PER_DAY = 86_400_000;

export class ParquetSink {
  /** Milliseconds main spent staging rows (its share of the writing, as DayAppender.ms for CSV). */
  ms = 0;
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
    /** The files: waiting for and recording them (prepare, settle, files, manifestRecords, abort, close). */
    readonly parts: ParquetParts,
    schema: DatasetSchema,
    private readonly shared: SharedState | undefined,
    private readonly shards: number,
    private readonly hours: number,
    private readonly clock: Clock,
  ) {
    this.productName = schema.productName;
    this.productCategory = schema.productCategory;
    this.productUnit = schema.productUnit;
    this.zoneCode = schema.zoneCode;
    this.bytes = new Float64Array(shards * hours);
    this.firstId = new Float64Array(shards * hours);
    this.offset = new Float64Array(shards);
    this.openHour = clock.openHour;
    this.startMs = Date.parse(`${s.calendar.startDate}T00:00:00Z`);
    // Ticks count hours from 00:00 in Harare (UTC+02:00, no daylight saving): the instants are UTC.
    this.startUs = (this.startMs - 2 * 3_600_000) * 1000;
  }

  /** Opens the sink for a run in `outDir`, from day 0 or a checkpoint's (ParquetParts.open). */
  static async open(
    s: Scenario,
    outDir: string,
    shared: SharedState | undefined,
    shards: number,
    clock: Clock,
    resume?: { day: number; files: Record<string, { bytes: number; rows: number }> },
  ): Promise<ParquetSink> {
    const schema = datasetSchema(s);
    const { transactions, market, prices } = schema.columns;
    const layouts = {
      transactions: new TableLayout(transactions),
      market: new TableLayout(market),
      prices: new TableLayout(prices),
    };
    const parts = await ParquetParts.open(outDir, layouts, resume);
    return new ParquetSink(s, parts, schema, shared, shards, clock.tradingHours, clock);
  }

  /** traders.parquet, the ground truth, written at set-up. */
  async writeTraders(t: TraderTable): Promise<void> {
    await this.parts.writeFile(stageTraders(this.s, t), TRADERS_PARQUET, t.count);
  }

  /** Hour h of a day's market rows, from the market's hourly book. */
  marketHour(day: number, h: number, book: HourlyBook): void {
    const { hourPrice: price, hourAdjust: adjust, hourStock: stock, hourSold: sold, hourUnmet: unmet } = book;
    const t0 = performance.now();
    const table = this.parts.staging('market');
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
  pricesDay({ day, price, delivered, wasted, unlimited }: PricesDay): void {
    const t0 = performance.now();
    const table = this.parts.staging('prices');
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
      this.parts.endPart('market', (day + 1) / 7 - 1);
      this.parts.endPart('prices', (day + 1) / 7 - 1);
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
    if (this.hour === H && (this.day + 1) % 7 === 0) this.parts.endPart('transactions', (this.day + 1) / 7 - 1);
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
    const table = this.parts.staging('transactions');
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
}
