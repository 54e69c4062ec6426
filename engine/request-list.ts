/**
 * One shard's requests of one clearing round (an hour's baskets, or its substitutes), in columns,
 * in trader order. Allocated once and grown by doubling, reused every hour. With `totals` set, it
 * also sums the units asked per stall as they arrive, so the hour's totals need no second pass.
 */
import { grown } from './grow.ts';
import type { RequestSink } from '../agents/index.ts';

export class RequestList implements RequestSink {
  length = 0;
  trader: Int32Array;
  product: Int16Array;
  /** The stall: zone x products + product. */
  zp: Int32Array;
  quantity: Float64Array;
  repeat: Uint8Array;
  /** The request's random key within the trader's day: visit ordinal x 65536 + item. */
  key: Int32Array;
  /** cents(quantity x price) at the hour's price: what the request pays if filled in full. */
  cost: Float64Array;
  /** Units asked per stall, added to as requests arrive (the caller zeroes it each round). */
  totals: Float64Array | undefined;

  constructor(capacity = 1024) {
    this.trader = new Int32Array(capacity);
    this.product = new Int16Array(capacity);
    this.zp = new Int32Array(capacity);
    this.quantity = new Float64Array(capacity);
    this.repeat = new Uint8Array(capacity);
    this.key = new Int32Array(capacity);
    this.cost = new Float64Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  request(
    trader: number,
    product: number,
    zp: number,
    quantity: number,
    isRepeat: number,
    key: number,
    cost: number,
  ): void {
    if (this.length === this.trader.length) this.grow();
    const k = this.length++;
    this.trader[k] = trader;
    this.product[k] = product;
    this.zp[k] = zp;
    this.quantity[k] = quantity;
    this.repeat[k] = isRepeat;
    this.key[k] = key;
    this.cost[k] = cost;
    if (this.totals !== undefined) this.totals[zp] += quantity;
  }

  private grow(): void {
    const cap = this.trader.length * 2;
    this.trader = grown(this.trader, cap);
    this.product = grown(this.product, cap);
    this.zp = grown(this.zp, cap);
    this.quantity = grown(this.quantity, cap);
    this.repeat = grown(this.repeat, cap);
    this.key = grown(this.key, cap);
    this.cost = grown(this.cost, cap);
  }
}
