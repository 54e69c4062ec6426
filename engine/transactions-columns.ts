/**
 * A shard's transaction rows for the Parquet sink: an hour's rows (purchases and substitutes merged
 * by trader, as transactions-csv.ts merges them) as one column-major segment of fixed width, for
 * main to stage into DuckDB without parsing anything.
 *
 * Segment of n rows, ROW_BYTES each, so every segment is 8-byte aligned when they are laid back to
 * back: quantity, unit_price, total (float64, already rounded as the CSV writes them: 2, 3 and 2
 * decimals), trader_id (int32), product_id (int16), zone (uint8), flags (uint8: bit 0 is_repeat,
 * bit 1 is_substitute). The row's zone and unit price are taken here, while the day's posted prices
 * are still in shared memory.
 */
import { grown } from './grow.ts';
import type { ByteWriter } from './byte-writer.ts';
import type { TxnBatch } from './txn-batch.ts';

export const ROW_BYTES = 32;

/** Rounds as byte-writer.ts's writeFixed does (half away from zero), so Parquet and CSV hold the same numbers. */
export function roundTo(x: number, scale: number): number {
  return x < 0 ? -Math.round(-x * scale) / scale : Math.round(x * scale) / scale;
}

export class TransactionColumns {
  private readonly products: number;
  private readonly size: number;
  private hourPrice: Float64Array = new Float64Array(0);
  private quantity = new Float64Array(1024);
  private price = new Float64Array(1024);
  private total = new Float64Array(1024);
  private trader = new Int32Array(1024);
  private product = new Int16Array(1024);
  private zone = new Uint8Array(1024);
  private flags = new Uint8Array(1024);

  constructor(
    products: number,
    zones: number,
    private readonly traderZone: Uint8Array,
  ) {
    this.products = products;
    this.size = products * zones;
  }

  /** The day's posted prices, [hour * zones * products + zone * products + product]. */
  startDay(hourPrice: Float64Array): void {
    this.hourPrice = hourPrice;
  }

  /** Appends rows [from, to) of an hour's batch (purchases [from, split), substitutes [split, to)) to `w` as one segment. */
  encode(batch: TxnBatch, from: number, split: number, to: number, hour: number, w: ByteWriter): void {
    const n = to - from;
    if (n > this.trader.length) this.grow(n);
    const P = this.products;
    const priceBase = hour * this.size;
    let a = from;
    let b = split;
    for (let k = 0; k < n; k++) {
      const r = b >= to || (a < split && batch.trader[a] <= batch.trader[b]) ? a++ : b++;
      const trader = batch.trader[r];
      const p = batch.product[r];
      const z = this.traderZone[trader];
      this.quantity[k] = roundTo(batch.quantity[r], 100);
      this.price[k] = roundTo(this.hourPrice[priceBase + z * P + p], 1000);
      this.total[k] = roundTo(batch.total[r], 100);
      this.trader[k] = trader;
      this.product[k] = p;
      this.zone[k] = z;
      this.flags[k] = batch.repeat[r] | (batch.substitute[r] << 1);
    }
    w.ensure(n * ROW_BYTES);
    const buf = w.buf;
    let pos = w.pos;
    // Whole columns at once: one copy per column and hour, no per-row views.
    for (const col of [this.quantity, this.price, this.total, this.trader, this.product, this.zone, this.flags]) {
      const bytes = n * col.BYTES_PER_ELEMENT;
      buf.set(new Uint8Array(col.buffer, 0, bytes), pos);
      pos += bytes;
    }
    w.pos = pos;
  }

  private grow(n: number): void {
    let cap = this.trader.length;
    while (cap < n) cap *= 2;
    this.quantity = grown(this.quantity, cap);
    this.price = grown(this.price, cap);
    this.total = grown(this.total, cap);
    this.trader = grown(this.trader, cap);
    this.product = grown(this.product, cap);
    this.zone = grown(this.zone, cap);
    this.flags = grown(this.flags, cap);
  }
}
