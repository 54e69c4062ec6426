/**
 * transactions.csv rows, encoded straight from a shard's columnar batch into bytes.
 * Every string (product, category, unit, zone, timestamp) is encoded once, up front or once a day.
 */
import type { Scenario } from './scenario.ts';
import { ByteWriter, csvField, joinBytes } from './byte-writer.ts';
import type { TxnBatch } from './txn-batch.ts';

export const TRANSACTION_COLUMNS = [
  'txn_id', 'trader_id', 'tick', 'timestamp', 'product_id', 'product', 'category', 'zone',
  'quantity', 'unit', 'unit_price', 'total', 'is_repeat',
] as const;

const COMMA = 44;
const NEWLINE = 10;
const ZERO = 48;
const encoder = new TextEncoder();

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
      w.int(id++);
      w.byte(COMMA);
      w.int(trader);
      w.byte(COMMA);
      w.int(batch.tick[r]);
      w.bytes(ts);
      w.bytes(this.productBytes[product]);
      w.bytes(this.zoneBytes[this.traderZone[trader]]);
      w.fixed(batch.quantity[r], 2);
      w.bytes(this.unitBytes[product]);
      w.fixed(batch.unitPrice[r], 3);
      w.byte(COMMA);
      w.fixed(batch.total[r], 2);
      w.ensure(3);
      w.buf[w.pos++] = COMMA;
      w.buf[w.pos++] = ZERO + batch.repeat[r];
      w.buf[w.pos++] = NEWLINE;
    }
  }
}
