/**
 * The temporal split: the last `testWeeks` weeks of a run are the test period, everything before
 * is training. One pass over the transactions (analysis/run: manifest checked, CSV or Parquet)
 * files each row on one side of the split tick.
 */
import { readPriceBook, scanTransactions, withRun, type Run, type RunManifest } from '../run/index.ts';
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
    throw new RecommendOptionError(
      `--test-weeks must be an integer from 1 to ${weeks - 1} (the run has ${weeks} weeks and needs at least one training week), got ${testWeeks}`,
    );
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
export async function readSplit(
  dir: string | Run,
  testWeeks: number,
): Promise<{ manifest: RunManifest; split: Split; train: TrainingBase; test: TestSets }> {
  return withRun(dir, { require: ['transactions', 'prices'] }, (run) => readSplitOf(run, testWeeks));
}

async function readSplitOf(
  run: Run,
  testWeeks: number,
): Promise<{ manifest: RunManifest; split: Split; train: TrainingBase; test: TestSets }> {
  const manifest = run.manifest;
  const split = temporalSplit(manifest, testWeeks);
  const { products: catalogue, categories: cats } = manifest.scenario.market.catalogue;
  const categories = cats.map((c) => c.id);
  const zones = manifest.scenario.market.zones.map((z) => z.id);
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

  await scanTransactions(run, (b) => {
    for (let i = 0; i < b.length; i++) {
      const t = b.trader[i];
      const k = b.tick[i];
      const p = b.product[i];
      if (!(t >= 0 && t < N && p >= 0 && p < P))
        throw new RangeError(
          `${run.dir}: transactions: trader ${t} or product ${p} outside the manifest's ${N} traders and ${P} products`,
        );
      if (k >= split.splitTick) {
        testProducts[t].add(p);
        testRows++;
        continue;
      }
      if (n === trader.length) {
        trader = grow(trader, n + 1);
        tick = grow(tick, n + 1);
        product = grow(product, n + 1);
        zone = grow(zone, n + 1);
        unitPrice = grow(unitPrice, n + 1);
        isRepeat = grow(isRepeat, n + 1);
      }
      const z = b.zone[i];
      trader[n] = t;
      tick[n] = k;
      product[n] = p;
      zone[n] = z;
      unitPrice[n] = b.unitPrice[i];
      isRepeat[n] = b.isRepeat[i] === 1 ? 1 : 0;
      n++;
      counts[t * P + p]++;
      if (z >= 0) traderZone[t] = z;
    }
  });

  const lastDay = split.splitDay - 1;
  // Only the training days' prices: the recommenders must not see the test weeks.
  const book = await readPriceBook(run);
  const dayPrice = book.price.slice(0, split.splitDay * Z * P);

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
