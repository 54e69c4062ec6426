/**
 * One trading hour's transactions of one shard, in columns (the hour is the batch's, so rows carry
 * no tick). Allocated once and grown by doubling, so a day allocates nothing once the batch has
 * reached its working size.
 */
import type { PurchaseSink } from '../agents/visit.ts';

export class TxnBatch implements PurchaseSink {
  length = 0;
  trader: Int32Array;
  product: Int16Array;
  quantity: Float64Array;
  total: Float64Array;
  repeat: Uint8Array;

  constructor(capacity = 1024) {
    this.trader = new Int32Array(capacity);
    this.product = new Int16Array(capacity);
    this.quantity = new Float64Array(capacity);
    this.total = new Float64Array(capacity);
    this.repeat = new Uint8Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  add(trader: number, product: number, quantity: number, total: number, isRepeat: number): void {
    if (this.length === this.trader.length) this.grow();
    const k = this.length++;
    this.trader[k] = trader;
    this.product[k] = product;
    this.quantity[k] = quantity;
    this.total[k] = total;
    this.repeat[k] = isRepeat;
  }

  private grow(): void {
    const cap = this.trader.length * 2;
    const grow = <T extends Int32Array | Int16Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const next = make(cap);
      next.set(a as never);
      return next;
    };
    this.trader = grow(this.trader, (n) => new Int32Array(n));
    this.product = grow(this.product, (n) => new Int16Array(n));
    this.quantity = grow(this.quantity, (n) => new Float64Array(n));
    this.total = grow(this.total, (n) => new Float64Array(n));
    this.repeat = grow(this.repeat, (n) => new Uint8Array(n));
  }
}
