/**
 * The worker protocol, in one place: the shared-memory layout between the coordinator (main
 * thread) and the shard tasks, the phases of a day, and the barrier.
 *
 * Shard 0 runs on main (shard-runner.ts): main releases a phase to the workers, runs shard 0's part
 * of it, then does its own work below and waits for the workers to arrive.
 *
 * Ordering, per trading day d with H trading hours (the market clears every hour for everyone):
 *   0. main has opened the market (deliveries), written the day's seasonal normals into `normal`,
 *      hour 0's posted prices into `hourPrice` and the shards' trader ranges into `bounds`.
 *   For each hour h = 0 .. H - 1:
 *   1. HOUR(d, h): each shard, at h = 0, plans its traders' day (lifecycle, money, the hours of
 *      their visits); at h > 0 it first takes the substitutes of hour h - 1 whose `subRatio` is 1.
 *      Then its traders visiting in hour h request baskets at hour h's prices; the shard sums the
 *      units per (zone, product) into its `requested` slice, and arrives.
 *      Meanwhile main appends day d - 1's chunks to the file while some worker is still busy.
 *   2. main sums the requested slices in shard order (exact: quantities are multiples of 1/4) and
 *      clears the hour: `ratio` and `spare` per (zone, product); releases SETTLE(d, h).
 *   3. SETTLE(d, h): each shard fills its requests at `ratio` (pro rata, rounded down to the step),
 *      charging and remembering what was bought, sums the units into its `filled` slice, asks for
 *      substitutes of what it missed among products with `spare` stock into `substitutes`, arrives.
 *   4. main settles the hour: `subRatio` per (zone, product), stock, sold and unmet; posts hour
 *      h + 1's prices into `hourPrice`; releases HOUR(d, h + 1) and writes hour h's rows of
 *      market.csv while the shards work.
 *   5. HOUR(d, H) only takes hour H - 1's substitutes, and publishes each hour's row count.
 *   6. main numbers the rows: for each hour h, for each shard s in order, firstId[s][h]; releases ENCODE(d).
 *   7. ENCODE(d): each shard encodes its rows and copies them into its `out` buffer of parity d & 1 (from
 *      offset 0, hour after hour, growing it if the day needs more), publishes the byte length of
 *      each hour's chunk, and arrives.
 *      Meanwhile main appends the rest of day d - 1's chunks, sums the shards' `sales` (ENCODE
 *      writes none; HOUR(d + 1, 0) clears them), closes the market (spoilage, learning) and opens
 *      day d + 1. After the arrival main copies day d's chunk lengths (ENCODE(d + 1) overwrites
 *      them), writes day d + 1's normals and hour-0 prices and re-balances `bounds`.
 *   After the last day main appends the last day's chunks; FINISH ends the shard tasks.
 * Nobody reads a slot while another thread may write it: every shared write happens between a
 * release and the matching arrival (shards) or outside them (main), and Atomics operations on
 * `control` order the plain accesses around them. Only main writes the file, in (tick, trader)
 * order whatever the number of shards.
 */
import { sharedArray } from '../agents/index.ts';
import type { Scenario } from './scenario.ts';

export const Phase = { hour: 1, settle: 2, encode: 3, finish: 4 } as const;

/**
 * Largest `out` buffer a shard may grow to: one shard's CSV for one day (about 10 million rows).
 * A growable SharedArrayBuffer reserves its maximum in address space from the start, two per shard,
 * so this is well below V8's 4 GiB; a bigger day needs more threads.
 */
export const OUT_MAX_BYTES = 2 ** 30;
export type PhaseKind = (typeof Phase)[keyof typeof Phase];

/** Slots of the Int32 control array. */
export const Control = {
  /** Bumped by main to release a phase; shards wait for it to change. */
  generation: 0,
  /** The phase released (a Phase value). */
  phase: 1,
  /** The day the phase is for. */
  day: 2,
  /** Shards that have finished the current phase. */
  arrived: 3,
  /** Set to 1 by anyone who failed; everyone stops. */
  failed: 4,
  /** The trading hour the phase is for (HOUR and SETTLE). */
  hour: 5,
  size: 8,
} as const;

/** Shared buffers: allocated by main, handed to every shard task. */
export interface SharedState {
  control: Int32Array;
  /** Shard k steps traders [bounds[k], bounds[k + 1]) today (set by main before HOUR(d, 0); shard-balance.ts). */
  bounds: Int32Array;
  /** Today's posted price per (hour * size + zone * products + product), hour h written before HOUR(d, h). */
  hourPrice: Float64Array;
  /** Today's seasonal normal price per (zone, product). */
  normal: Float64Array;
  /** The current hour's fill ratio of its own requests, per (zone, product). */
  ratio: Float64Array;
  /** The current hour's stock left after its own requests were met in full (0 if rationed), per (zone, product). */
  spare: Float64Array;
  /** The last settled hour's substitute fill ratio (0 or 1), per (zone, product). */
  subRatio: Float64Array;
  /** Per shard, `size` entries each: units requested, filled, and asked as substitutes in the current hour. */
  requested: Float64Array;
  filled: Float64Array;
  substitutes: Float64Array;
  /**
   * Per shard: the day's sales per (hour, zone, product, persona), items then cents
   * [((hour * size + zp) * personas + persona) * 2 + 0 | 1], for the run's metrics.
   */
  sales: Float64Array;
  /** Per shard: rows per trading hour, `hours` entries each. */
  counts: Int32Array;
  /** Per shard and hour: txn_id of the first row (set by main). */
  firstId: Float64Array;
  /** Per shard and hour: encoded byte length (set by the shard). */
  bytes: Float64Array;
  /**
   * Per shard and day parity, [shard * 2 + (day & 1)]: the day's encoded rows, its hours' chunks
   * back to back (growable, up to OUT_MAX_BYTES).
   */
  out: SharedArrayBuffer[];
  /** Per shard: milliseconds spent stepping and encoding (2 entries each). */
  timing: Float64Array;
}

/** Allocates the shared buffers for `shards` shards and a day of `hours` trading hours (main, at set-up). */
export function allocateShared(s: Scenario, shards: number, hours: number): SharedState {
  const size = s.market.zones.length * s.market.catalogue.products.length;
  return {
    control: sharedArray(Int32Array, Control.size),
    bounds: sharedArray(Int32Array, shards + 1),
    hourPrice: sharedArray(Float64Array, hours * size),
    normal: sharedArray(Float64Array, size),
    ratio: sharedArray(Float64Array, size),
    spare: sharedArray(Float64Array, size),
    subRatio: sharedArray(Float64Array, size),
    requested: sharedArray(Float64Array, shards * size),
    filled: sharedArray(Float64Array, shards * size),
    substitutes: sharedArray(Float64Array, shards * size),
    sales: sharedArray(Float64Array, shards * hours * size * s.population.personas.length * 2),
    counts: sharedArray(Int32Array, shards * hours),
    firstId: sharedArray(Float64Array, shards * hours),
    bytes: sharedArray(Float64Array, shards * hours),
    out: Array.from({ length: shards * 2 }, () => new SharedArrayBuffer(1 << 20, { maxByteLength: OUT_MAX_BYTES })),
    timing: sharedArray(Float64Array, shards * 2),
  };
}

/** Releases a phase and returns without waiting, so main can work while the shards do. */
export type Release = (phase: number, day: number, hour: number) => void;

/** Signals that this shard has finished the current phase. */
export function arrive(control: Int32Array): void {
  Atomics.add(control, Control.arrived, 1);
  Atomics.notify(control, Control.arrived);
}

/** Blocks a worker until main releases the next phase (generation moves past `seen`). */
export function awaitRelease(control: Int32Array, seen: number): number {
  while (Atomics.load(control, Control.generation) === seen) Atomics.wait(control, Control.generation, seen, 1000);
  return Atomics.load(control, Control.generation);
}

/** Releases a phase to the shards (main thread). */
export function release(control: Int32Array, phase: number, day: number, hour = 0): void {
  Atomics.store(control, Control.arrived, 0);
  Atomics.store(control, Control.phase, phase);
  Atomics.store(control, Control.day, day);
  Atomics.store(control, Control.hour, hour);
  Atomics.add(control, Control.generation, 1);
  Atomics.notify(control, Control.generation);
}

/** Waits (without blocking main's event loop) until `shards` have arrived or one has failed. */
export async function allArrived(control: Int32Array, shards: number, failure: () => Error | undefined): Promise<void> {
  for (;;) {
    const n = Atomics.load(control, Control.arrived);
    if (Atomics.load(control, Control.failed) !== 0 || failure()) throw failure() ?? new Error('a shard worker failed');
    if (n >= shards) return;
    const w = Atomics.waitAsync(control, Control.arrived, n, 1000);
    if (w.async) await w.value;
  }
}
