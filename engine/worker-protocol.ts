/**
 * The worker protocol, in one place: the shared-memory layout between the coordinator (main
 * thread) and the shard tasks, the phases of a day, and the barrier.
 *
 * Shard 0 runs on main (shard-runner.ts): main releases a phase to the workers, runs shard 0's part
 * of it, then does its own work below and waits for the workers to arrive.
 *
 * Ordering, per trading day d:
 *   1. main has written day d's prices into `price`/`normal` and the shards' trader ranges into
 *      `bounds`; it releases STEP(d).
 *   2. each shard steps its traders (reading prices, writing only its own rows of the trader table,
 *      its own `demand` slice, `counts` row and `spend` row), and arrives.
 *      Meanwhile main appends day d - 1's chunks to the file, hour-major then shard, reading them
 *      straight from the shards' `out` buffers of parity (d - 1) & 1 and hashing them, for as long
 *      as some worker is still stepping (day-appender.ts).
 *   3. main numbers the rows: for each hour h, for each shard s in order, firstId[s][h]; releases ENCODE(d).
 *   4. each shard encodes its rows and copies them into its `out` buffer of parity d & 1 (from
 *      offset 0, hour after hour, growing it if the day needs more), publishes the byte length of
 *      each hour's chunk, and arrives.
 *      Meanwhile main appends the rest of day d - 1's chunks (the other parity), sums the demand
 *      slices (exact: quantities are multiples of 1/4, so any order gives the same sum), moves the
 *      market on to day d + 1. After the arrival main copies day d's chunk lengths (ENCODE(d + 1)
 *      overwrites `bytes`), writes day d + 1's prices and re-balances `bounds`.
 *   After the last day main appends the last day's chunks; FINISH ends the shard tasks.
 * Nobody reads a slot while another thread may write it: every shared write happens between a
 * release and the matching arrival (shards) or outside them (main), and Atomics operations on
 * `control` order the plain accesses around them. Only main writes the file, in (tick, trader)
 * order whatever the number of shards.
 */

export const Phase = { step: 1, encode: 2, finish: 3 } as const;

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
  size: 8,
} as const;

/** Shared buffers: allocated by main, handed to every shard task. */
export interface SharedState {
  control: Int32Array;
  /** Shard k steps traders [bounds[k], bounds[k + 1]) today (set by main before STEP; shard-balance.ts). */
  bounds: Int32Array;
  /** Today's price and seasonal normal per (zone, product). */
  price: Float64Array;
  normal: Float64Array;
  /** Per shard: demand per (zone, product), `zones * products` entries each. */
  demand: Float64Array;
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
  /** Per shard: spend in cents and items per persona, `2 * personas` entries each. */
  spend: Float64Array;
  /** Per shard: milliseconds spent stepping and encoding (2 entries each). */
  timing: Float64Array;
}

/** Releases a phase and returns without waiting, so main can work while the shards do. */
export type Release = (phase: number, day: number) => void;

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
export function release(control: Int32Array, phase: number, day: number): void {
  Atomics.store(control, Control.arrived, 0);
  Atomics.store(control, Control.phase, phase);
  Atomics.store(control, Control.day, day);
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
