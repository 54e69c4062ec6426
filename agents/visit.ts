/**
 * One market visit: a basket of items, each either re-bought from memory or explored, each sized by
 * persona and price and capped by the money left.
 */
import type { BehaviourTable } from './behaviour.ts';
import type { ChoiceTables } from './choice.ts';
import { DayState } from './lifecycle.ts';
import { recall, remember } from './purchase-memory.ts';
import { drawFromCdf, fastNormal, poisson, type RandomSource } from './random-source.ts';
import type { TraderTable } from './trader-table.ts';
import { MAX_SENSITIVITY, SENSITIVITY_LEVELS } from './choice.ts';

/**
 * Where purchases go; the engine's columnar batch implements it. The unit price is not passed: it
 * is the day's price of the product in the trader's zone, which the writer already has.
 */
export interface PurchaseSink {
  add(trader: number, product: number, quantity: number, total: number, isRepeat: number): void;
}

/** What a visit reads besides the trader: the day's market and the per-product constants. */
export interface VisitContext {
  choice: ChoiceTables;
  /** Today's prices and seasonal normals, [zone * products + product]. */
  price: Float64Array;
  normal: Float64Array;
  step: Float64Array;
  householdQty: Float64Array;
  bulkQty: Float64Array;
  behaviours: BehaviourTable;
  quantitySigma: number;
  quantityElasticity: number;
}

/** Money is counted in cents so that budgets and totals never drift by rounding. */
function cents(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Runs one visit of trader i; returns the number of items bought. */
export function shopVisit(t: TraderTable, i: number, ctx: VisitContext, rng: RandomSource, sink: PurchaseSink): number {
  const b = t.behaviour[i];
  const zone = t.zone[i];
  const P = ctx.choice.products;
  const C = t.categories;
  const level = t.sensLevel[i];
  const sens = (level / (SENSITIVITY_LEVELS - 1)) * MAX_SENSITIVITY;
  const bulk = ctx.behaviours.bulk[b] === 1;
  const items = 1 + poisson(rng, ctx.behaviours.basketSize[b] - 1, ctx.behaviours.basketLimit[b]);
  t.dayState[i] = DayState.atMarket;
  let bought = 0;
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
    q = Math.max(1, Math.round(q / step)) * step;
    let total = cents(q * price);
    const remaining = t.remaining[i];
    if (total > remaining) {
      // Never spend money the trader does not have: buy what is left, or go home.
      q = Math.floor(remaining / price / step) * step;
      total = cents(q * price);
      while (q > 0 && total > remaining) {
        q -= step;
        total = cents(q * price);
      }
      if (q <= 0) {
        t.dayState[i] = DayState.budgetSpent;
        return bought;
      }
    }
    t.remaining[i] = cents(remaining - total);
    remember(t, i, product);
    sink.add(i, product, q, total, isRepeat);
    bought++;
  }
  t.dayState[i] = DayState.atHome;
  return bought;
}
