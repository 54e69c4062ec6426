/**
 * The market section's numbers, from market.csv (the hourly book) and the report's one pass over
 * transactions.csv: stockouts and markdowns by hour, intraday price paths of one perishable and one
 * storable product, and what each persona pays by hour of day against the stall's opening price
 * that day (so what remains is the day's premiums and markdowns met). Bounded by the calendar and
 * the catalogue, never by purchases.
 */
import { readTable, type Run } from '../run/index.ts';

export interface PricePathPoint {
  product: string;
  date: string;
  hour: number;
  /** Posted price / the day's opening price. */
  relative: number;
}

/** What addPurchase needs: the log opening price per (day, zone, product), and the catalogue's facts. */
interface Reference {
  openLog: Float64Array;
  days: number;
  products: number;
  perishable: Uint8Array;
  zones: number;
}

export interface MarketBook {
  openHour: number;
  hours: number;
  /** Per hour index, for perishables (0) and storables (1): units sold and units unmet. */
  sold: Float64Array;
  unmet: Float64Array;
  /** Per hour index: perishable units sold at a markdown, and perishable units sold. */
  markdownUnits: Float64Array;
  perishableUnits: Float64Array;
  paths: PricePathPoint[];
  pathZone: string;
  /** Per (persona, hour index, perishable 0 | storable 1): sum of log(unit price / the stall's opening price) and items. */
  relSum: Float64Array;
  relCount: Float64Array;
  personas: number;
  reference: Reference;
}

/** Days of intraday price paths shown: two weeks from the second week (day 0 is the vendors' discovery day). */
const PATH_FROM = 7;
const PATH_DAYS = 14;

/** Reads the market table; undefined for a run without one (made before vendors held stock). */
export async function readMarketBook(run: Run, dates: string[], personas: number): Promise<MarketBook | undefined> {
  if (!run.tables.market) return undefined;
  const source = run.table('market');
  const m = run.manifest;
  const s = m.scenario;
  const products = s.market.catalogue.products as {
    id: string;
    name?: string;
    category: string;
    perishable?: boolean;
  }[];
  const zones = s.market.zones.map((z) => z.id);
  const P = products.length;
  const Z = zones.length;
  const openHour = s.calendar.openHour;
  const H = s.calendar.closeHour - openHour;
  const D = m.days;
  const perishable = Uint8Array.from(products, (p) => (p.perishable ? 1 : 0));
  const zoneIndex = new Map(zones.map((z, i) => [z, i]));
  // Shown: the first perishable and the first storable product of the catalogue, in the first zone.
  const pick = (want: number): number => products.findIndex((p) => (p.perishable ? 1 : 0) === want);
  const shown = [pick(1), pick(0)].filter((p) => p >= 0);
  const pathZone = zones[0];
  const openLog = new Float64Array(D * Z * P).fill(Number.NaN);
  const book: MarketBook = {
    openHour,
    hours: H,
    sold: new Float64Array(H * 2),
    unmet: new Float64Array(H * 2),
    markdownUnits: new Float64Array(H),
    perishableUnits: new Float64Array(H),
    paths: [],
    pathZone,
    relSum: new Float64Array(personas * H * 2),
    relCount: new Float64Array(personas * H * 2),
    personas,
    reference: { openLog, days: D, products: P, perishable, zones: Z },
  };
  const opening = new Float64Array(P).fill(Number.NaN);
  const mc = await readTable(
    run,
    `SELECT day, hour, zone, product_id, price, sold, unmet, markdown FROM ${source.sql}`,
  );
  for (let r = 0; r < mc.day.length; r++) {
    const d = Number(mc.day[r]);
    const h = Number(mc.hour[r]) - openHour;
    const z = zoneIndex.get(String(mc.zone[r] ?? ''));
    const p = Number(mc.product_id[r]);
    const price = Number(mc.price[r]);
    if (z === undefined || !(d >= 0 && d < D && h >= 0 && h < H && p >= 0 && p < P && price > 0)) continue;
    const sold = Number(mc.sold[r]);
    const kind = perishable[p] ? 0 : 1;
    book.sold[h * 2 + kind] += sold;
    book.unmet[h * 2 + kind] += Number(mc.unmet[r]);
    if (kind === 0) {
      book.perishableUnits[h] += sold;
      if (Number(mc.markdown[r]) === 1) book.markdownUnits[h] += sold;
    }
    if (h === 0) openLog[(d * Z + z) * P + p] = Math.log(price);
    if (z === 0 && shown.includes(p) && d >= PATH_FROM && d < PATH_FROM + PATH_DAYS) {
      if (h === 0) opening[p] = price;
      book.paths.push({
        product: products[p].name ?? products[p].id,
        date: dates[d],
        hour: openHour + h,
        relative: price / opening[p],
      });
    }
  }
  return book;
}

/**
 * One purchase: its log unit price against the stall's opening price that day (the intraday
 * premium or markdown met, not the relative price of run/price-book.ts). Called from the report's
 * single pass over the transactions.
 */
export function addPurchase(
  book: MarketBook,
  persona: number,
  tick: number,
  zone: number,
  product: number,
  price: number,
): void {
  const r = book.reference;
  if (persona < 0 || !(price > 0)) return;
  const H = book.hours;
  const day = Math.floor(tick / 24);
  const h = (tick % 24) - book.openHour;
  const z = zone;
  if (!(z >= 0 && z < r.zones) || day >= r.days || h < 0 || h >= H || product < 0 || product >= r.products) return;
  const open = r.openLog[(day * r.zones + z) * r.products + product];
  if (Number.isNaN(open)) return;
  const k = (persona * H + h) * 2 + (r.perishable[product] ? 0 : 1);
  book.relSum[k] += Math.log(price) - open;
  book.relCount[k]++;
}
