/**
 * Per-trader behavioural features, from transactions.csv and prices.csv alone: never from
 * traders.csv, the ground truth. The catalogue and calendar come from the manifest (what a run
 * sold and when), which any data in the same schema would also describe.
 *
 * One pass over the transactions (run/scan.ts) with fixed-size accumulators per trader, so memory
 * grows with traders x products, not with the number of transactions; each trader's sums then go
 * through the feature table (definitions.ts).
 */
import { calendarDays } from './calendar.ts';
import { FEATURE_DEFINITIONS, FEATURE_NAMES, type TraderSums } from './definitions.ts';
import {
  RunDirError,
  readPriceBook,
  relativePrice,
  scanTransactions,
  withRun,
  type Run,
  type RunManifest,
} from '../run/index.ts';

export interface FeatureTable {
  /** Trader ids with at least one purchase, ascending: the rows of `values`. */
  traderIds: Int32Array;
  /** Raw (unstandardised) features, row-major traders x FEATURE_NAMES.length. */
  values: Float64Array;
  /** Trader ids with no purchase at all (reported, not clustered). */
  inactive: number[];
  /** Zone id of each row's trader (the zone of its purchases). */
  zones: string[];
  manifest: RunManifest;
}

/** Options of {@link computeFeatures}. */
export interface FeatureOptions {
  /**
   * Only purchases with tick < maxTick count, and the run is taken to end at that tick's day
   * (for activity_trend): the features of a training period, blind to what came after.
   * Default: every purchase, the whole run.
   */
  maxTick?: number;
}

/**
 * Computes the feature table of a run directory (or of a run already opened), once its files have
 * matched the manifest.
 */
export async function computeFeatures(dir: string | Run, options: FeatureOptions = {}): Promise<FeatureTable> {
  return withRun(dir, { require: ['transactions', 'prices'] }, (run) => featuresOf(run, options));
}

async function featuresOf(run: Run, options: FeatureOptions): Promise<FeatureTable> {
  const m = run.manifest;
  const maxTick = options.maxTick ?? Infinity;
  const { products, categories } = m.scenario.market.catalogue;
  const zones = m.scenario.market.zones;
  const N = m.counts.traders;
  const P = products.length;
  const C = categories.length;
  const Z = zones.length;
  const D = m.days;
  const cal = calendarDays(m.scenario.calendar.startDate, D);
  const prices = await readPriceBook(run);
  const catOf = prices.categoryOf;

  const items = new Float64Array(N);
  const visits = new Float64Array(N);
  const spend = new Float64Array(N);
  const repeats = new Float64Array(N);
  /** Items the trader chose itself: a substitute for a sold-out item is the market's doing, not loyalty. */
  const chosen = new Float64Array(N);
  const early = new Float64Array(N);
  const evening = new Float64Array(N);
  const hourSum = new Float64Array(N);
  const weekend = new Float64Array(N);
  const monthEnd = new Float64Array(N);
  const relPrice = new Float64Array(N);
  const zonePrice = new Float64Array(N);
  const firstDay = new Int32Array(N).fill(-1);
  const lastDay = new Int32Array(N);
  const visitLogValue = new Float64Array(N);
  const visitValue = new Float64Array(N);
  const visitValueSq = new Float64Array(N);
  const currentTick = new Int32Array(N).fill(-1);
  const currentValue = new Float64Array(N);
  const catCount = new Float64Array(N * C);
  const prodCount = new Float64Array(N * P);
  const prodLogQ = new Float64Array(N * P);
  const traderZone = new Int32Array(N).fill(-1);
  // Activity trend: items in the first and last third of [first purchase, end of run). The
  // transactions are in time order (the data contract), so a trader's first day is known at its
  // first purchase and each later one is placed on arrival: no per-purchase memory.
  const endDay = Math.min(D, Math.ceil(maxTick / 24));
  const firstThird = new Float64Array(N);
  const lastThird = new Float64Array(N);
  let previousTick = -1;

  const closeVisit = (t: number): void => {
    if (currentTick[t] < 0) return;
    const v = currentValue[t];
    visits[t]++;
    visitValue[t] += v;
    visitValueSq[t] += v * v;
    visitLogValue[t] += Math.log(Math.max(v, 0.01));
  };

  await scanTransactions(
    run,
    (b) => {
      for (let i = 0; i < b.length; i++) {
        const tick = b.tick[i];
        const t = b.trader[i];
        const p = b.product[i];
        const z = Math.max(0, b.zone[i]);
        const q = b.quantity[i];
        const total = b.total[i];
        const day = Math.floor(tick / 24);
        const hour = tick - day * 24;
        if (tick < previousTick)
          throw new RunDirError(`${run.dir}: transactions are not in time order (tick ${tick} after ${previousTick})`);
        previousTick = tick;
        if (tick !== currentTick[t]) {
          closeVisit(t);
          currentTick[t] = tick;
          currentValue[t] = 0;
        }
        currentValue[t] += total;
        items[t]++;
        spend[t] += total;
        repeats[t] += b.isRepeat[i] === 1 ? 1 : 0;
        chosen[t] += b.isSubstitute[i] === 1 ? 0 : 1;
        if (hour < 9) early[t]++;
        if (hour >= 16) evening[t]++;
        hourSum[t] += hour + 0.5;
        if (cal.weekday[day] >= 5) weekend[t]++;
        if (cal.dayOfMonth[day] >= 21) monthEnd[t]++;
        relPrice[t] += relativePrice(prices, day, z, catOf[p], b.unitPrice[i]);
        zonePrice[t] += prices.logPrice[(day * Z + z) * P + p] - prices.logZoneMean[day * P + p];
        if (firstDay[t] < 0) firstDay[t] = day;
        lastDay[t] = day;
        catCount[t * C + catOf[p]]++;
        prodCount[t * P + p]++;
        prodLogQ[t * P + p] += Math.log(q);
        traderZone[t] = z;
        const x = (day - firstDay[t]) / (endDay - firstDay[t]);
        if (x < 1 / 3) firstThird[t]++;
        else if (x >= 2 / 3) lastThird[t]++;
      }
    },
    { maxTick },
  );
  for (let t = 0; t < N; t++) closeVisit(t);

  // Each product's typical quantity: the geometric mean over every purchase of it.
  const refLogQ = new Float64Array(P);
  const refCount = new Float64Array(P);
  for (let t = 0; t < N; t++) {
    for (let p = 0; p < P; p++) {
      refLogQ[p] += prodLogQ[t * P + p];
      refCount[p] += prodCount[t * P + p];
    }
  }
  for (let p = 0; p < P; p++) refLogQ[p] = refCount[p] > 0 ? refLogQ[p] / refCount[p] : 0;

  const active: number[] = [];
  const inactive: number[] = [];
  for (let t = 0; t < N; t++) (items[t] > 0 ? active : inactive).push(t);
  const F = FEATURE_NAMES.length;
  const values = new Float64Array(active.length * F);
  // One object, refilled for each trader: the table's functions read it, none keeps it.
  const sums: TraderSums = {
    items: 0,
    visits: 0,
    weeks: 0,
    spend: 0,
    visitLogValue: 0,
    visitValueMean: 0,
    visitValueVariance: 0,
    logQuantityIndex: 0,
    categories: 0,
    categoryEntropy: 0,
    topCategoryItems: 0,
    chosen: 0,
    repeats: 0,
    products: 0,
    relativePrice: 0,
    early: 0,
    evening: 0,
    weekend: 0,
    monthEnd: 0,
    hours: 0,
    firstThird: 0,
    lastThird: 0,
    zonePriceLevel: 0,
  };
  active.forEach((t, row) => {
    const n = items[t];
    const meanVisit = visitValue[t] / visits[t];
    let entropy = 0;
    let distinct = 0;
    let top = 0;
    for (let c = 0; c < C; c++) {
      const k = catCount[t * C + c];
      if (k === 0) continue;
      distinct++;
      top = Math.max(top, k);
      const s = k / n;
      entropy -= s * Math.log2(s);
    }
    let qIndex = 0;
    let products = 0;
    for (let p = 0; p < P; p++) {
      const k = prodCount[t * P + p];
      if (k === 0) continue;
      products++;
      qIndex += prodLogQ[t * P + p] - k * refLogQ[p];
    }
    sums.items = n;
    sums.visits = visits[t];
    sums.weeks = Math.max(1, (lastDay[t] - firstDay[t] + 1) / 7);
    sums.spend = spend[t];
    sums.visitLogValue = visitLogValue[t];
    sums.visitValueMean = meanVisit;
    sums.visitValueVariance = Math.max(0, visitValueSq[t] / visits[t] - meanVisit * meanVisit);
    sums.logQuantityIndex = qIndex;
    sums.categories = distinct;
    sums.categoryEntropy = entropy;
    sums.topCategoryItems = top;
    sums.chosen = chosen[t];
    sums.repeats = repeats[t];
    sums.products = products;
    sums.relativePrice = relPrice[t];
    sums.early = early[t];
    sums.evening = evening[t];
    sums.weekend = weekend[t];
    sums.monthEnd = monthEnd[t];
    sums.hours = hourSum[t];
    sums.firstThird = firstThird[t];
    sums.lastThird = lastThird[t];
    sums.zonePriceLevel = zonePrice[t];
    for (let j = 0; j < F; j++) values[row * F + j] = FEATURE_DEFINITIONS[j].value(sums);
  });
  return {
    traderIds: Int32Array.from(active),
    values,
    inactive,
    zones: active.map((t) => zones[traderZone[t]]?.id ?? ''),
    manifest: m,
  };
}
