/**
 * transactions.csv rows, encoded straight from a shard's columnar batch into bytes.
 *
 * Most of a row is known before the row: tick and timestamp are fixed for the hour; product,
 * category and zone for the (zone, product); unit and unit price for the (zone, product) and hour.
 * Those parts are encoded once a day per (hour, zone, product) that has a row, on its first row,
 * as the two runs of bytes a row copies, and per row only the ids, quantity, total and flags are
 * formatted. Encoding them on demand keeps a small run from paying for every (hour, zone, product)
 * of the day (5,000 of them on the default market) when few have rows.
 */
import type { Scenario } from './scenario.ts';
import {
  type ByteWriter,
  COMMA,
  NEWLINE,
  ZERO,
  csvField,
  joinBytes,
  writeCents,
  writeInt,
  writeMillis,
} from './byte-writer.ts';
import type { TxnBatch } from './txn-batch.ts';

export const TRANSACTION_COLUMNS = [
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
] as const;

const encoder = new TextEncoder();
/** Bytes the formatted numbers and separators of one row can take at most. */
const ROW_NUMBERS_MAX = 128;
/** Bytes of ",tick,timestamp," at most: the timestamp has 25, the tick fewer than 30 digits. */
const TIMESTAMP_MAX = 64;
const NONE = new Uint8Array(0);

export class TransactionEncoder {
  private readonly products: number;
  /** "product_id,product,category,zone," per (zone, product). */
  private readonly head: Uint8Array[];
  /** ",unit," per product. */
  private readonly units: Uint8Array[];
  /**
   * The current day's fixed parts per k = hour * zones * products + zp, each in a slot of its own
   * in one buffer: ",tick,timestamp,product_id,product,category,zone," (the bytes between trader_id
   * and quantity, mids[k]) then ",unit,unit_price," (between quantity and total, tails[k]). A row
   * copies each with one set(): a set() costs about the same for any short length, so the fewer the
   * better. The slots stay put from day to day, so a view is made again only when its length
   * changes (a price gains a digit), not 10,000 times a day.
   */
  private parts = new Uint8Array(0);
  private mids: Uint8Array[] = [];
  private tails: Uint8Array[] = [];
  /** Slot sizes, and the bytes a row can take at most. */
  private midSlot = 0;
  private tailSlot = 0;
  private rowMax = 0;
  /** The day (counted by startDay) whose parts each k's slot holds: a slot is encoded on its day's first row. */
  private stamp = new Int32Array(0);
  private day = 0;
  /** The current day's ",tick,timestamp," per hour, and posted prices. */
  private hourBytes: Uint8Array[] = [];
  private hourPrice: Float64Array = new Float64Array(0);

  constructor(
    scenario: Scenario,
    private readonly traderZone: Uint8Array,
  ) {
    const { products } = scenario.market.catalogue;
    this.products = products.length;
    this.head = [];
    for (const z of scenario.market.zones) {
      products.forEach((p, i) => {
        this.head.push(joinBytes(`${i},`, csvField(p.name), ',', csvField(p.category), ',', csvField(z.id), ','));
      });
    }
    this.units = products.map((p) => joinBytes(',', csvField(p.unit), ','));
  }

  static header(): Uint8Array {
    return encoder.encode(`${TRANSACTION_COLUMNS.join(',')}\n`);
  }

  /**
   * Prepares a day: `date` is YYYY-MM-DD, ticks of the trading hours start at firstTick, and
   * `hourPrice` is the posted price per (hour * zones * products + zone * products + product),
   * the unit price every row of that hour pays; it must hold until the day's rows are encoded.
   */
  startDay(date: string, firstTick: number, openHour: number, hours: number, hourPrice: Float64Array): void {
    const hourBytes: Uint8Array[] = [];
    for (let h = 0; h < hours; h++) {
      const hh = String(openHour + h).padStart(2, '0');
      const ts = encoder.encode(`,${firstTick + h},${date}T${hh}:00:00+02:00,`);
      if (ts.length > TIMESTAMP_MAX) throw new Error(`transactions.csv: tick ${firstTick + h} is too long to encode`);
      hourBytes.push(ts);
    }
    this.hourBytes = hourBytes;
    this.hourPrice = hourPrice;
    this.day++;
    const n = hours * this.head.length;
    if (this.mids.length !== n) {
      this.midSlot = Math.max(...this.head.map((b) => b.length)) + TIMESTAMP_MAX;
      this.tailSlot = Math.max(...this.units.map((b) => b.length)) + 32;
      this.rowMax = ROW_NUMBERS_MAX + this.midSlot + this.tailSlot;
      this.parts = new Uint8Array(n * (this.midSlot + this.tailSlot));
      this.mids = new Array<Uint8Array>(n).fill(NONE);
      this.tails = new Array<Uint8Array>(n).fill(NONE);
      this.stamp = new Int32Array(n);
    }
  }

  /** Encodes k's fixed parts for the current day into its slot. */
  private prepare(k: number): void {
    const size = this.head.length;
    const h = Math.floor(k / size);
    const zp = k - h * size;
    const buf = this.parts;
    const ts = this.hourBytes[h];
    const mid = k * (this.midSlot + this.tailSlot);
    buf.set(ts, mid);
    buf.set(this.head[zp], mid + ts.length);
    const midEnd = mid + ts.length + this.head[zp].length;
    if (this.mids[k].length !== midEnd - mid) this.mids[k] = buf.subarray(mid, midEnd);
    const tail = mid + this.midSlot;
    const unit = this.units[zp % this.products];
    buf.set(unit, tail);
    let end = writeMillis(buf, tail + unit.length, this.hourPrice[k]);
    buf[end++] = COMMA;
    if (this.tails[k].length !== end - tail) this.tails[k] = buf.subarray(tail, end);
    this.stamp[k] = this.day;
  }

  /**
   * Encodes rows [from, to) of a batch, all of trading hour `hour`, numbering them from firstId.
   * Rows [from, split) are the hour's purchases and [split, to) its substitutes, each in trader
   * order; they are merged by trader (a trader's purchases before its substitutes), so the file is
   * in (tick, trader) order whatever the sharding.
   */
  encode(batch: TxnBatch, from: number, split: number, to: number, hour: number, firstId: number, w: ByteWriter): void {
    // One loop over the rows with everything it reads in locals: this is the run's hottest loop
    // after the baskets, 15 million rows at 100k traders x 26 weeks.
    const { trader, product, quantity, total, repeat, substitute } = batch;
    const zoneOf = this.traderZone;
    const P = this.products;
    const stamp = this.stamp;
    const day = this.day;
    const mids = this.mids;
    const tails = this.tails;
    const rowMax = this.rowMax;
    const base = hour * this.head.length;
    let a = from;
    let b = split;
    let id = firstId;
    let buf = w.buf;
    let pos = w.pos;
    while (a < split || b < to) {
      const r = b >= to || (a < split && trader[a] <= trader[b]) ? a++ : b++;
      const t = trader[r];
      const k = base + zoneOf[t] * P + product[r];
      if (stamp[k] !== day) this.prepare(k);
      // One reservation per row covers every field; the writes below need no checks.
      if (pos + rowMax > buf.length) {
        w.pos = pos;
        w.ensure(rowMax);
        buf = w.buf;
        pos = w.pos;
      }
      const mid = mids[k];
      const tail = tails[k];
      pos = writeInt(buf, pos, id++);
      buf[pos++] = COMMA;
      pos = writeInt(buf, pos, t);
      buf.set(mid, pos);
      pos += mid.length;
      pos = writeCents(buf, pos, quantity[r]);
      buf.set(tail, pos);
      pos += tail.length;
      pos = writeCents(buf, pos, total[r]);
      buf[pos] = COMMA;
      buf[pos + 1] = ZERO + repeat[r];
      buf[pos + 2] = COMMA;
      buf[pos + 3] = ZERO + substitute[r];
      buf[pos + 4] = NEWLINE;
      pos += 5;
    }
    w.pos = pos;
  }
}
