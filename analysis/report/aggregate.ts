/**
 * The data sections' numbers, read through analysis/run (manifest checked; CSV or Parquet).
 *
 * traders gives each trader's persona and zone (one small array per trader); prices is kept as a
 * days x zones x products array of log prices (it grows with the catalogue and the horizon, never
 * with the number of purchases); the transactions are read in one pass into fixed-size
 * accumulators: counts by hour, weekday and day of month, per-trader spend, items and visits, and
 * per persona and category the sum of relative prices (run/price-book.ts). No transaction row is kept.
 */
import {
  readPriceBook,
  readTable,
  relativePrice,
  scanTransactions,
  withRun,
  type Run,
  type RunManifest,
} from '../run/index.ts';
import { addPurchase, readMarketBook, type MarketBook } from './market-book.ts';

/** Calendar facts of each day of the run: weekday (0 = Monday) and day of month (1..31). */
export function runCalendar(
  startDate: string,
  days: number,
): { weekday: Uint8Array; dayOfMonth: Uint8Array; dates: string[] } {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const weekday = new Uint8Array(days);
  const dayOfMonth = new Uint8Array(days);
  const dates: string[] = [];
  for (let d = 0; d < days; d++) {
    const t = new Date(start + d * 86_400_000);
    weekday[d] = (t.getUTCDay() + 6) % 7;
    dayOfMonth[d] = t.getUTCDate();
    dates.push(t.toISOString().slice(0, 10));
  }
  return { weekday, dayOfMonth, dates };
}

export interface RunAggregate {
  manifest: RunManifest;
  personas: string[];
  /** The configured share of each persona (NaN when the manifest does not give one). */
  configuredShare: number[];
  zones: { id: string; name: string }[];
  categories: { id: string; name: string }[];
  days: number;
  dates: string[];
  traders: number;
  /** Traders per persona x zone, row-major personas x zones. */
  personaZone: Float64Array;
  /** Persona index of each trader (-1 unknown). */
  traderPersona: Int32Array;
  /** Weeks each trader could trade in the run (from its join week to the end, at least one). */
  activeWeeks: Float64Array;
  /** Per trader: USD spent, items bought, visits (distinct purchase hours). */
  spend: Float64Array;
  items: Float64Array;
  visits: Float64Array;
  transactions: number;
  totalSpend: number;
  /** Items by hour of day per persona, row-major 24 x personas. */
  byHour: Float64Array;
  /** Items by weekday (0 = Monday) per persona, row-major 7 x personas. */
  byWeekday: Float64Array;
  /** Days of the run falling on each weekday. */
  weekdayDays: Float64Array;
  /** Items and USD by day of month (index 0 = day 1). */
  byDayOfMonthItems: Float64Array;
  byDayOfMonthSpend: Float64Array;
  /** Days of the run falling on each day of month. */
  dayOfMonthDays: Float64Array;
  /**
   * Per persona x category: the sum over its items of the relative price (run/price-book.ts: log of
   * the unit price over the geometric mean of the category's posted prices in that zone that day),
   * and the number of items. sum / count is the persona's mean relative price, like for like.
   */
  relPriceSum: Float64Array;
  relPriceCount: Float64Array;
  /**
   * Price index per (period, zone, category): exp(mean over the category's products of
   * log(price / the product's geometric mean over the run and every zone))) x 100.
   * Periods are days, or weeks for runs over a year. Row-major periods x zones x categories.
   */
  priceIndex: Float64Array;
  pricePeriod: 'day' | 'week';
  /** ISO date of the first day of each period. */
  periodDates: string[];
  /** The hourly book from market.csv and prices paid by hour (undefined for runs without market.csv). */
  market: MarketBook | undefined;
}

/** Reads a run directory (or an open run) into a {@link RunAggregate}. */
export async function aggregateRun(dir: string | Run): Promise<RunAggregate> {
  return withRun(dir, { require: ['traders', 'transactions', 'prices'] }, aggregate);
}

async function aggregate(run: Run): Promise<RunAggregate> {
  const m = run.manifest;
  const s = m.scenario;
  const personaDefs = s.population?.personas ?? [];
  const personas = personaDefs.map((p) => p.id);
  const configuredShare = personaDefs.map((p) => (typeof p.share === 'number' ? p.share : NaN));
  const zones = s.market.zones.map((z) => ({ id: z.id, name: z.name ?? z.id }));
  const categories = s.market.catalogue.categories.map((c) => ({
    id: c.id,
    name: (c as { name?: string }).name ?? c.id,
  }));
  const products = s.market.catalogue.products;
  const D = m.days;
  const Z = zones.length;
  const C = categories.length;
  const P = products.length;
  const weeks = s.weeks;
  const cal = runCalendar(s.calendar.startDate, D);
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const catIndex = new Map(categories.map((c, i) => [c.id, i]));
  const catOf = Int32Array.from(products, (p) => catIndex.get(p.category) ?? -1);

  // ---- traders.csv: persona and zone of each trader.
  const N = m.counts.traders;
  const traderPersona = new Int32Array(N).fill(-1);
  const activeWeeks = new Float64Array(N).fill(Math.max(1, weeks));
  const personaIndex = new Map(personas.map((p, i) => [p, i]));
  const seen: { persona: number; zone: number }[] = [];
  const tc = await readTable(run, `SELECT trader_id, persona, zone, join_week FROM ${run.table('traders').sql}`);
  for (let r = 0; r < tc.trader_id.length; r++) {
    const id = Number(tc.trader_id[r]);
    const name = String(tc.persona[r] ?? '');
    let p = personaIndex.get(name);
    if (p === undefined) {
      // A persona the manifest does not list: shown after the listed ones.
      p = personas.length;
      personas.push(name);
      configuredShare.push(NaN);
      personaIndex.set(name, p);
    }
    const z = zoneIndex.get(String(tc.zone[r] ?? '')) ?? -1;
    if (id >= 0 && id < N) {
      traderPersona[id] = p;
      const join = Number(tc.join_week[r]);
      activeWeeks[id] = Math.max(1, weeks - Math.max(0, Number.isFinite(join) ? join : 0));
    }
    seen.push({ persona: p, zone: z });
  }
  const NP = personas.length;
  const personaZone = new Float64Array(NP * Z);
  for (const t of seen) if (t.zone >= 0) personaZone[t.persona * Z + t.zone]++;

  // ---- prices: log price per day, zone and product.
  const book = await readPriceBook(run);
  const logPrice = book.logPrice;
  // Each product's geometric mean price over the run and the zones.
  const productLogMean = new Float64Array(P);
  const productCount = new Float64Array(P);
  for (let i = 0; i < D * Z; i++) {
    for (let p = 0; p < P; p++) {
      const v = logPrice[i * P + p];
      if (!Number.isNaN(v)) {
        productLogMean[p] += v;
        productCount[p]++;
      }
    }
  }
  for (let p = 0; p < P; p++) productLogMean[p] = productCount[p] ? productLogMean[p] / productCount[p] : NaN;
  const dayIndex = new Float64Array(D * Z * C);
  const refCount = new Float64Array(C);
  for (let i = 0; i < D * Z; i++) {
    refCount.fill(0);
    for (let p = 0; p < P; p++) {
      const v = logPrice[i * P + p];
      const c = catOf[p];
      if (c < 0 || Number.isNaN(v)) continue;
      dayIndex[i * C + c] += v - productLogMean[p];
      refCount[c]++;
    }
    for (let c = 0; c < C; c++)
      dayIndex[i * C + c] = refCount[c] ? 100 * Math.exp(dayIndex[i * C + c] / refCount[c]) : NaN;
  }
  // Runs over a year are shown by week, so the chart stays small.
  const pricePeriod: 'day' | 'week' = D > 366 ? 'week' : 'day';
  const periodLen = pricePeriod === 'day' ? 1 : 7;
  const periods = Math.ceil(D / periodLen);
  const priceIndex = new Float64Array(periods * Z * C);
  const periodDates: string[] = [];
  for (let q = 0; q < periods; q++) {
    periodDates.push(cal.dates[q * periodLen]);
    for (let zc = 0; zc < Z * C; zc++) {
      let sum = 0;
      let n = 0;
      for (let d = q * periodLen; d < Math.min(D, (q + 1) * periodLen); d++) {
        const v = dayIndex[d * Z * C + zc];
        if (!Number.isNaN(v)) {
          sum += v;
          n++;
        }
      }
      priceIndex[q * Z * C + zc] = n ? sum / n : NaN;
    }
  }

  const market = await readMarketBook(run, cal.dates, personas.length);

  // ---- transactions.csv: one pass, fixed-size accumulators.
  const spend = new Float64Array(N);
  const items = new Float64Array(N);
  const visits = new Float64Array(N);
  const lastTick = new Float64Array(N).fill(-1);
  const byHour = new Float64Array(24 * NP);
  const byWeekday = new Float64Array(7 * NP);
  const byDayOfMonthItems = new Float64Array(31);
  const byDayOfMonthSpend = new Float64Array(31);
  const relPriceSum = new Float64Array(NP * C);
  const relPriceCount = new Float64Array(NP * C);
  let totalSpend = 0;
  const transactions = await scanTransactions(run, (b) => {
    for (let i = 0; i < b.length; i++) {
      const t = b.trader[i];
      const tick = b.tick[i];
      const total = b.total[i];
      if (!(t >= 0 && t < N) || !(tick >= 0)) continue;
      const p = traderPersona[t];
      spend[t] += total;
      totalSpend += total;
      items[t]++;
      if (lastTick[t] !== tick) {
        visits[t]++;
        lastTick[t] = tick;
      }
      const hour = tick % 24;
      const day = Math.floor(tick / 24);
      if (p >= 0) byHour[hour * NP + p]++;
      if (day < D) {
        if (p >= 0) byWeekday[cal.weekday[day] * NP + p]++;
        byDayOfMonthItems[cal.dayOfMonth[day] - 1]++;
        byDayOfMonthSpend[cal.dayOfMonth[day] - 1] += total;
        const c = b.category[i];
        const price = b.unitPrice[i];
        const rel = relativePrice(book, day, b.zone[i], c, price);
        if (p >= 0 && !Number.isNaN(rel)) {
          relPriceSum[p * C + c] += rel;
          relPriceCount[p * C + c]++;
        }
        if (market) addPurchase(market, p, tick, b.zone[i], b.product[i], price);
      }
    }
  });
  const weekdayDays = new Float64Array(7);
  const dayOfMonthDays = new Float64Array(31);
  for (let d = 0; d < D; d++) {
    weekdayDays[cal.weekday[d]]++;
    dayOfMonthDays[cal.dayOfMonth[d] - 1]++;
  }

  return {
    manifest: m,
    personas,
    configuredShare,
    zones,
    categories,
    days: D,
    dates: cal.dates,
    traders: N,
    personaZone,
    traderPersona,
    activeWeeks,
    spend,
    items,
    visits,
    transactions,
    totalSpend,
    byHour,
    byWeekday,
    weekdayDays,
    byDayOfMonthItems,
    byDayOfMonthSpend,
    dayOfMonthDays,
    relPriceSum,
    relPriceCount,
    priceIndex,
    pricePeriod,
    periodDates,
    market,
  };
}
