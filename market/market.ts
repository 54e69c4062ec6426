/**
 * The market's trading day, hour by hour: vendors deliver in the morning, post a price every
 * trading hour from the daily level and their stock cover, clear each hour's requests by one
 * rule (clearing.ts), and close. The engine drives it; it never sees a trader, only totals of
 * requested units per (zone, product).
 *
 * Per hour h: post(h) -> the buyers' requests at that price are totalled -> clear(h) gives each
 * (zone, product) its fill ratio and spare stock -> buyers who missed out ask for substitutes ->
 * settle(h) fills those and books the hour (stock, sold, unmet).
 */
import type { MarketConfig } from './config.ts';
import { fillRatio, substituteRatio } from './clearing.ts';
import { paceAdjustment, postingAdjustment } from './posting.ts';
import { PriceProcess, roundPrice } from './prices.ts';
import type { UniformSource } from './types.ts';
import { Vendors } from './vendors.ts';

/** A day's hourly book, per (hour * size + zp): what market.csv records of each trading hour. */
export interface HourlyBook {
  readonly hourPrice: Float64Array;
  /** Log adjustment of the posting rule: < 0 is a markdown. */
  readonly hourAdjust: Float64Array;
  /** Stock at the start of the hour; Infinity when unlimited. */
  readonly hourStock: Float64Array;
  readonly hourSold: Float64Array;
  readonly hourUnmet: Float64Array;
}

export class Market implements HourlyBook {
  readonly zones: number;
  readonly products: number;
  readonly size: number;
  readonly hours: number;
  readonly prices: PriceProcess;
  readonly vendors: Vendors;
  /** Today's posted price per (hour * size + zp). */
  readonly hourPrice: Float64Array;
  /** Today's log adjustment from the posting rule per (hour * size + zp): > 0 premium, < 0 markdown. */
  readonly hourAdjust: Float64Array;
  /**
   * Per (hour * size + zp): stock at the start of the hour (Infinity when unlimited); units asked
   * for as buyers' own choices; units sold (substitutes included); own requests left unmet. A
   * substitute that found too little spare stock is not counted again: its buyer's need is already
   * unmet where it first asked.
   */
  readonly hourStock: Float64Array;
  readonly hourAsked: Float64Array;
  readonly hourSold: Float64Array;
  readonly hourUnmet: Float64Array;
  /** The opening price of the day per zp: the day's quote in prices.csv. */
  readonly opening: Float64Array;
  private readonly primaryRequested: Float64Array;
  /** Scratch per zp: the pace of trade at the hour being posted. */
  private readonly pace: Float64Array;

  constructor(
    private readonly config: MarketConfig,
    hours: number,
    weekly: number[],
  ) {
    this.prices = new PriceProcess(config);
    this.zones = this.prices.zones;
    this.products = this.prices.products;
    this.size = this.zones * this.products;
    this.hours = hours;
    this.vendors = new Vendors(config.stock, config.catalogue.products, this.zones, hours, weekly);
    const n = hours * this.size;
    this.hourPrice = new Float64Array(n);
    this.hourAdjust = new Float64Array(n);
    this.hourStock = new Float64Array(n);
    this.hourAsked = new Float64Array(n);
    this.hourSold = new Float64Array(n);
    this.hourUnmet = new Float64Array(n);
    this.opening = new Float64Array(this.size);
    this.primaryRequested = new Float64Array(this.size);
    this.pace = new Float64Array(this.size);
  }

  /** Opens a day: the noise moves on (`noise` keyed to the day), seasons are quoted, vendors deliver. */
  open(weekday: number, dayOfMonth: number, month: number, noise: UniformSource, supply: UniformSource): void {
    this.prices.advance(noise);
    this.prices.quote(month);
    this.vendors.open(weekday, dayOfMonth, this.prices.season, supply);
    this.hourAsked.fill(0);
    this.hourSold.fill(0);
    this.hourUnmet.fill(0);
  }

  /**
   * Posts hour h's prices into `out` (size entries) and keeps them for the day. An empty stall has
   * nothing to price: it keeps its last price (the day's level in the first hour), so a sold-out
   * product does not show a made-up premium.
   */
  post(h: number, out: Float64Array): void {
    const { normal, deviation } = this.prices;
    const v = this.vendors;
    const price = this.config.price;
    const max = price.maxDeviation;
    const hoursLeft = this.hours - h;
    const row = h * this.size;
    const ahead = this.pace;
    v.ahead(h, ahead);
    for (let zp = 0; zp < this.size; zp++) {
      if (h > 0 && v.stock[zp] === 0) {
        const last = this.hourPrice[row - this.size + zp];
        out[zp] = last;
        this.hourPrice[row + zp] = last;
        this.hourAdjust[row + zp] = 0;
        this.hourStock[row + zp] = 0;
        continue;
      }
      const limited = !v.unlimited && v.stock[zp] > 0;
      const adjust = limited ? postingAdjustment(v.cover(zp, h), v.isPerishable(zp), hoursLeft, price) : 0;
      let x = deviation[zp] + adjust + (limited ? paceAdjustment(ahead[zp], price) : 0);
      if (x > max) x = max;
      else if (x < -max) x = -max;
      const p = Math.max(0.001, roundPrice(normal[zp] * Math.exp(x)));
      out[zp] = p;
      this.hourPrice[row + zp] = p;
      this.hourAdjust[row + zp] = adjust;
      this.hourStock[row + zp] = v.stock[zp];
    }
    if (h === 0) this.opening.set(this.hourPrice.subarray(0, this.size));
  }

  /**
   * Clears hour h's own requests (units per zp, summed over every buyer): writes each zp's fill
   * ratio and the spare stock left once the requests are met in full (0 if they were rationed).
   */
  clear(h: number, requested: Float64Array, ratio: Float64Array, spare: Float64Array): void {
    const stock = this.vendors.stock;
    const row = h * this.size;
    for (let zp = 0; zp < this.size; zp++) {
      const q = requested[zp];
      ratio[zp] = fillRatio(stock[zp], q);
      spare[zp] = q <= stock[zp] ? stock[zp] - q : 0;
      this.primaryRequested[zp] = q;
      this.hourAsked[row + zp] = q;
      this.vendors.requestedByHour[row + zp] += q;
    }
  }

  /**
   * Books hour h once the buyers have taken their fills (`filled`, units per zp) and asked for
   * substitutes (`substitutes`, units per zp): writes each zp's substitute fill ratio (0 or 1) and
   * moves the stock on.
   */
  settle(h: number, filled: Float64Array, substitutes: Float64Array, ratio: Float64Array): void {
    const stock = this.vendors.stock;
    const row = h * this.size;
    for (let zp = 0; zp < this.size; zp++) {
      const left = stock[zp] - filled[zp];
      const s = substitutes[zp];
      const r = substituteRatio(left, s);
      ratio[zp] = r;
      const sold = filled[zp] + r * s;
      stock[zp] = left - r * s;
      this.hourSold[row + zp] = sold;
      this.hourUnmet[row + zp] = this.primaryRequested[zp] - filled[zp];
      // Vendors learn from what buyers asked for: own requests, and the substitutes they sold.
      this.vendors.requestedByHour[row + zp] += r * s;
    }
  }

  /** What carries from one closed day to the next morning, by name (for checkpoints). */
  state(): Record<string, Float64Array> {
    const out: Record<string, Float64Array> = { deviation: this.prices.deviation };
    for (const [name, a] of Object.entries(this.vendors.state())) out[`vendors.${name}`] = a;
    return out;
  }

  /** Restores what state() gave, at a closed day. */
  restore(state: Record<string, Float64Array>): void {
    const dev = state.deviation;
    if (!dev || dev.length !== this.prices.deviation.length)
      throw new Error('checkpoint: market deviation missing or of the wrong size');
    this.prices.deviation.set(dev);
    const vendors: Record<string, Float64Array> = {};
    for (const [name, a] of Object.entries(state)) if (name.startsWith('vendors.')) vendors[name.slice(8)] = a;
    this.vendors.restore(vendors);
  }

  /** Closes the day: perishables spoil, vendors learn. */
  close(): void {
    this.vendors.close();
  }
}
