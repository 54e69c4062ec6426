/**
 * Where the shards' trader ranges begin and end, re-balanced every day from how long each shard
 * took, so that the threads finish together.
 *
 * Shard 0 runs on main, which also writes and hashes every shard's rows; the others run on
 * workers, and a worker's core can be slower than main's when both are busy. So a fixed split
 * leaves one thread waiting: the balancer keeps a smoothed cost per trader for each shard and
 * main's writing time, and gives each shard the traders that make their days equally long. Which
 * shard steps a trader never changes the output (every draw is keyed by trader and day, and rows
 * are ordered by hour, then shard, then trader), so the bounds may change from day to day.
 */

/** Weight of the newest day in the smoothed costs: enough to settle within a week or two. */
const SMOOTHING = 0.2;

/**
 * The first day's guess at main's writing load, as a share of the work of stepping and encoding
 * all traders: 0.23 measured at 100k traders x 26 weeks on one thread (write+hash 1.44 s against
 * step 4.09 s and encode 2.27 s, medians of 5, bench/results/macro-2026-11-26-24312a4.json), 0.49
 * at 1M x 4 weeks, where the page cache starts writing back to disk; a round figure between them
 * errs toward the smaller runs. Only day 0 uses it: from then on the measured times decide.
 */
export const MAIN_WRITE_LOAD = 0.25;

export class ShardBalancer {
  /** Smoothed seconds per trader of each shard, and main's smoothed writing seconds per day. */
  private readonly cost: Float64Array;
  private write = 0;
  private observed = false;

  constructor(
    private readonly traders: number,
    private readonly shards: number,
  ) {
    this.cost = new Float64Array(shards);
  }

  /** The first day's bounds: workers equal, shard 0 lighter by MAIN_WRITE_LOAD. */
  initial(bounds: Int32Array): void {
    const T = this.shards;
    const main = T === 1 ? 1 : Math.max(0, (1 - (T - 1) * MAIN_WRITE_LOAD) / T);
    const share = new Float64Array(T).fill(T === 1 ? 1 : (1 - main) / (T - 1));
    share[0] = main;
    this.fill(bounds, share);
  }

  /**
   * Takes a day's measurements (each shard's seconds stepping and encoding under `bounds`, and
   * main's seconds writing) and writes the next day's bounds.
   */
  update(bounds: Int32Array, busy: Float64Array, mainWrite: number): void {
    const T = this.shards;
    if (T === 1) return;
    const known: number[] = [];
    for (let k = 0; k < T; k++) {
      const n = bounds[k + 1] - bounds[k];
      if (n > 0 && busy[k] > 0) known.push(k);
    }
    if (known.length === 0) return;
    let mean = 0;
    for (const k of known) mean += busy[k] / (bounds[k + 1] - bounds[k]);
    mean /= known.length;
    for (let k = 0; k < T; k++) {
      // A shard with no traders yesterday is assumed as fast as the average of the others.
      const c = known.includes(k) ? busy[k] / (bounds[k + 1] - bounds[k]) : mean;
      this.cost[k] = this.observed ? (1 - SMOOTHING) * this.cost[k] + SMOOTHING * c : c;
    }
    this.write = this.observed ? (1 - SMOOTHING) * this.write + SMOOTHING * mainWrite : mainWrite;
    this.observed = true;
    this.fill(bounds, balancedShares(this.cost, this.write, this.traders));
  }

  private fill(bounds: Int32Array, share: Float64Array): void {
    const T = this.shards;
    bounds[0] = 0;
    let acc = 0;
    for (let k = 0; k < T - 1; k++) {
      acc += share[k];
      bounds[k + 1] = Math.min(this.traders, Math.max(bounds[k], Math.round(acc * this.traders)));
    }
    bounds[T] = this.traders;
  }
}

/**
 * Shares of `traders` that give every shard the same day: shard k takes n_k traders at cost[k]
 * seconds each, and shard 0 also spends `overhead` seconds. With a common day length d,
 * n_0 = (d - overhead) / cost[0] and n_k = d / cost[k]; the n sum to `traders`. If even an empty
 * shard 0 would take longer than the others, it gets none.
 */
export function balancedShares(cost: Float64Array, overhead: number, traders: number): Float64Array {
  const T = cost.length;
  let inv = 0;
  for (let k = 0; k < T; k++) inv += 1 / cost[k];
  let day = (traders + overhead / cost[0]) / inv;
  const n = new Float64Array(T);
  n[0] = (day - overhead) / cost[0];
  if (n[0] < 0) {
    n[0] = 0;
    day = traders / (inv - 1 / cost[0]);
  }
  for (let k = 1; k < T; k++) n[k] = day / cost[k];
  for (let k = 0; k < T; k++) n[k] /= traders;
  return n;
}
