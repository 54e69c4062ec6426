/**
 * What one shard does in each phase of a day (see worker-protocol.ts). The same object runs shard 0
 * on the main thread and every other shard inside a piscina worker: one code path.
 */
import type { TraderTable } from '../agents/trader-table.ts';
import { ByteWriter } from './byte-writer.ts';
import { Clock } from './clock.ts';
import type { Scenario } from './scenario.ts';
import { Shard } from './shard.ts';
import { TransactionEncoder } from './transactions-csv.ts';
import { OUT_MAX_BYTES, Phase, type SharedState } from './worker-protocol.ts';

export interface ShardTaskInit {
  scenario: Scenario;
  table: TraderTable;
  shared: SharedState;
  root: Int32Array;
  index: number;
}

export class ShardTask {
  private readonly shard: Shard;
  private readonly clock: Clock;
  private readonly encoder: TransactionEncoder;
  private readonly writer = new ByteWriter(1 << 16);
  private readonly hours: number;
  private readonly table: TraderTable;

  constructor(private readonly init: ShardTaskInit) {
    const { shared, root, index } = init;
    // Fresh objects rather than the ones structured cloning made for this worker: measured about
    // 5% faster stepping with 2 threads (100k traders x 8 weeks, A/B alternated three times).
    const table: TraderTable = { ...init.table };
    const scenario: Scenario = JSON.parse(JSON.stringify(init.scenario));
    this.table = table;
    const size = scenario.market.zones.length * scenario.market.catalogue.products.length;
    const demand = shared.demand.subarray(index * size, (index + 1) * size);
    this.shard = new Shard(scenario, table, { from: 0, to: 0 }, root, shared.price, shared.normal, demand);
    this.clock = new Clock(scenario.calendar);
    this.hours = this.clock.tradingHours;
    this.encoder = new TransactionEncoder(scenario, table.zone);
  }

  run(phase: number, day: number): void {
    const timing = this.init.shared.timing;
    const slot = this.init.index * 2;
    const t0 = performance.now();
    if (phase === Phase.step) {
      this.step(day);
      timing[slot] += performance.now() - t0;
    } else if (phase === Phase.encode) {
      this.encode(day);
      timing[slot + 1] += performance.now() - t0;
    }
  }

  private step(day: number): void {
    const { shared, index, scenario } = this.init;
    const persona = this.table.persona;
    const info = this.clock.dayInfo(day);
    this.shard.spec.from = shared.bounds[index];
    this.shard.spec.to = shared.bounds[index + 1];
    this.shard.stepDay(info);
    // The day's prices are only guaranteed to be in shared memory during STEP: capture them now.
    this.encoder.startDay(info.date, this.clock.tick(day, 0), this.clock.openHour, this.hours, shared.price);
    const H = this.hours;
    const personas = scenario.population.personas.length;
    const spend = shared.spend.subarray(index * 2 * personas, (index + 1) * 2 * personas);
    for (let h = 0; h < H; h++) {
      const b = this.shard.byHour[h];
      shared.counts[index * H + h] = b.length;
      for (let r = 0; r < b.length; r++) {
        const p = persona[b.trader[r]];
        spend[p] += Math.round(b.total[r] * 100);
        spend[personas + p]++;
      }
    }
  }

  private encode(day: number): void {
    const { shared, index } = this.init;
    const H = this.hours;
    const w = this.writer;
    w.pos = 0;
    for (let h = 0; h < H; h++) {
      const from = w.pos;
      const b = this.shard.byHour[h];
      this.encoder.encode(b, 0, b.length, h, shared.firstId[index * H + h], w);
      shared.bytes[index * H + h] = w.pos - from;
      // Checked hour by hour, before the private buffer could outgrow what a typed array can hold.
      if (w.pos > OUT_MAX_BYTES) {
        throw new Error(`shard ${index}: day ${day}'s rows need more than ${OUT_MAX_BYTES} bytes of CSV for one shard; run with more --threads`);
      }
    }
    publish(shared.out[index * 2 + (day & 1)], w.buf.subarray(0, w.pos));
  }
}

/**
 * Copies a day's encoded bytes (at most OUT_MAX_BYTES, checked by the caller) into the shard's
 * shared buffer, for main to write, growing it when they do not fit. Encoding into a private buffer and copying once is faster than encoding straight
 * into shared memory, where V8 copies with relaxed atomics: 134 against 157 ns a row (csv micro
 * bench data, Node 20).
 */
function publish(out: SharedArrayBuffer, bytes: Uint8Array): void {
  if (bytes.length > out.byteLength) out.grow(Math.min(out.maxByteLength, Math.max(bytes.length, 2 * out.byteLength)));
  new Uint8Array(out, 0, bytes.length).set(bytes);
}
