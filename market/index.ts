/**
 * The market's public API: what is sold and for how much. Other folders import the market
 * through this file only; the market's own modules import each other directly.
 */
export { DEFAULT_CATALOGUE } from './catalogue.ts';
export { filledQuantity } from './clearing.ts';
export { Market } from './market.ts';
export type { HourlyBook } from './market.ts';
export type { MarketConfig } from './config.ts';
export {
  boolean,
  crossIssue,
  integer,
  marketSchema,
  positive,
  range,
  sharesSumToOne,
  slug,
  uniqueIds,
} from './market-schema.ts';
export type { Catalogue, CategorySpec, ZoneSpec } from './types.ts';
export { DEFAULT_ZONES } from './zones.ts';
