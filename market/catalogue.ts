/**
 * The default product catalogue: what Mbare Musika sells, in which units, for how much.
 *
 * Staple prices come from World Food Programme retail prices for Harare, via HDX
 * (wfp_food_prices_zwe.csv, summarised in the shared data/harare-prices.csv; Source: World
 * Food Programme (WFP), via HDX, CC BY-IGO). Where the file has US-dollar-quoted rows (Mbare,
 * 2010-2017) the base price is the median over those rows, converted to the selling unit.
 * Rice, sugar beans, kapenta, sugar and salt have no USD-quoted rows: for them it is the median
 * of WFP's USD conversion of the 2020-2022 ZWL rows, which used official exchange rates and so
 * may overstate a dollar shopper's price; each such line says so.
 *
 * WFP does not track fresh vegetables and fruit, nor eggs, bread, margarine and the like:
 * those prices and units are our assumptions for Mbare in the US-dollar era, and their seasons
 * follow the Zimbabwe growing calendar (rains Nov-Mar, cool dry winter May-Aug, hot dry
 * Sep-Oct). Every product carries `source` so the output can tell measured from assumed.
 *
 * Quantities are in the product's unit and are multiples of 0.25 so they stay exact in
 * binary; bulk quantities are what a trader buying for resale takes in one visit.
 *
 * `perishable` marks what spoils at close if unsold: leafy greens, tomatoes and the like, fruit,
 * fresh fish and bread. Onions, potatoes, butternut and sweet potatoes keep for weeks in a
 * vendor's sacks, so they carry over like dry goods (our assumption, as for the fresh prices).
 */

import { FISH } from './products/fish.ts';
import { FRUITS } from './products/fruits.ts';
import { GRAINS } from './products/grains.ts';
import { LEGUMES } from './products/legumes.ts';
import { OILS } from './products/oils.ts';
import { SUNDRIES } from './products/sundries.ts';
import { VEGETABLES } from './products/vegetables.ts';
import type { Catalogue } from './types.ts';

export const DEFAULT_CATALOGUE: Catalogue = {
  categories: [
    // Fresh greens and tomatoes are bought several times a week: the market's core trade.
    { id: 'vegetables', name: 'Vegetables', popularity: 0.28 },
    { id: 'fruits', name: 'Fruits', popularity: 0.16 },
    // Maize meal is the daily staple, so grains come second only to fresh vegetables.
    { id: 'grains', name: 'Grains and meal', popularity: 0.2 },
    { id: 'legumes', name: 'Legumes and nuts', popularity: 0.1 },
    { id: 'fish', name: 'Fish', popularity: 0.09 },
    { id: 'oils', name: 'Oils and fats', popularity: 0.08 },
    { id: 'sundries', name: 'Sundries', popularity: 0.09 },
  ],
  // In this order: a product_id is its index here.
  products: [...VEGETABLES, ...FRUITS, ...GRAINS, ...LEGUMES, ...FISH, ...OILS, ...SUNDRIES],
};
