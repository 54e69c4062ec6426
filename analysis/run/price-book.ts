/**
 * The day's posted prices (the prices table) and the one definition of relative price that every
 * analysis uses (features, validation, report):
 *
 *   relative price of a purchase = log(unit price / geometric mean of the day's posted prices of
 *   the products of its category, in its zone)
 *
 * Why this one: the reference comes from the market's posted prices, not from who bought, so a
 * persona that dominates a (day, zone, category) does not drag the yardstick towards itself (the
 * buyer-weighted mean the report used did); the log makes a 20% discount and a 25% premium the
 * same size and makes the per-trader mean the log of a geometric mean ratio (a plain ratio over
 * the arithmetic mean, which validation used, is pulled up by a category's dear products, so every
 * persona sat below 1); and it is what the clustered relative_price feature already measured, so
 * the clusters do not change. 0 means paying the category's typical price that day; -0.2 about 18% less.
 */
import type { Run } from './open-run.ts';
import { readTable } from './scan.ts';

export interface PriceBook {
  days: number;
  zones: number;
  products: number;
  categories: number;
  /** Posted price per (day, zone, product), row-major; NaN where the table has none. */
  price: Float64Array;
  /** Its log. */
  logPrice: Float64Array;
  /** log of the geometric mean price per (day, zone, category): the relative price's reference. */
  logRef: Float64Array;
  /** log of the mean price across zones per (day, product) (the zone_price_level feature's reference). */
  logZoneMean: Float64Array;
  /** Category index of each product (-1 for a category the catalogue does not list). */
  categoryOf: Int32Array;
  /** Rows of the prices table whose price is not a positive number, and the first of them. */
  invalid: { count: number; example: string };
}

/** Reads the prices table into a {@link PriceBook}. Bounded by days x zones x products. */
export async function readPriceBook(run: Run): Promise<PriceBook> {
  const m = run.manifest;
  const { products, categories } = m.scenario.market.catalogue;
  const zones = m.scenario.market.zones;
  const P = products.length;
  const Z = zones.length;
  const C = categories.length;
  const D = m.days;
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const categoryOf = Int32Array.from(products, (p) => categories.findIndex((c) => c.id === p.category));
  const logPrice = new Float64Array(D * Z * P).fill(NaN);
  const posted = new Float64Array(D * Z * P).fill(NaN);
  const cols = await readTable(run, `SELECT day, zone, product_id, price FROM ${run.table('prices').sql}`);
  const invalid = { count: 0, example: '' };
  const n = cols.day.length;
  for (let r = 0; r < n; r++) {
    const price = cols.price[r] as number | null;
    if (!(typeof price === 'number' && price > 0 && Number.isFinite(price))) {
      if (invalid.count++ === 0)
        invalid.example = `${run.table('prices').files[0]} row ${r + 1}: price = ${JSON.stringify(price)}`;
      continue;
    }
    const d = cols.day[r] as number;
    const z = zoneIndex.get(cols.zone[r] as string);
    const p = cols.product_id[r] as number;
    if (z !== undefined && d >= 0 && d < D && p >= 0 && p < P) {
      posted[(d * Z + z) * P + p] = price;
      logPrice[(d * Z + z) * P + p] = Math.log(price);
    }
  }
  const logRef = new Float64Array(D * Z * C);
  const count = new Float64Array(C);
  const logZoneMean = new Float64Array(D * P);
  for (let d = 0; d < D; d++) {
    for (let z = 0; z < Z; z++) {
      count.fill(0);
      const base = (d * Z + z) * C;
      for (let p = 0; p < P; p++) {
        const v = logPrice[(d * Z + z) * P + p];
        const c = categoryOf[p];
        if (c < 0 || Number.isNaN(v)) continue;
        logRef[base + c] += v;
        count[c]++;
      }
      for (let c = 0; c < C; c++) logRef[base + c] = count[c] > 0 ? logRef[base + c] / count[c] : NaN;
    }
    for (let p = 0; p < P; p++) {
      let s = 0;
      for (let z = 0; z < Z; z++) s += Math.exp(logPrice[(d * Z + z) * P + p]);
      logZoneMean[d * P + p] = Math.log(s / Z);
    }
  }
  return {
    days: D,
    zones: Z,
    products: P,
    categories: C,
    price: posted,
    logPrice,
    logRef,
    logZoneMean,
    categoryOf,
    invalid,
  };
}

/**
 * The relative price of one purchase (see the file's header); NaN when the day, zone or category
 * is unknown or the price is not positive.
 */
export function relativePrice(book: PriceBook, day: number, zone: number, category: number, unitPrice: number): number {
  if (
    !(
      day >= 0 &&
      day < book.days &&
      zone >= 0 &&
      zone < book.zones &&
      category >= 0 &&
      category < book.categories &&
      unitPrice > 0
    )
  )
    return NaN;
  return Math.log(unitPrice) - book.logRef[(day * book.zones + zone) * book.categories + category];
}
