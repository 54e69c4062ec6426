/**
 * The temporal split: the last `testWeeks` weeks of a run are the test period, everything before
 * is training. One streaming pass over transactions.csv files each row on one side of the split
 * tick; only the training days' prices are read.
 */
import { join } from 'node:path';
import { readManifest, streamCsv, type RunManifest } from '../run-dir.ts';
import { RecommendOptionError, type TrainingData } from './interface.ts';

export interface Split {
  /** Weeks in the run, training and test. */
  weeks: number;
  trainWeeks: number;
  testWeeks: number;
  /** First test day (days from 0) and its first tick: training is tick < splitTick. */
  splitDay: number;
  splitTick: number;
  /** Days in the run. */
  days: number;
}

export const TICKS_PER_DAY = 24;

/**
 * The split of a run of `manifest.days` days with the last `testWeeks` weeks held out.
 *
 * @throws RecommendOptionError unless 1 <= testWeeks < the run's weeks (at least one training week)
 */
export function temporalSplit(manifest: RunManifest, testWeeks: number): Split {
  const days = manifest.days;
  const weeks = Math.floor(days / 7);
  if (!Number.isInteger(testWeeks) || testWeeks < 1 || testWeeks >= weeks) {
    throw new RecommendOptionError(`--test-weeks must be an integer from 1 to ${weeks - 1} (the run has ${weeks} weeks and needs at least one training week), got ${testWeeks}`);
  }
  const splitDay = days - 7 * testWeeks;
  return { weeks, trainWeeks: weeks - testWeeks, testWeeks, splitDay, splitTick: splitDay * TICKS_PER_DAY, days };
}

/** What each trader bought in the test weeks: only evaluate.ts reads it. */
export interface TestSets {
  /** Distinct products bought in the test weeks, per trader id (empty set for none). */
  products: Set<number>[];
  /** Items (rows) in the test weeks. */
  rows: number;
}

export type TrainingBase = Omit<TrainingData, 'segments'>;

/** Grows a typed array to at least `n` entries, doubling. */
function grow<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (len: number) => T)(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Reads a run directory into its training data (without segments) and its test sets.
 *
 * @param dir - a finished run directory (the data contract)
 * @param testWeeks - weeks held out at the end
 */
export async function readSplit(dir: string, testWeeks: number): Promise<{ manifest: RunManifest; split: Split; train: TrainingBase; test: TestSets }> {
  const manifest = readManifest(dir);
  const split = temporalSplit(manifest, testWeeks);
  const { products: catalogue, categories: cats } = manifest.scenario.market.catalogue;
  const categories = cats.map((c) => c.id);
  const zones = manifest.scenario.market.zones.map((z) => z.id);
  const zoneIndex = new Map(zones.map((z, i) => [z, i]));
  const N = manifest.counts.traders;
  const P = catalogue.length;
  const Z = zones.length;
  const productCategory = Int32Array.from(catalogue, (p) => categories.indexOf(p.category));

  let trader = new Int32Array(1 << 16);
  let tick = new Int32Array(1 << 16);
  let product = new Int32Array(1 << 16);
  let zone = new Int32Array(1 << 16);
  let unitPrice = new Float64Array(1 << 16);
  let isRepeat = new Int32Array(1 << 16);
  let n = 0;
  const counts = new Float64Array(N * P);
  const traderZone = new Int32Array(N).fill(-1);
  const testProducts: Set<number>[] = Array.from({ length: N }, () => new Set<number>());
  let testRows = 0;

  await streamCsv(join(dir, 'transactions.csv'), ['trader_id', 'tick', 'product_id', 'zone', 'unit_price', 'is_repeat'], (r, ix) => {
    const t = Number(r[ix.trader_id]);
    const k = Number(r[ix.tick]);
    const p = Number(r[ix.product_id]);
    if (!(t >= 0 && t < N && p >= 0 && p < P)) throw new RangeError(`${join(dir, 'transactions.csv')}: trader ${r[ix.trader_id]} or product ${r[ix.product_id]} outside the manifest's ${N} traders and ${P} products`);
    if (k >= split.splitTick) {
      testProducts[t].add(p);
      testRows++;
      return;
    }
    if (n === trader.length) {
      trader = grow(trader, n + 1);
      tick = grow(tick, n + 1);
      product = grow(product, n + 1);
      zone = grow(zone, n + 1);
      unitPrice = grow(unitPrice, n + 1);
      isRepeat = grow(isRepeat, n + 1);
    }
    const z = zoneIndex.get(r[ix.zone]) ?? -1;
    trader[n] = t;
    tick[n] = k;
    product[n] = p;
    zone[n] = z;
    unitPrice[n] = Number(r[ix.unit_price]);
    isRepeat[n] = r[ix.is_repeat] === '1' ? 1 : 0;
    n++;
    counts[t * P + p]++;
    if (z >= 0) traderZone[t] = z;
  });

  const lastDay = split.splitDay - 1;
  const dayPrice = new Float64Array(split.splitDay * Z * P).fill(NaN);
  await streamCsv(join(dir, 'prices.csv'), ['day', 'zone', 'product_id', 'price'], (r, ix) => {
    const d = Number(r[ix.day]);
    if (!(d >= 0 && d < split.splitDay)) return;
    const z = zoneIndex.get(r[ix.zone]);
    const p = Number(r[ix.product_id]);
    if (z !== undefined && p >= 0 && p < P) dayPrice[(d * Z + z) * P + p] = Number(r[ix.price]);
  });

  const train: TrainingBase = {
    traders: N,
    products: P,
    productCategory,
    categories,
    zones,
    splitTick: split.splitTick,
    purchases: {
      length: n,
      trader: trader.slice(0, n),
      tick: tick.slice(0, n),
      product: product.slice(0, n),
      zone: zone.slice(0, n),
      unitPrice: unitPrice.slice(0, n),
      isRepeat: isRepeat.slice(0, n),
    },
    counts,
    traderZone,
    dayPrice,
    lastDayPrice: dayPrice.subarray(lastDay * Z * P, (lastDay + 1) * Z * P),
    lastDay,
  };
  return { manifest, split, train, test: { products: testProducts, rows: testRows } };
}
