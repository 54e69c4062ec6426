/**
 * One pass feeding several readers at once: when a run is opened for `consumers` readers
 * (pipeline: features, training-week features, validation data, the recommenders' split and the
 * report's sums), each reader's scanTransactions call registers and waits; the last to register
 * starts one scan of the union of their columns, and every batch goes to each reader in turn
 * (the rows before its maxTick, when it has one). If any reader fails before or during the scan,
 * every waiting reader fails with it.
 */
import { extraKey, type ExtraColumn, type TransactionBatch } from './scan.ts';

export interface ScanRequest {
  onBatch: (b: TransactionBatch) => void;
  maxTick?: number;
  extra: readonly ExtraColumn[];
  resolve: (rows: number) => void;
  reject: (e: unknown) => void;
}

export class SharedScan {
  readonly requests: ScanRequest[] = [];
  private failed: unknown;
  private started = false;

  constructor(
    readonly consumers: number,
    private readonly start: (extra: readonly ExtraColumn[], dispatch: (b: TransactionBatch) => void) => Promise<number>,
  ) {}

  /** Registers one reader's pass; resolves with the rows it was given when the shared pass ends. */
  register(
    onBatch: (b: TransactionBatch) => void,
    options: { maxTick?: number; extra?: readonly ExtraColumn[] },
  ): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (this.failed !== undefined) return reject(this.failed);
      if (this.started) return reject(new Error('SharedScan: more readers than the run was opened for'));
      this.requests.push({ onBatch, maxTick: options.maxTick, extra: options.extra ?? [], resolve, reject });
      if (this.requests.length === this.consumers) void this.run();
    });
  }

  /** A reader failed before registering: the others must not wait for it. */
  abort(e: unknown): void {
    if (this.failed !== undefined) return;
    this.failed = e;
    for (const r of this.requests) r.reject(e);
  }

  private async run(): Promise<void> {
    this.started = true;
    const byKey = new Map(this.requests.flatMap((r) => r.extra.map((c) => [extraKey(c), c] as const)));
    const keys = [...byKey.keys()];
    const extra = [...byKey.values()];
    const rows = this.requests.map(() => 0);
    const slots = this.requests.map((r) => r.extra.map((c) => keys.indexOf(extraKey(c))));
    try {
      await this.start(extra, (b) => {
        this.requests.forEach((r, k) => {
          const own = { ...b, extra: slots[k].map((j) => b.extra[j]) };
          const view = r.maxTick === undefined ? own : before(own, r.maxTick);
          if (view.length === 0) return;
          rows[k] += view.length;
          r.onBatch(view);
        });
      });
    } catch (e) {
      this.abort(e);
      return;
    }
    for (const [k, r] of this.requests.entries()) r.resolve(rows[k]);
  }
}

/** The batch's rows with tick < maxTick (the batch itself when all are). */
function before(b: TransactionBatch, maxTick: number): TransactionBatch {
  let keep = 0;
  for (let i = 0; i < b.length; i++) if (b.tick[i] < maxTick) keep++;
  if (keep === b.length) return b;
  const idx = new Int32Array(keep);
  for (let i = 0, j = 0; i < b.length; i++) if (b.tick[i] < maxTick) idx[j++] = i;
  const pick = <T extends Int32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(keep);
    for (let j = 0; j < keep; j++) out[j] = a[idx[j]];
    return out;
  };
  return {
    length: keep,
    txnId: pick(b.txnId),
    trader: pick(b.trader),
    tick: pick(b.tick),
    product: pick(b.product),
    zone: pick(b.zone),
    category: pick(b.category),
    quantity: pick(b.quantity),
    unitPrice: pick(b.unitPrice),
    total: pick(b.total),
    isRepeat: pick(b.isRepeat),
    isSubstitute: pick(b.isSubstitute),
    extra: b.extra.map((col) => (col instanceof Float64Array ? pick(col) : Array.from(idx, (i) => col[i]))),
  };
}
