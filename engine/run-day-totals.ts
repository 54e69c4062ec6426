/**
 * What several metrics.json measures read from a day, worked out once (RunMetrics.day): log posted
 * prices, items and cents summed over personas, and each stall's daily log price level.
 */
import type { MetricsDay, MetricsSetup } from './run-measures.ts';

/**
 * The day's mean log posted price over the trading hours its stall had stock, per zp (NaN if it
 * never had): the day's price level for the dispersion measures.
 */
export function dailyLogPrice(
  s: MetricsSetup,
  d: MetricsDay,
  logPrice: Float64Array,
  out: Float64Array,
  hours: Float64Array,
): void {
  const size = s.zones * s.products;
  const stock = d.stock;
  out.fill(0);
  hours.fill(0);
  for (let h = 0; h < s.hours; h++) {
    for (let zp = 0, k = h * size; zp < size; zp++, k++) {
      if (stock[k] === 0) continue;
      out[zp] += logPrice[k];
      hours[zp]++;
    }
  }
  for (let zp = 0; zp < size; zp++) out[zp] = hours[zp] > 0 ? out[zp] / hours[zp] : Number.NaN;
}

/**
 * What several measures read, once a day: log posted prices, and items and cents per (hour, zp)
 * summed over personas (whole numbers, so the sums are exact in any order). A price that holds
 * from the hour before keeps that hour's log, as most do in a small run.
 */
export function dayTotals(
  s: MetricsSetup,
  d: MetricsDay,
  logPrice: Float64Array,
  items: Float64Array,
  cents: Float64Array,
): void {
  const personas = s.personaIds.length;
  const size = s.zones * s.products;
  const price = d.hourPrice;
  const sales = d.sales;
  for (let k = 0; k < logPrice.length; k++) {
    logPrice[k] = k >= size && price[k] === price[k - size] ? logPrice[k - size] : Math.log(price[k]);
    let n = 0;
    let c = 0;
    for (let j = 0, at = k * personas * 2; j < personas; j++, at += 2) {
      n += sales[at];
      c += sales[at + 1];
    }
    items[k] = n;
    cents[k] = c;
  }
}

/**
 * Adds a day's sales into per-persona totals: `sales` holds, per (hour, zone, product) cell and
 * persona, the items then the cents sold. Whole numbers, so the totals are exact in any order; a
 * cell that sold no item sold nothing, and is skipped (most cells of a small run).
 */
export function addPersonaSales(
  sales: Float64Array,
  personas: number,
  items: Float64Array | number[],
  cents: Float64Array | number[],
): void {
  const width = 2 * personas;
  for (let k = 0; k < sales.length; k += width) {
    let sold = 0;
    for (let j = k; j < k + width; j += 2) sold += sales[j];
    if (sold === 0) continue;
    for (let persona = 0, j = k; persona < personas; persona++, j += 2) {
      items[persona] += sales[j];
      cents[persona] += sales[j + 1];
    }
  }
}
