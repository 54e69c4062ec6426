/**
 * transactions.csv rows, encoded straight from a shard's columnar batch into bytes.
 *
 * Most of a row is known before the row: tick and timestamp are fixed for the hour; product,
 * category and zone for the (zone, product); unit and unit price for the (zone, product) and hour.
 * Those parts are encoded once (per run or per day) and copied; per row only the ids, quantity,
 * total and flags are formatted.
 */
import type { Scenario } from './scenario.ts';
import { type ByteWriter, csvField, joinBytes, writeFixed, writeInt } from './byte-writer.ts';
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

const COMMA = 44;
const NEWLINE = 10;
const ZERO = 48;
const encoder = new TextEncoder();
/** Bytes the formatted numbers and separators of one row can take at most. */
const ROW_NUMBERS_MAX = 128;

export class TransactionEncoder {
  private readonly products: number;
  /** "product_id,product,category,zone," per (zone, product). */
  private readonly head: Uint8Array[];
  /** ",unit,unit_price," per (hour, zone, product) of the current day, back to back in one buffer. */
  private tail = new Uint8Array(0);
  /** Where each (hour * zones * products + zp)'s tail starts in `tail` (one more entry marks the end). */
  private tailStart = new Int32Array(0);
  /** Each (hour, zp)'s tail as a view, made once a day, so a row copies it with one set(). */
  private tails: Uint8Array[] = [];
  /** ",tick,timestamp," per trading hour of the current day. */
  private hourBytes: Uint8Array[] = [];

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

  private readonly units: Uint8Array[];

  static header(): Uint8Array {
    return encoder.encode(`${TRANSACTION_COLUMNS.join(',')}\n`);
  }

  /**
   * Prepares a day: `date` is YYYY-MM-DD, ticks of the trading hours start at firstTick, and
   * `hourPrice` is the posted price per (hour * zones * products + zone * products + product),
   * the unit price every row of that hour pays.
   */
  startDay(date: string, firstTick: number, openHour: number, hours: number, hourPrice: Float64Array): void {
    this.hourBytes = [];
    for (let h = 0; h < hours; h++) {
      const hh = String(openHour + h).padStart(2, '0');
      this.hourBytes.push(encoder.encode(`,${firstTick + h},${date}T${hh}:00:00+02:00,`));
    }
    const size = this.head.length;
    const n = hours * size;
    if (this.tailStart.length !== n + 1) this.tailStart = new Int32Array(n + 1);
    let need = 0;
    for (let zp = 0; zp < size; zp++) need += this.units[zp % this.products].length + 32;
    need *= hours;
    if (this.tail.length < need) this.tail = new Uint8Array(need);
    const buf = this.tail;
    let pos = 0;
    for (let k = 0; k < n; k++) {
      this.tailStart[k] = pos;
      const unit = this.units[k % this.products];
      buf.set(unit, pos);
      pos = writeFixed(buf, pos + unit.length, hourPrice[k], 3);
      buf[pos++] = COMMA;
    }
    this.tailStart[n] = pos;
    this.tails = new Array<Uint8Array>(n);
    for (let k = 0; k < n; k++) this.tails[k] = buf.subarray(this.tailStart[k], this.tailStart[k + 1]);
  }

  /**
   * Encodes rows [from, to) of a batch, all of trading hour `hour`, numbering them from firstId.
   * Rows [from, split) are the hour's purchases and [split, to) its substitutes, each in trader
   * order; they are merged by trader (a trader's purchases before its substitutes), so the file is
   * in (tick, trader) order whatever the sharding.
   */
  encode(batch: TxnBatch, from: number, split: number, to: number, hour: number, firstId: number, w: ByteWriter): void {
    let a = from;
    let b = split;
    const end = to;
    let id = firstId;
    while (a < split || b < end) {
      const r = b >= end || (a < split && batch.trader[a] <= batch.trader[b]) ? a++ : b++;
      this.row(batch, r, hour, id++, w);
    }
  }

  private row(batch: TxnBatch, r: number, hour: number, id: number, w: ByteWriter): void {
    const ts = this.hourBytes[hour];
    const trader = batch.trader[r];
    const zp = this.traderZone[trader] * this.products + batch.product[r];
    const head = this.head[zp];
    const tail = this.tails[hour * this.head.length + zp];
    // One reservation per row covers every field; the writes below need no checks.
    const need = ROW_NUMBERS_MAX + ts.length + head.length + tail.length;
    if (w.pos + need > w.buf.length) w.ensure(need);
    const buf = w.buf;
    let pos = writeInt(buf, w.pos, id);
    buf[pos++] = COMMA;
    pos = writeInt(buf, pos, trader);
    buf.set(ts, pos);
    pos += ts.length;
    buf.set(head, pos);
    pos += head.length;
    pos = writeFixed(buf, pos, batch.quantity[r], 2);
    buf.set(tail, pos);
    pos += tail.length;
    pos = writeFixed(buf, pos, batch.total[r], 2);
    buf[pos++] = COMMA;
    buf[pos++] = ZERO + batch.repeat[r];
    buf[pos++] = COMMA;
    buf[pos++] = ZERO + batch.substitute[r];
    buf[pos++] = NEWLINE;
    w.pos = pos;
  }
}
