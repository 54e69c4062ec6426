/**
 * The six trader personas of the product brief, as data.
 *
 * share, activity, budget and repeat are given by the brief; price sensitivity for wholesalers
 * (0.8), individuals (0.5) and occasional buyers (0.3) too. The rest are our defaults: a scenario
 * may override any field. This is the only copy of the persona table.
 */

/** One component of a persona's time-of-day profile: [centre hour, spread in hours, weight]. */
export type HourPeak = [centre: number, spread: number, weight: number];

export interface PersonaSpec {
  id: string;
  /** Share of the population. Shares across personas sum to 1. */
  share: number;
  /** Visit-frequency multiplier (1 = a normal shopper). */
  activity: number;
  /** Budget multiplier (1 = a normal household's budget). */
  budget: number;
  /** Probability an item is re-bought from purchase memory rather than explored. */
  repeat: number;
  /** Strength of the pull towards cheap products and of buying less when prices are high. */
  priceSensitivity: number;
  /** Number of preferred categories, drawn uniformly in [min, max]. */
  categoryCount: [min: number, max: number];
  /** Weight ratio between successive preferred categories: 1 = even, lower = more focused. */
  categoryFocus: number;
  /** Probability that an exploring pick ignores the preferences (opportunistic shopping). */
  offPreference: number;
  /** Mean number of items per visit (at least one). */
  basketSize: number;
  /** Buys in bulk units (the product's bulkQty) rather than household quantities. */
  bulk: boolean;
  /** Multiplier on the base quantity (bulk or household) per item. */
  quantityScale: number;
  /** Time-of-day profile as a mixture of bell curves over the trading hours. */
  hours: HourPeak[];
  /** Multiplier on weekend visits on top of the market's weekly cycle. */
  weekend: number;
}

export const PERSONA_IDS = [
  'bulk_wholesaler',
  'small_retailer',
  'frequent_individual',
  'occasional_buyer',
  'category_specialist',
  'bargain_hunter',
] as const;

export const DEFAULT_PERSONAS: PersonaSpec[] = [
  {
    // "Buys 100kg of tomatoes weekly for resale": few categories, bulk units, before dawn.
    id: 'bulk_wholesaler',
    share: 0.15,
    activity: 2.5,
    budget: 3.0,
    repeat: 0.85,
    priceSensitivity: 0.8,
    categoryCount: [1, 2],
    categoryFocus: 0.35,
    offPreference: 0.02,
    basketSize: 1.8,
    bulk: true,
    quantityScale: 0.8,
    hours: [[5.5, 0.8, 1]],
    weekend: 0.8,
  },
  {
    // Stocks a small shop: regular, moderate, 3-4 categories, early morning restocking.
    id: 'small_retailer',
    share: 0.25,
    activity: 1.8,
    budget: 1.5,
    repeat: 0.7,
    priceSensitivity: 0.6,
    categoryCount: [3, 4],
    categoryFocus: 0.7,
    offPreference: 0.05,
    basketSize: 3.5,
    bulk: false,
    quantityScale: 3.2,
    hours: [
      [7, 1.2, 1],
      [14, 1.5, 0.25],
    ],
    weekend: 0.9,
  },
  {
    // Family provider: diverse categories, household quantities, after work and Saturday mornings.
    id: 'frequent_individual',
    share: 0.2,
    activity: 1.5,
    budget: 1.0,
    repeat: 0.6,
    priceSensitivity: 0.5,
    categoryCount: [5, 7],
    categoryFocus: 0.85,
    offPreference: 0.1,
    basketSize: 4,
    bulk: false,
    quantityScale: 1,
    hours: [
      [17.5, 1, 1],
      [10, 1.5, 0.45],
    ],
    weekend: 1.3,
  },
  {
    // Shops when convenient, no fixed pattern.
    id: 'occasional_buyer',
    share: 0.2,
    activity: 0.6,
    budget: 0.7,
    repeat: 0.3,
    priceSensitivity: 0.3,
    categoryCount: [2, 5],
    categoryFocus: 0.9,
    offPreference: 0.35,
    basketSize: 1.6,
    bulk: false,
    quantityScale: 0.8,
    hours: [[12.5, 3, 1]],
    weekend: 1.2,
  },
  {
    // "Only buys fruits, knows all varieties": one category, loyal, mid-morning.
    id: 'category_specialist',
    share: 0.12,
    activity: 1.3,
    budget: 1.2,
    repeat: 0.9,
    priceSensitivity: 0.5,
    categoryCount: [1, 1],
    categoryFocus: 1,
    offPreference: 0,
    basketSize: 2.5,
    bulk: false,
    quantityScale: 2.5,
    hours: [[9, 1.5, 1]],
    weekend: 1,
  },
  {
    // "Buys whatever is cheapest today": late afternoon, when sellers mark down.
    id: 'bargain_hunter',
    share: 0.08,
    activity: 1.0,
    budget: 0.6,
    repeat: 0.2,
    priceSensitivity: 2.0,
    categoryCount: [5, 7],
    categoryFocus: 0.95,
    offPreference: 0.25,
    basketSize: 3,
    bulk: false,
    quantityScale: 1.2,
    hours: [[16.5, 1.2, 1]],
    weekend: 1.1,
  },
];
