/**
 * The default zones: where in greater Harare traders are based and shop.
 *
 * Mbare Musika (activity 2.0, budget 0.8) and the CBD (1.5, 1.3) are given by the product brief;
 * the other five, and every share, price level and tilt, are our defaults. Mbare is the
 * wholesale hub that supplies the rest, so its price level is 1.0 and the others add transport
 * and rent on top (or, in Epworth, shave a little off with informal stalls).
 *
 * Category tilts are what make zones behave differently enough to form regional sub-clusters:
 * kept within 0.6-1.8 so a zone leans rather than excludes.
 *
 * Shares are multiples of 1/16, so they are exact in binary as well as decimal and sum to
 * exactly 1 with no rounding.
 */

import type { ZoneSpec } from './types.ts';

export const DEFAULT_ZONES: ZoneSpec[] = [
  {
    // The wholesale floor: farmers' trucks unload here, so fresh produce is cheapest and
    // traders come often with thin budgets. Dry goods are bought elsewhere.
    id: 'mbare',
    name: 'Mbare Musika',
    kind: 'wholesale market',
    share: 0.25,
    activity: 2.0,
    budget: 0.8,
    priceLevel: 1.0,
    categoryTilt: { vegetables: 1.6, fruits: 1.2, grains: 0.9, oils: 0.7, sundries: 0.7 },
  },
  {
    // Office workers and street vendors: quick buys of fruit, bread and packaged goods at
    // city-centre rents, rarely a bag of grain.
    id: 'cbd',
    name: 'Harare CBD',
    kind: 'central business district',
    share: 0.125,
    activity: 1.5,
    budget: 1.3,
    priceLevel: 1.15,
    categoryTilt: { fruits: 1.5, sundries: 1.5, oils: 1.2, grains: 0.7, legumes: 0.7, fish: 0.8 },
  },
  {
    // Machipisa and Gazaland markets: a dense, old township that cooks sadza with greens and
    // kapenta relish; close to Mbare, so only a small mark-up.
    id: 'highfield',
    name: 'Highfield',
    kind: 'high-density suburb market',
    share: 0.1875,
    activity: 1.2,
    budget: 0.9,
    priceLevel: 1.05,
    categoryTilt: { vegetables: 1.3, fish: 1.5, grains: 1.2, fruits: 0.8, oils: 0.9 },
  },
  {
    // Informal settlement on the south-east edge: the tightest budgets, so the basket is
    // maize meal and pulses, fruit is a luxury; informal stalls undercut Mbare slightly.
    id: 'epworth',
    name: 'Epworth',
    kind: 'low-income settlement',
    share: 0.125,
    activity: 1.0,
    budget: 0.6,
    priceLevel: 0.95,
    categoryTilt: {
      grains: 1.7,
      legumes: 1.6,
      vegetables: 1.0,
      fruits: 0.6,
      oils: 0.8,
      sundries: 0.7,
      fish: 0.8,
    },
  },
  {
    // Leafy northern suburb: fewer, larger trips with high budgets; fruit, oils and packaged
    // goods over bags of grain; the highest prices in the city.
    id: 'borrowdale',
    name: 'Borrowdale',
    kind: 'low-density northern suburb',
    share: 0.0625,
    activity: 0.8,
    budget: 1.8,
    priceLevel: 1.3,
    categoryTilt: {
      fruits: 1.8,
      oils: 1.5,
      sundries: 1.3,
      vegetables: 0.9,
      grains: 0.6,
      legumes: 0.7,
      fish: 0.8,
    },
  },
  {
    // Dormitory town 25 km south: commuters stock up on staples and dried fish in bulk at
    // Chikwanha and Jambanja markets, paying for the haul from Mbare.
    id: 'chitungwiza',
    name: 'Chitungwiza',
    kind: 'dormitory town',
    share: 0.1875,
    activity: 1.1,
    budget: 0.85,
    priceLevel: 1.05,
    categoryTilt: { grains: 1.5, legumes: 1.3, fish: 1.4, vegetables: 0.9, fruits: 0.8, sundries: 0.8 },
  },
  {
    // Medium-density suburb with a flea market: middle incomes buying fresh fruit and
    // vegetables rather than staples in bulk.
    id: 'avondale',
    name: 'Avondale',
    kind: 'medium-density suburb',
    share: 0.0625,
    activity: 1.0,
    budget: 1.2,
    priceLevel: 1.2,
    categoryTilt: { fruits: 1.4, vegetables: 1.3, oils: 1.1, grains: 0.7, legumes: 0.8 },
  },
];
