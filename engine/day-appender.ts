/**
 * Main's writing: a day's encoded rows go from the shards' shared buffers to transactions.csv in
 * file order (hour-major, then shard, which is (tick, trader) order), hashed on the way.
 *
 * A day is appended over two phases: while the worker shards step the next day, main writes as
 * long as they are still busy; after encoding its own shard it writes the rest. Main thus fills the
 * time it would otherwise wait in either phase. The shards encode into one of two buffers by the
 * day's parity, so a day's chunks stay intact until the phase after next (worker-protocol.ts).
 */
import type { AtomicFile } from './atomic-file.ts';
import type { SharedState } from './worker-protocol.ts';

export class DayAppender {
  private day = -1;
  private hour = 0;
  private shard = 0;
  /** The day's chunk lengths [shard * hours + hour], copied: the next ENCODE overwrites `bytes`. */
  private readonly bytes: Float64Array;
  /** Where each shard's next chunk starts in its buffer. */
  private readonly offset: Float64Array;
  /** Milliseconds spent appending. */
  ms = 0;

  constructor(
    private readonly file: AtomicFile,
    private readonly shared: SharedState,
    private readonly shards: number,
    private readonly hours: number,
  ) {
    this.bytes = new Float64Array(shards * hours);
    this.offset = new Float64Array(shards);
  }

  /** Takes the day the shards have just encoded; the previous one must be fully appended. */
  take(day: number): void {
    if (this.pending) throw new Error(`day ${this.day} is not fully written before day ${day}`);
    this.day = day;
    this.hour = 0;
    this.shard = 0;
    this.bytes.set(this.shared.bytes);
    this.offset.fill(0);
  }

  get pending(): boolean {
    return this.day >= 0 && this.hour < this.hours;
  }

  /** Appends chunks for as long as `more()` holds (asked before each chunk), or to the day's end. */
  append(more: () => boolean = () => true): void {
    if (!this.pending) return;
    const t0 = performance.now();
    const parity = this.day & 1;
    while (this.hour < this.hours && more()) {
      const k = this.shard;
      const n = this.bytes[k * this.hours + this.hour];
      if (n > 0) this.file.write(new Uint8Array(this.shared.out[k * 2 + parity], this.offset[k], n));
      this.offset[k] += n;
      if (++this.shard === this.shards) {
        this.shard = 0;
        this.hour++;
      }
    }
    this.ms += performance.now() - t0;
  }
}
