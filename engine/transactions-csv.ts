/**
 * transactions.csv rows, encoded straight from a shard's columnar batch into bytes.
 * Every string (product, category, unit, zone, timestamp) is encoded once, up front or once a day.
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
/** Bytes the numeric fields and separators of one row can take at most (6 numbers x 24 + 8). */
const ROW_NUMBERS_MAX = 160;

export class TransactionEncoder {
  /** ",product_id,product,category," ... per product: everything between tick's timestamp and zone. */
  private readonly productBytes: Uint8Array[];
  private readonly unitBytes: Uint8Array[];
  private readonly zoneBytes: Uint8Array[];
  /** ",timestamp," per trading hour of the current day. */
  private hourBytes: Uint8Array[] = [];

  constructor(scenario: Scenario, private readonly traderZone: Uint8Array) {
    const { products } = scenario.market.catalogue;
    this.productBytes = products.map((p, i) => joinBytes(`${i},`, csvField(p.name), ',', csvField(p.category), ','));
    this.unitBytes = products.map((p) => joinBytes(',', csvField(p.unit), ','));
    this.zoneBytes = scenario.market.zones.map((z) => joinBytes(csvField(z.id), ','));
  }

  static header(): Uint8Array {
    return encoder.encode(`${TRANSACTION_COLUMNS.join(',')}\n`);
  }

  /** Prepares the day's timestamps: `date` is YYYY-MM-DD, hours are the trading hours in order. */
  startDay(date: string, openHour: number, hours: number): void {
    this.hourBytes = [];
    for (let h = 0; h < hours; h++) {
      const hh = String(openHour + h).padStart(2, '0');
      this.hourBytes.push(encoder.encode(`,${date}T${hh}:00:00+02:00,`));
    }
  }

  /** Encodes rows [from, to) of the batch, all of trading hour `hour`, numbering them from firstId. */
  encode(batch: TxnBatch, from: number, to: number, hour: number, firstId: number, w: ByteWriter): void {
    const ts = this.hourBytes[hour];
    let id = firstId;
    for (let r = from; r < to; r++) {
      const product = batch.product[r];
      const trader = batch.trader[r];
      const name = this.productBytes[product];
      const unit = this.unitBytes[product];
      const zone = this.zoneBytes[this.traderZone[trader]];
      // One reservation per row covers every field; the writes below need no checks. Short
      // strings are copied by a loop: TypedArray.set costs more than it saves under ~40 bytes.
      w.ensure(ROW_NUMBERS_MAX + ts.length + name.length + unit.length + zone.length);
      const buf = w.buf;
      let pos = writeInt(buf, w.pos, id++);
      buf[pos++] = COMMA;
      pos = writeInt(buf, pos, trader);
      buf[pos++] = COMMA;
      pos = writeInt(buf, pos, batch.tick[r]);
      for (let k = 0; k < ts.length; k++) buf[pos++] = ts[k];
      for (let k = 0; k < name.length; k++) buf[pos++] = name[k];
      for (let k = 0; k < zone.length; k++) buf[pos++] = zone[k];
      pos = writeFixed(buf, pos, batch.quantity[r], 2);
      for (let k = 0; k < unit.length; k++) buf[pos++] = unit[k];
      pos = writeFixed(buf, pos, batch.unitPrice[r], 3);
      buf[pos++] = COMMA;
      pos = writeFixed(buf, pos, batch.total[r], 2);
      buf[pos++] = COMMA;
      buf[pos++] = ZERO + batch.repeat[r];
      buf[pos++] = NEWLINE;
      w.pos = pos;
    }
  }
}
