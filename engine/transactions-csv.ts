/**
 * transactions.csv rows, encoded straight from a shard's columnar batch into bytes.
 *
 * Most of a row is known before the row: tick and timestamp are fixed for the hour; product,
 * category and zone for the (zone, product); unit and the day's unit price for the (zone, product)
 * and day. Those parts are encoded once (per run, hour or day) and copied; per row only the ids,
 * quantity, total and repeat flag are formatted.
 */
import type { Scenario } from './scenario.ts';
import { ByteWriter, csvField, joinBytes, writeFixed, writeInt } from './byte-writer.ts';
import type { TxnBatch } from './txn-batch.ts';

export const TRANSACTION_COLUMNS = [
  'txn_id', 'trader_id', 'tick', 'timestamp', 'product_id', 'product', 'category', 'zone',
  'quantity', 'unit', 'unit_price', 'total', 'is_repeat',
] as const;

const COMMA = 44;
const NEWLINE = 10;
const ZERO = 48;
const encoder = new TextEncoder();
/** Bytes the formatted numbers and separators of one row can take at most. */
const ROW_NUMBERS_MAX = 128;

function fixed3(x: number): string {
  return (Math.round(x * 1000) / 1000).toFixed(3);
}

export class TransactionEncoder {
  private readonly products: number;
  /** "product_id,product,category,zone," per (zone, product). */
  private readonly head: Uint8Array[];
  /** ",unit,unit_price," per (zone, product) for the current day. */
  private tail: Uint8Array[];
  /** ",tick,timestamp," per trading hour of the current day. */
  private hourBytes: Uint8Array[] = [];

  constructor(scenario: Scenario, private readonly traderZone: Uint8Array) {
    const { products } = scenario.market.catalogue;
    this.products = products.length;
    this.head = [];
    this.tail = [];
    for (const z of scenario.market.zones) {
      products.forEach((p, i) => {
        this.head.push(joinBytes(`${i},`, csvField(p.name), ',', csvField(p.category), ',', csvField(z.id), ','));
        this.tail.push(new Uint8Array(0));
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
   * `price` is the day's price per (zone * products + product), the unit price every row of the day pays.
   */
  startDay(date: string, firstTick: number, openHour: number, hours: number, price: Float64Array): void {
    this.hourBytes = [];
    for (let h = 0; h < hours; h++) {
      const hh = String(openHour + h).padStart(2, '0');
      this.hourBytes.push(encoder.encode(`,${firstTick + h},${date}T${hh}:00:00+02:00,`));
    }
    for (let zp = 0; zp < this.tail.length; zp++) {
      this.tail[zp] = joinBytes(this.units[zp % this.products], fixed3(price[zp]), ',');
    }
  }

  /** Encodes rows [from, to) of the batch, all of trading hour `hour`, numbering them from firstId. */
  encode(batch: TxnBatch, from: number, to: number, hour: number, firstId: number, w: ByteWriter): void {
    const ts = this.hourBytes[hour];
    const P = this.products;
    let id = firstId;
    for (let r = from; r < to; r++) {
      const trader = batch.trader[r];
      const zp = this.traderZone[trader] * P + batch.product[r];
      const head = this.head[zp];
      const tail = this.tail[zp];
      // One reservation per row covers every field; the writes below need no checks.
      const need = ROW_NUMBERS_MAX + ts.length + head.length + tail.length;
      if (w.pos + need > w.buf.length) w.ensure(need);
      const buf = w.buf;
      let pos = writeInt(buf, w.pos, id++);
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
      buf[pos++] = NEWLINE;
      w.pos = pos;
    }
  }
}
