/**
 * The daily price level of every (zone, product), before stock moves it within the day.
 *
 * log level = log(base x zone level) + seasonal offset + noise, where the noise is AR(1) in log
 * price and reverts to zero. Demand does not enter here: the market's response to demand is
 * the hourly posting rule (posting.ts), driven by stock against expected sales, so it has no
 * level of its own to drift to. Knows nothing of traders or threads.
 */
import type { MarketConfig } from './config.ts';
import { seasonalLogOffset } from './season.ts';
import type { UniformSource } from './types.ts';

/** Prices are quoted to a tenth of a cent, the precision written to the CSV files. */
export function roundPrice(p: number): number {
  return Math.round(p * 1000) / 1000;
}

/** A standard normal draw (Box-Muller, one of the pair). */
export function normalDraw(rng: UniformSource): number {
  let u = rng.next();
  if (u < 1e-300) u = 1e-300;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

export class PriceProcess {
  readonly zones: number;
  readonly products: number;
  /** Today's seasonal normal price per (zone * products + product): base x zone level x season. */
  readonly normal: Float64Array;
  /** Today's seasonal log-price offset per product (positive out of season). */
  readonly season: Float64Array;
  /** Today's log-price noise per (zone, product). */
  readonly deviation: Float64Array;
  private readonly baseLog: Float64Array;

  constructor(private readonly config: MarketConfig) {
    const { catalogue, zones } = config;
    this.zones = zones.length;
    this.products = catalogue.products.length;
    const size = this.zones * this.products;
    this.normal = new Float64Array(size);
    this.season = new Float64Array(this.products);
    this.deviation = new Float64Array(size);
    this.baseLog = new Float64Array(size);
    for (let z = 0; z < this.zones; z++) {
      for (let p = 0; p < this.products; p++) {
        this.baseLog[z * this.products + p] = Math.log(catalogue.products[p].basePrice * zones[z].priceLevel);
      }
    }
  }

  /** Sets today's seasonal normals for a fractional calendar month (see seasonalLogOffset). */
  quote(month: number): void {
    const { products } = this.config.catalogue;
    const scale = this.config.price.seasonality;
    for (let p = 0; p < this.products; p++) {
      const season = seasonalLogOffset(products[p].season, month, scale);
      this.season[p] = season;
      for (let z = 0; z < this.zones; z++) {
        const i = z * this.products + p;
        this.normal[i] = Math.exp(this.baseLog[i] + season);
      }
    }
  }

  /** Moves the noise on by one day, from a random source keyed to that day. */
  advance(rng: UniformSource): void {
    const { noiseSigma, reversion, maxDeviation } = this.config.price;
    for (let i = 0; i < this.deviation.length; i++) {
      let x = reversion * this.deviation[i] + noiseSigma * normalDraw(rng);
      if (x > maxDeviation) x = maxDeviation;
      else if (x < -maxDeviation) x = -maxDeviation;
      this.deviation[i] = x;
    }
  }
}
