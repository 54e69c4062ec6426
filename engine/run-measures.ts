/**
 * The measures of metrics.json, one factory each: a name, what it means (the README's table), and
 * how it accumulates a day; adding a measure is adding an entry to MEASURES. RunMetrics
 * (run-metrics.ts) runs them over the run and carries their accumulators through checkpoints.
 * Every sum runs in a fixed order, so the numbers are the same for any thread count.
 */
import { deviation } from 'd3-array';
import { addPersonaSales } from './run-day-totals.ts';

/** One day of the market, as main holds it after the day's last hour. Arrays per (hour * size + zp) unless noted. */
export interface MetricsDay {
  hourPrice: Float64Array;
  /** Log adjustment of the posting rule: < 0 is a markdown. */
  hourAdjust: Float64Array;
  /** Stock at the start of the hour: posted-price measures skip empty stalls (nothing to buy there). */
  stock: Float64Array;
  /** Units asked for as buyers' own choices, sold (substitutes included), and own requests unmet. */
  asked: Float64Array;
  sold: Float64Array;
  unmet: Float64Array;
  /** Seasonal normal price per zp. */
  normal: Float64Array;
  /** Items then cents per ((hour * size + zp) * personas + persona). */
  sales: Float64Array;
  /** Per zp; meaningful only when `unlimited` is false. */
  delivered: Float64Array;
  wasted: Float64Array;
  unlimited: boolean;
}

/** What every measure may read: the run's fixed facts. */
export interface MetricsSetup {
  zones: number;
  products: number;
  hours: number;
  personaIds: string[];
  /** Traders of each persona (the truth). */
  personaTraders: number[];
  categoryIds: string[];
  /** Category index of each product. */
  category: Int32Array;
  perishable: Uint8Array;
  /** 1 for the products in the cheapest tenth of their category by base price (at least one each). */
  cheap: Uint8Array;
}

/** A day as the measures see it: the market's day, and what more than one measure derives from it. */
export interface DerivedDay extends MetricsDay {
  /** The day's mean log posted price per zp over the hours its stall had stock (NaN if none). */
  dailyLog: Float64Array;
  /** Items and cents sold per (hour * size + zp), summed over personas. */
  items: Float64Array;
  cents: Float64Array;
  /** log of the posted price per (hour * size + zp). */
  logPrice: Float64Array;
}

export interface Measure {
  /** Names it writes (a `<persona>` or `<category>` family expands to one name each): the README table and tests/engine/metrics-readme.test.ts read it. */
  describe: string;
  /** Everything it accumulates, in one array, so a checkpoint can carry it. */
  acc: Float64Array;
  day(d: DerivedDay): void;
  values(): Record<string, number>;
}

/** One accumulator array cut into named parts: `parts(3, 1)` gives views of 3 and 1 entries over one array. */
function parts(...lengths: number[]): { acc: Float64Array; views: Float64Array[] } {
  const acc = new Float64Array(lengths.reduce((a, b) => a + b, 0));
  let at = 0;
  const views = lengths.map((n) => {
    const v = acc.subarray(at, at + n);
    at += n;
    return v;
  });
  return { acc, views };
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : Number.NaN;
}

/** Spend-weighted geometric mean of price paid / normal, overall and per category. */
function priceIndex(s: MetricsSetup): Measure {
  const C = s.categoryIds.length;
  const {
    acc,
    views: [num, den],
  } = parts(C, C);
  const size = s.zones * s.products;
  return {
    describe: 'price_index, price_index_<category>',
    acc,
    day(d) {
      const { cents: spent, hourPrice, normal } = d;
      for (let h = 0; h < s.hours; h++) {
        for (let zp = 0, k = h * size; zp < size; zp++, k++) {
          const cents = spent[k];
          if (cents === 0) continue;
          const c = s.category[zp % s.products];
          num[c] += cents * Math.log(hourPrice[k] / normal[zp]);
          den[c] += cents;
        }
      }
    },
    values() {
      let n = 0;
      let w = 0;
      const out: Record<string, number> = {};
      for (let c = 0; c < C; c++) {
        n += num[c];
        w += den[c];
        out[`price_index_${s.categoryIds[c]}`] = Math.exp(ratio(num[c], den[c]));
      }
      out.price_index = Math.exp(ratio(n, w));
      return out;
    },
  };
}

/** Mean across (day, product) of the sd of the day's log price across zones. */
function priceDispersion(s: MetricsSetup): Measure {
  const across = new Float64Array(s.zones);
  const acc = new Float64Array(2);
  return {
    describe: 'price_dispersion',
    acc,
    day(d) {
      for (let p = 0; p < s.products; p++) {
        for (let z = 0; z < s.zones; z++) across[z] = d.dailyLog[z * s.products + p];
        const sd = deviation(across);
        if (sd === undefined) continue;
        acc[0] += sd;
        acc[1]++;
      }
    },
    values: () => ({ price_dispersion: ratio(acc[0], acc[1]) }),
  };
}

/** Mean across (day, zone, category) of the sd of the day's log price across the category's products. */
function withinCategorySpread(s: MetricsSetup): Measure {
  const members = s.categoryIds.map((_, c) =>
    Int32Array.from([...s.category.keys()].filter((p) => s.category[p] === c)),
  );
  const acc = new Float64Array(2);
  return {
    describe: 'within_category_spread',
    acc,
    day(d) {
      const daily = d.dailyLog;
      for (let z = 0; z < s.zones; z++) {
        for (const m of members) {
          const sd = deviation(m, (p) => daily[z * s.products + p]);
          if (sd === undefined) continue;
          acc[0] += sd;
          acc[1]++;
        }
      }
    },
    values: () => ({ within_category_spread: ratio(acc[0], acc[1]) }),
  };
}

/** Geometric mean over stocked hours, zones and the cheapest tenth of each category of posted / normal (unweighted). */
function cheapDecile(s: MetricsSetup): Measure {
  const acc = new Float64Array(2);
  const size = s.zones * s.products;
  const cheap = Array.from({ length: size }, (_, zp) => zp).filter((zp) => s.cheap[zp % s.products] === 1);
  // Per cheap stall: the last price whose log ratio was taken, and that log (a price that holds keeps it).
  const lastPrice = new Float64Array(size);
  const lastLog = new Float64Array(size);
  return {
    describe: 'cheap_decile_price_index',
    acc,
    day(d) {
      const { stock, hourPrice, normal } = d;
      let [sum, n] = acc;
      // A new day has new normals: nothing carries over.
      lastPrice.fill(Number.NaN);
      for (let h = 0; h < s.hours; h++) {
        for (const zp of cheap) {
          const k = h * size + zp;
          if (stock[k] === 0) continue;
          if (hourPrice[k] !== lastPrice[zp]) {
            lastPrice[zp] = hourPrice[k];
            lastLog[zp] = Math.log(hourPrice[k] / normal[zp]);
          }
          sum += lastLog[zp];
          n++;
        }
      }
      acc.set([sum, n]);
    },
    values: () => ({ cheap_decile_price_index: Math.exp(ratio(acc[0], acc[1])) }),
  };
}

/**
 * Per persona: exp(mean over its items of log(unit price / geometric mean of the posted prices of
 * the category's stocked products in that zone and hour)) - 1. The reference does not depend on
 * who buys.
 */
function relativePricePaid(s: MetricsSetup): Measure {
  const personas = s.personaIds.length;
  const {
    acc,
    views: [num, den],
  } = parts(personas, personas);
  const size = s.zones * s.products;
  const C = s.categoryIds.length;
  const refSum = new Float64Array(C);
  const refCount = new Float64Array(C);
  return {
    describe: 'relative_price_paid_<persona>',
    acc,
    day(d) {
      const { stock, logPrice, items: sold, sales } = d;
      const P = s.products;
      const category = s.category;
      for (let h = 0; h < s.hours; h++) {
        for (let z = 0; z < s.zones; z++) {
          const row = h * size + z * P;
          // The reference is needed only where something sold, which in a small run is rare.
          let any = false;
          for (let p = 0; p < P && !any; p++) any = sold[row + p] !== 0;
          if (!any) continue;
          refSum.fill(0);
          refCount.fill(0);
          for (let p = 0; p < P; p++) {
            if (stock[row + p] === 0) continue;
            refSum[category[p]] += logPrice[row + p];
            refCount[category[p]]++;
          }
          for (let p = 0; p < P; p++) {
            if (sold[row + p] === 0) continue;
            const base = (row + p) * personas * 2;
            const c = category[p];
            const rel = logPrice[row + p] - refSum[c] / refCount[c];
            for (let k = 0; k < personas; k++) {
              const items = sales[base + k * 2];
              if (items === 0) continue;
              num[k] += items * rel;
              den[k] += items;
            }
          }
        }
      }
    },
    values() {
      const out: Record<string, number> = {};
      s.personaIds.forEach((id, k) => {
        out[`relative_price_paid_${id}`] = Math.exp(ratio(num[k], den[k])) - 1;
      });
      return out;
    },
  };
}

/** Per persona: USD spent and items bought per trader of the persona over the run. */
function perTrader(s: MetricsSetup): Measure {
  const personas = s.personaIds.length;
  const {
    acc,
    views: [items, cents],
  } = parts(personas, personas);
  return {
    describe: 'spend_per_trader_<persona>, items_per_trader_<persona>',
    acc,
    day(d) {
      addPersonaSales(d.sales, personas, items, cents);
    },
    values() {
      const out: Record<string, number> = {};
      s.personaIds.forEach((id, k) => {
        out[`spend_per_trader_${id}`] = ratio(cents[k] / 100, s.personaTraders[k]);
        out[`items_per_trader_${id}`] = ratio(items[k], s.personaTraders[k]);
      });
      return out;
    },
  };
}

/**
 * Own requests unmet over own requests (a substitute is neither: its buyer's need is counted where
 * it first asked), and the share of items sold at a markdown.
 */
function stockAndMarkdowns(): Measure {
  // unmet, requested, items at a markdown, items
  const acc = new Float64Array(4);
  return {
    describe: 'stockout_rate, markdown_share',
    acc,
    day(d) {
      const { unmet, asked, items, hourAdjust } = d;
      let [missed, requested, marked, all] = acc;
      for (let k = 0; k < d.sold.length; k++) {
        missed += unmet[k];
        requested += asked[k];
        const n = items[k];
        // Adding 0 changes no sum: most cells sold nothing.
        if (n === 0) continue;
        all += n;
        if (hourAdjust[k] < 0) marked += n;
      }
      acc.set([missed, requested, marked, all]);
    },
    values: () => ({ stockout_rate: ratio(acc[0], acc[1]), markdown_share: ratio(acc[2], acc[3]) }),
  };
}

/** Perishables thrown away at close over perishables delivered (days of limited stock only). */
function waste(s: MetricsSetup): Measure {
  // wasted, delivered
  const acc = new Float64Array(2);
  return {
    describe: 'waste_share',
    acc,
    day(d) {
      if (d.unlimited) return;
      for (let zp = 0; zp < d.delivered.length; zp++) {
        if (s.perishable[zp % s.products] === 0) continue;
        acc[0] += d.wasted[zp];
        acc[1] += d.delivered[zp];
      }
    },
    values: () => ({ waste_share: ratio(acc[0], acc[1]) }),
  };
}

/**
 * Share of (day, zone, product) whose posted price moves within the day: stalls with stock at the
 * opening on days of limited stock, counting a day as moving when any later hour's posted price
 * differs from the opening price. Overall, and for perishable and storable goods apart.
 */
function intradayMoves(s: MetricsSetup): Measure {
  // moved, stalls: all, perishable, storable
  const acc = new Float64Array(6);
  const size = s.zones * s.products;
  return {
    describe: 'intraday_move_share, intraday_move_share_perishable, intraday_move_share_storable',
    acc,
    day(d) {
      if (d.unlimited) return;
      for (let zp = 0; zp < size; zp++) {
        if (d.stock[zp] === 0) continue;
        let moved = 0;
        for (let h = 1; h < s.hours && moved === 0; h++) if (d.hourPrice[h * size + zp] !== d.hourPrice[zp]) moved = 1;
        const kind = s.perishable[zp % s.products] === 1 ? 2 : 4;
        acc[0] += moved;
        acc[1]++;
        acc[kind] += moved;
        acc[kind + 1]++;
      }
    },
    values: () => ({
      intraday_move_share: ratio(acc[0], acc[1]),
      intraday_move_share_perishable: ratio(acc[2], acc[3]),
      intraday_move_share_storable: ratio(acc[4], acc[5]),
    }),
  };
}

export const MEASURES: ((s: MetricsSetup) => Measure)[] = [
  priceIndex,
  priceDispersion,
  withinCategorySpread,
  cheapDecile,
  relativePricePaid,
  perTrader,
  stockAndMarkdowns,
  waste,
  intradayMoves,
];
