/**
 * One trading hour's transactions of one shard, in columns (the hour is the batch's, so rows carry
 * no tick). Allocated once and grown by doubling, so a day allocates nothing once the batch has
 * reached its working size.
 */
import { grown } from './grow.ts';
export class TxnBatch {
  length = 0;
  trader: Int32Array;
  product: Int16Array;
  quantity: Float64Array;
  total: Float64Array;
  repeat: Uint8Array;
  /** 1 when the item was bought in place of one that sold out. */
  substitute: Uint8Array;

  constructor(capacity = 1024) {
    this.trader = new Int32Array(capacity);
    this.product = new Int16Array(capacity);
    this.quantity = new Float64Array(capacity);
    this.total = new Float64Array(capacity);
    this.repeat = new Uint8Array(capacity);
    this.substitute = new Uint8Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  add(trader: number, product: number, quantity: number, total: number, isRepeat: number, isSubstitute: number): void {
    if (this.length === this.trader.length) this.grow();
    const k = this.length++;
    this.trader[k] = trader;
    this.product[k] = product;
    this.quantity[k] = quantity;
    this.total[k] = total;
    this.repeat[k] = isRepeat;
    this.substitute[k] = isSubstitute;
  }

  private grow(): void {
    const cap = this.trader.length * 2;
    this.trader = grown(this.trader, cap);
    this.product = grown(this.product, cap);
    this.quantity = grown(this.quantity, cap);
    this.total = grown(this.total, cap);
    this.repeat = grown(this.repeat, cap);
    this.substitute = grown(this.substitute, cap);
  }
}
