/**
 * One market visit, in two steps, because the market clears each trading hour for everyone at once:
 * - requestVisit: the trader decides a basket at the hour's posted prices (each item re-bought from
 *   memory or explored, sized by persona and price, within the money not yet committed) and asks
 *   for it;
 * - buy: once the hour is cleared, what the trader really received is paid for and remembered.
 * A trader who misses out may ask for a substitute within the category (substituteFor), or goes
 * without. Budget and purchase memory see only what was really bought.
 */
import type { BehaviourTable } from './behaviour.ts';
import type { ChoiceTables } from './choice.ts';
import { DayState } from './lifecycle.ts';
import { recall, remember } from './purchase-memory.ts';
import { drawFromCdf, fastNormal, poisson, type RandomSource } from './random-source.ts';
import type { TraderTable } from './trader-table.ts';
import { MAX_SENSITIVITY, SENSITIVITY_LEVELS } from './choice.ts';

/**
 * Where requests go; the engine's request list implements it. `zp` is the stall (zone x products +
 * product); `key` names the item within the trader's day (visit ordinal x 65536 + item), the key
 * of its substitute's random stream; `cost` is what the whole quantity costs at the hour's price,
 * cents(quantity x price), which a request filled in full pays.
 */
export interface RequestSink {
  request(
    trader: number,
    product: number,
    zp: number,
    quantity: number,
    isRepeat: number,
    key: number,
    cost: number,
  ): void;
}

/** What a visit reads besides the trader: the hour's market and the per-product constants. */
export interface VisitContext {
  choice: ChoiceTables;
  /** The hour's posted prices, [zone * products + product]. */
  price: Float64Array;
  step: Float64Array;
  householdQty: Float64Array;
  bulkQty: Float64Array;
  behaviours: BehaviourTable;
  quantitySigma: number;
  quantityElasticity: number;
}

/** Money is counted in cents so that budgets and totals never drift by rounding. */
export function cents(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The largest whole number of steps, at most q, whose cost fits in `money`; 0 if not even one step.
 */
export function affordable(q: number, price: number, step: number, money: number): number {
  if (cents(q * price) <= money) return q;
  let fit = Math.min(q, Math.floor(money / price / step) * step);
  while (fit > 0 && cents(fit * price) > money) fit -= step;
  return fit > 0 ? fit : 0;
}

/**
 * Trader i decides one visit's basket and requests it. `committed` is money already promised to
 * this hour's earlier requests; returns the new total committed. A trader who cannot afford an
 * item goes home with the money spent for the period.
 */
export function requestVisit(
  t: TraderTable,
  i: number,
  ctx: VisitContext,
  rng: RandomSource,
  sink: RequestSink,
  committed: number,
  visit: number,
): number {
  const b = t.behaviour[i];
  const zone = t.zone[i];
  const P = ctx.choice.products;
  const C = t.categories;
  const level = t.sensLevel[i];
  const sens = (level / (SENSITIVITY_LEVELS - 1)) * MAX_SENSITIVITY;
  const bulk = ctx.behaviours.bulk[b] === 1;
  const items = 1 + poisson(rng, ctx.behaviours.basketSize[b] - 1, ctx.behaviours.basketLimit[b]);
  for (let k = 0; k < items; k++) {
    const count = t.memoryCount[i];
    let product: number;
    let isRepeat = 0;
    if (count > 0 && rng.next() < t.repeat[i]) {
      product = recall(t, i, Math.floor(rng.next() * count));
      isRepeat = 1;
    } else {
      const c = drawFromCdf(rng, t.categoryCdf, i * C, C);
      product = ctx.choice.pick(zone, level, c, rng.next());
    }
    const zp = zone * P + product;
    const price = ctx.price[zp];
    const step = ctx.step[product];
    let q = (bulk ? ctx.bulkQty[product] : ctx.householdQty[product]) * t.quantityScale[i];
    // Lognormal noise, and less of it when it is dear: (price / normal)^-(s x elasticity).
    q *= Math.exp(ctx.quantitySigma * fastNormal(rng) - sens * ctx.quantityElasticity * ctx.choice.logPremium[zp]);
    q = affordable(Math.max(1, Math.round(q / step)) * step, price, step, cents(t.remaining[i] - committed));
    if (q === 0) {
      // Never ask for money the trader does not have: go home.
      t.dayState[i] = DayState.budgetSpent;
      return committed;
    }
    const cost = cents(q * price);
    committed = cents(committed + cost);
    sink.request(i, product, zp, q, isRepeat, visit * 65536 + k, cost);
  }
  return committed;
}

/** Trader i pays `total` (already in cents) for a product and remembers it; returns the total. */
export function pay(t: TraderTable, i: number, product: number, total: number): number {
  t.remaining[i] = cents(t.remaining[i] - total);
  remember(t, i, product);
  return total;
}

/**
 * What trader i asks for in place of `missing` units of `product` it did not get: a product of the
 * same category among those with spare stock this hour (drawn by its usual price-sensitive
 * weights, `u` uniform), the same money's worth but no more than it would usually buy of it, in
 * whole steps, within `money`. Returns the quantity and writes the product into `out[0]`; 0 when
 * it goes without.
 */
export function substitute(
  t: TraderTable,
  i: number,
  product: number,
  missing: number,
  ctx: VisitContext,
  spare: Float64Array,
  u: number,
  money: number,
  out: Int32Array,
): number {
  const zone = t.zone[i];
  const s = ctx.choice.pickOther(zone, t.sensLevel[i], product, spare, u);
  if (s < 0) return 0;
  const P = ctx.choice.products;
  const price = ctx.price[zone * P + s];
  const step = ctx.step[s];
  const usual = (ctx.behaviours.bulk[t.behaviour[i]] === 1 ? ctx.bulkQty[s] : ctx.householdQty[s]) * t.quantityScale[i];
  const worth = (missing * ctx.price[zone * P + product]) / price;
  const want = Math.floor(Math.min(worth, Math.max(step, usual)) / step) * step;
  out[0] = s;
  return want > 0 ? affordable(want, price, step, money) : 0;
}
