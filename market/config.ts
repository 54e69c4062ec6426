/** The market's part of a scenario: what is sold, where, how it is supplied and how prices move. */
import type { Catalogue, ZoneSpec } from './types.ts';

export interface PriceConfig {
  /** Multiplier on every product's seasonal amplitude, in price and in supply: 1 = as catalogued, 0 = no seasons. */
  seasonality: number;
  /** Daily standard deviation of the log-price shock. */
  noiseSigma: number;
  /** AR(1) coefficient of the log-price deviation per day; 1 - reversion is the daily pull to the mean. */
  reversion: number;
  /**
   * Log-price response to stock cover (stock left / sales expected for the rest of the day): short
   * stock (cover < 1) raises the price by demandResponse x -log(cover), and perishables with
   * slack stock late in the day are marked down by demandResponse x log(cover). 0 = prices ignore
   * stock and demand entirely: no premiums, no markdowns.
   */
  demandResponse: number;
  /**
   * Log-price response to the pace of trade: each hour a vendor compares what buyers have asked
   * for so far today with what the vendor expected by then (the learnt hourly shape of the day),
   * as a share of the morning's stock, and moves the price by paceResponse x that share: trade
   * running ahead of plan raises it, trade lagging lowers it. Expectations are learnt from the
   * same requests, so the term averages zero and adds no price level. 0 = no pace response.
   */
  paceResponse: number;
  /** Largest evening markdown of a perishable, in log price (0 = no markdowns). */
  markdownMax: number;
  /** Markdowns ramp in over the last this many trading hours. */
  markdownHours: number;
  /** Bound on the absolute log-price deviation (noise plus response), so nothing can run away. */
  maxDeviation: number;
}

export interface StockConfig {
  /** false = vendors have whatever is asked for: no stockouts, no waste, no stock-driven prices. */
  enabled: boolean;
  /** Perishables spoil at close (false: everything carries over, and nothing is marked down to clear). */
  spoilage: boolean;
  /** Extra stock over expected sales that a vendor brings (0.15 = 15% more). */
  margin: number;
  /** Safety stock of storable goods, in standard deviations of the day's requests (the vendor's learnt spread). */
  safety: number;
  /** The same for perishables, lower: what is left at close is lost, so vendors risk running out instead. */
  perishableSafety: number;
  /**
   * Storable goods only: days of expected sales a vendor holds in reserve on top of the day's
   * target. Dry goods keep, so a vendor restocks from the wholesaler to a level that rides out a
   * lumpy day, and prices only rise as the reserve runs down (0 = stock for the day only).
   */
  reserveDays: number;
  /** A floor on each delivery, in households' typical quantities, so a rarely sold product is on the stall at all. */
  minHouseholds: number;
  /** Standard deviation of the log delivery around its target: a truck late, a good harvest. */
  deliveryNoise: number;
  /**
   * How much supply follows the season: delivery x exp(-seasonalSupply x seasonal log-price offset),
   * so out of season (dear) supply is short of what sells and in season it is plentiful.
   */
  seasonalSupply: number;
  /** Weight of the newest observation in a vendor's expected sales for that weekday. */
  learningRate: number;
  /**
   * Weight of the latest month in the vendors' day-of-month pattern (how busy each day of the
   * month is against its weekday: the payday rush, the month-end lull); 0 = no such pattern.
   */
  monthRate: number;
}

export interface MarketConfig {
  catalogue: Catalogue;
  zones: ZoneSpec[];
  price: PriceConfig;
  stock: StockConfig;
}
