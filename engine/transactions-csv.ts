/**
 * transactions.csv rows, encoded straight from a shard's columnar batch into bytes.
 *
 * Most of a row is known before the row: tick and timestamp are fixed for the hour; product,
 * category and zone for the (zone, product); unit and unit price for the (zone, product) and hour.
 * Those parts are encoded once a day per (hour, zone, product), as the two runs of bytes a row
 * copies, and per row only the ids, quantity, total and flags are formatted.
 */
import type { Scenario } from './scenario.ts';
import { type ByteWriter, csvField, joinBytes, writeCents, writeFixed, writeInt } from './byte-writer.ts';
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
  /** ",unit," per product. */
  private readonly units: Uint8Array[];
  /**
   * The current day's fixed parts per k = hour * zones * products + zp, back to back in one buffer:
   * ",tick,timestamp,product_id,product,category,zone," (the bytes between trader_id and quantity,
   * mids[k]) then ",unit,unit_price," (between quantity and total, tails[k]). A row copies each
   * with one set(): a set() costs about the same for any short length, so the fewer the better.
   */
  private parts = new Uint8Array(0);
  private mids: Uint8Array[] = [];
  private tails: Uint8Array[] = [];

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
   * the unit price every row of that hour pays.
   */
  startDay(date: string, firstTick: number, openHour: number, hours: number, hourPrice: Float64Array): void {
    const hourBytes: Uint8Array[] = [];
    for (let h = 0; h < hours; h++) {
      const hh = String(openHour + h).padStart(2, '0');
      hourBytes.push(encoder.encode(`,${firstTick + h},${date}T${hh}:00:00+02:00,`));
    }
    const size = this.head.length;
    const n = hours * size;
    let need = 0;
    for (let zp = 0; zp < size; zp++) need += this.head[zp].length + this.units[zp % this.products].length + 32;
    need = (need + size * hourBytes[hours - 1].length) * hours;
    if (this.parts.length < need) this.parts = new Uint8Array(need);
    const buf = this.parts;
    this.mids = new Array<Uint8Array>(n);
    this.tails = new Array<Uint8Array>(n);
    let pos = 0;
    for (let h = 0; h < hours; h++) {
      const ts = hourBytes[h];
      for (let zp = 0; zp < size; zp++) {
        const k = h * size + zp;
        const mid = pos;
        buf.set(ts, pos);
        buf.set(this.head[zp], pos + ts.length);
        pos += ts.length + this.head[zp].length;
        this.mids[k] = buf.subarray(mid, pos);
        const tail = pos;
        const unit = this.units[zp % this.products];
        buf.set(unit, pos);
        pos = writeFixed(buf, pos + unit.length, hourPrice[k], 3);
        buf[pos++] = COMMA;
        this.tails[k] = buf.subarray(tail, pos);
      }
    }
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
    const base = hour * this.head.length;
    while (a < split || b < end) {
      const r = b >= end || (a < split && batch.trader[a] <= batch.trader[b]) ? a++ : b++;
      this.row(batch, r, base, id++, w);
    }
  }

  /** Row r of the batch; `base` is the first (hour, zp) index of its hour. */
  private row(batch: TxnBatch, r: number, base: number, id: number, w: ByteWriter): void {
    const trader = batch.trader[r];
    const k = base + this.traderZone[trader] * this.products + batch.product[r];
    const mid = this.mids[k];
    const tail = this.tails[k];
    // One reservation per row covers every field; the writes below need no checks.
    const need = ROW_NUMBERS_MAX + mid.length + tail.length;
    if (w.pos + need > w.buf.length) w.ensure(need);
    const buf = w.buf;
    let pos = writeInt(buf, w.pos, id);
    buf[pos++] = COMMA;
    pos = writeInt(buf, pos, trader);
    buf.set(mid, pos);
    pos += mid.length;
    pos = writeCents(buf, pos, batch.quantity[r]);
    buf.set(tail, pos);
    pos += tail.length;
    pos = writeCents(buf, pos, batch.total[r]);
    buf[pos++] = COMMA;
    buf[pos++] = ZERO + batch.repeat[r];
    buf[pos++] = COMMA;
    buf[pos++] = ZERO + batch.substitute[r];
    buf[pos++] = NEWLINE;
    w.pos = pos;
  }
}
