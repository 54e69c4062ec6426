/** The market's part of a scenario: what is sold, where, and how prices move. */
import type { Catalogue, ZoneSpec } from './types.ts';

export interface PriceConfig {
  /** Multiplier on every product's seasonal amplitude: 1 = as catalogued, 0 = no seasons. */
  seasonality: number;
  /** Daily standard deviation of the log-price shock. */
  noiseSigma: number;
  /** AR(1) coefficient of the log-price deviation per day; 1 - reversion is the daily pull to the mean. */
  reversion: number;
  /** Log-price response to the previous day's log excess demand (0 = prices ignore demand). */
  demandResponse: number;
  /** Weight of the newest day in the moving average that defines normal demand. */
  demandMemory: number;
  /** Bound on the absolute log-price deviation, so a shock cannot run away. */
  maxDeviation: number;
}

export interface MarketConfig {
  catalogue: Catalogue;
  zones: ZoneSpec[];
  price: PriceConfig;
}
