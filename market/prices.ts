/**
 * The daily price process of every (zone, product).
 *
 * log price = log(base x zone level) + seasonal offset + deviation, where the deviation is AR(1)
 * noise that reverts to zero plus a response to the previous day's excess demand against its
 * moving average. The feedback is what lets price-sensitivity effects emerge: many sensitive
 * buyers on the cheapest item raise its demand, and so its price the next day.
 * Knows nothing of traders or threads: it is fed a demand vector and a random source.
 */
import type { RandomSource } from '../agents/random-source.ts';
import type { MarketConfig } from './config.ts';
import { seasonalLogOffset } from './season.ts';

/** Prices are quoted to a tenth of a cent, the precision written to the CSV files. */
export function roundPrice(p: number): number {
  return Math.round(p * 1000) / 1000;
}

export class PriceProcess {
  readonly zones: number;
  readonly products: number;
  /** Today's price per (zone * products + product), rounded to 3 decimals. */
  readonly price: Float64Array;
  /** Today's seasonal normal price (no noise, no demand response): the reference for a "deal". */
  readonly normal: Float64Array;
  private readonly deviation: Float64Array;
  private readonly expectedDemand: Float64Array;
  private readonly baseLog: Float64Array;
  private seenDemand = false;

  constructor(private readonly config: MarketConfig) {
    const { catalogue, zones } = config;
    this.zones = zones.length;
    this.products = catalogue.products.length;
    const size = this.zones * this.products;
    this.price = new Float64Array(size);
    this.normal = new Float64Array(size);
    this.deviation = new Float64Array(size);
    this.expectedDemand = new Float64Array(size);
    this.baseLog = new Float64Array(size);
    for (let z = 0; z < this.zones; z++) {
      for (let p = 0; p < this.products; p++) {
        this.baseLog[z * this.products + p] = Math.log(catalogue.products[p].basePrice * zones[z].priceLevel);
      }
    }
  }

  /** Sets today's prices for a fractional calendar month (see seasonalLogOffset). */
  quote(month: number): void {
    const { products } = this.config.catalogue;
    const scale = this.config.price.seasonality;
    for (let p = 0; p < this.products; p++) {
      const season = seasonalLogOffset(products[p].season, month, scale);
      for (let z = 0; z < this.zones; z++) {
        const i = z * this.products + p;
        const normal = Math.exp(this.baseLog[i] + season);
        this.normal[i] = normal;
        // A price never rounds to zero: the cheapest quote is a tenth of a cent.
        this.price[i] = Math.max(0.001, roundPrice(normal * Math.exp(this.deviation[i])));
      }
    }
  }

  /**
   * Moves the deviations on by one day, given the day's total demand per (zone, product) in
   * product units and a random source keyed to that day.
   */
  advance(demand: Float64Array, rng: RandomSource): void {
    const { noiseSigma, reversion, demandResponse, demandMemory, maxDeviation } = this.config.price;
    if (!this.seenDemand) {
      this.expectedDemand.set(demand);
      this.seenDemand = true;
    }
    for (let i = 0; i < this.deviation.length; i++) {
      const expected = this.expectedDemand[i];
      // One unit of smoothing keeps rarely bought products from swinging on a single sale.
      const excess = Math.log((demand[i] + 1) / (expected + 1));
      let u1 = rng.next();
      if (u1 < 1e-300) u1 = 1e-300;
      const shock = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.next());
      let x = reversion * this.deviation[i] + noiseSigma * shock + demandResponse * excess;
      if (x > maxDeviation) x = maxDeviation;
      else if (x < -maxDeviation) x = -maxDeviation;
      this.deviation[i] = x;
      this.expectedDemand[i] = expected + demandMemory * (demand[i] - expected);
    }
  }
}
