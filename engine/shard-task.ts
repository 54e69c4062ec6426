/**
 * What one shard does in each phase of a day (see worker-protocol.ts). The same object runs shard 0
 * on the main thread and every other shard inside a piscina worker: one code path.
 */
import type { TraderTable } from '../agents/index.ts';
import { ByteWriter } from './byte-writer.ts';
import { Clock, type DayInfo } from './clock.ts';
import type { Scenario } from './scenario.ts';
import { Shard } from './shard.ts';
import { TransactionColumns } from './transactions-columns.ts';
import { TransactionEncoder } from './transactions-csv.ts';
import { OUT_MAX_BYTES, Phase, type SharedState } from './worker-protocol.ts';

export interface ShardTaskInit {
  scenario: Scenario;
  table: TraderTable;
  shared: SharedState;
  root: Int32Array;
  index: number;
  /** What ENCODE writes: CSV rows, or column segments for the Parquet sink (transactions-columns.ts). */
  format: 'csv' | 'parquet';
}

export class ShardTask {
  private readonly shard: Shard;
  private readonly clock: Clock;
  private readonly encoder: TransactionEncoder;
  private readonly columns: TransactionColumns;
  private readonly writer = new ByteWriter(1 << 16);
  private readonly hours: number;
  private info: DayInfo | undefined;

  constructor(private readonly init: ShardTaskInit) {
    const { shared, root, index } = init;
    // Fresh objects rather than the ones structured cloning made for this worker: measured about
    // 5% faster stepping with 2 threads (100k traders x 8 weeks, A/B alternated three times).
    const table: TraderTable = { ...init.table };
    const scenario: Scenario = JSON.parse(JSON.stringify(init.scenario));
    const size = scenario.market.zones.length * scenario.market.catalogue.products.length;
    this.clock = new Clock(scenario.calendar);
    this.hours = this.clock.tradingHours;
    const slice = (a: Float64Array, per: number) => a.subarray(index * per, (index + 1) * per);
    const salesPer = this.hours * size * scenario.population.personas.length * 2;
    this.shard = new Shard(scenario, table, { from: 0, to: 0 }, root, {
      hourPrice: shared.hourPrice,
      normal: shared.normal,
      ratio: shared.ratio,
      spare: shared.spare,
      subRatio: shared.subRatio,
      requested: slice(shared.requested, size),
      filled: slice(shared.filled, size),
      substitutes: slice(shared.substitutes, size),
      sales: slice(shared.sales, salesPer),
    });
    this.encoder = new TransactionEncoder(scenario, table.zone);
    this.columns = new TransactionColumns(
      scenario.market.catalogue.products.length,
      scenario.market.zones.length,
      table.zone,
    );
  }

  run(phase: number, day: number, hour: number): void {
    const timing = this.init.shared.timing;
    const slot = this.init.index * 2;
    const t0 = performance.now();
    if (phase === Phase.hour) {
      this.startHour(day, hour);
      timing[slot] += performance.now() - t0;
    } else if (phase === Phase.settle) {
      this.shard.settleHour(day, hour);
      timing[slot] += performance.now() - t0;
    } else if (phase === Phase.encode) {
      this.encode(day);
      timing[slot + 1] += performance.now() - t0;
    }
  }

  private startHour(day: number, hour: number): void {
    const { shared, index } = this.init;
    if (hour === 0) {
      this.info = this.clock.dayInfo(day);
      this.shard.spec.from = shared.bounds[index];
      this.shard.spec.to = shared.bounds[index + 1];
    }
    this.shard.startHour(this.info!, hour);
    if (hour === this.hours) {
      const H = this.hours;
      for (let h = 0; h < H; h++) shared.counts[index * H + h] = this.shard.byHour[h].length;
    }
  }

  private encode(day: number): void {
    const { shared, index } = this.init;
    const H = this.hours;
    const w = this.writer;
    // The day's prices are only guaranteed to be in shared memory until main opens the next day.
    const parquet = this.init.format === 'parquet';
    if (parquet) this.columns.startDay(shared.hourPrice);
    else this.encoder.startDay(this.info!.date, this.clock.tick(day, 0), this.clock.openHour, H, shared.hourPrice);
    const out = shared.out[index * 2 + (day & 1)];
    let at = 0;
    for (let h = 0; h < H; h++) {
      // Hour by hour through a private buffer of an hour's size, which stays in cache for the copy.
      // The hour starts at the same offset modulo 8 as its place in `out`: V8 copies into shared
      // memory a word at a time only when source and target are aligned alike, else byte by byte.
      const from = at & 7;
      w.pos = from;
      const b = this.shard.byHour[h];
      if (parquet) this.columns.encode(b, 0, this.shard.substituteStart[h], b.length, h, w);
      else this.encoder.encode(b, 0, this.shard.substituteStart[h], b.length, h, shared.firstId[index * H + h], w);
      const n = w.pos - from;
      shared.bytes[index * H + h] = n;
      if (at + n > OUT_MAX_BYTES) {
        throw new Error(
          `shard ${index}: day ${day}'s rows need more than ${OUT_MAX_BYTES} bytes for one shard; run with more --threads`,
        );
      }
      publish(out, w.buf.subarray(from, w.pos), at);
      at += n;
    }
  }
}

/**
 * Copies an hour's encoded bytes into the shard's shared buffer at `at` (the day's end at most
 * OUT_MAX_BYTES, checked by the caller), for main to write, growing it when they do not fit.
 * Encoding into a private buffer and copying once is faster than encoding straight into shared
 * memory, where V8 copies with relaxed atomics: 134 against 157 ns a row (csv micro bench data,
 * Node 20).
 */
function publish(out: SharedArrayBuffer, bytes: Uint8Array, at: number): void {
  const end = at + bytes.length;
  if (end > out.byteLength) out.grow(Math.min(out.maxByteLength, Math.max(end, 2 * out.byteLength)));
  new Uint8Array(out, at, bytes.length).set(bytes);
}
