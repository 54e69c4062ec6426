/**
 * Every feature in one table: its name, its one-line description and how it is computed from the
 * trader's sums. The feature vector (column order), the names, the context/behaviour split,
 * analysis.json's definitions and the README's table all come from it.
 */

/**
 * What the one pass over the transactions gathered for one trader with at least one purchase,
 * and the figures several features share (computed once per trader in features.ts).
 */
export interface TraderSums {
  /** Items bought. */
  items: number;
  /** Market visits: distinct purchase hours. */
  visits: number;
  /** The active span, first to last purchase day, in weeks (at least one). */
  weeks: number;
  /** USD spent. */
  spend: number;
  /** Sum over visits of log(USD spent in the visit), the visit's value floored at 0.01. */
  visitLogValue: number;
  /** Mean and (population) variance of USD spent per visit. */
  visitValueMean: number;
  visitValueVariance: number;
  /** Sum over items of log(quantity) - the product's mean log quantity over all traders. */
  logQuantityIndex: number;
  /** Categories bought, the Shannon entropy (bits) of their shares, and the most bought's items. */
  categories: number;
  categoryEntropy: number;
  topCategoryItems: number;
  /** Items the trader chose itself (not substitutes), and how many of those were flagged is_repeat. */
  chosen: number;
  repeats: number;
  /** Distinct products bought. */
  products: number;
  /** Sum over items of log(unit price / the category's geometric mean posted price in that zone that day). */
  relativePrice: number;
  /** Items bought before 09:00, from 16:00, on Saturday or Sunday, on day 21 or later of the month. */
  early: number;
  evening: number;
  weekend: number;
  monthEnd: number;
  /** Sum over items of the hour of day (mid-hour). */
  hours: number;
  /** Items in the first and last third of the span from the first purchase to the end of the run. */
  firstThird: number;
  lastThird: number;
  /** Sum over items of log(price in the trader's zone / mean price across zones). */
  zonePriceLevel: number;
}

export interface FeatureDefinition {
  name: string;
  /** One line, as in analysis.json and the README. */
  description: string;
  /** A context feature: reported and validated but not clustered by default (see CONTEXT_FEATURES). */
  context: boolean;
  value: (s: TraderSums) => number;
}

/** Every feature, in column order. */
export const FEATURE_DEFINITIONS = [
  {
    name: 'items_per_week',
    description: "items bought per week of the trader's active span (first to last purchase, at least one week)",
    context: false,
    value: (s) => s.items / s.weeks,
  },
  {
    name: 'visits_per_week',
    description: 'market visits (distinct purchase hours) per active week',
    context: false,
    value: (s) => s.visits / s.weeks,
  },
  {
    name: 'items_per_visit',
    description: 'mean basket size in items',
    context: false,
    value: (s) => s.items / s.visits,
  },
  {
    name: 'log_basket_value',
    description: 'mean of log(USD spent per visit)',
    context: false,
    value: (s) => s.visitLogValue / s.visits,
  },
  {
    name: 'basket_value_cv',
    description: 'coefficient of variation of USD spent per visit',
    context: false,
    value: (s) => (s.visitValueMean > 0 ? Math.sqrt(s.visitValueVariance) / s.visitValueMean : 0),
  },
  {
    name: 'log_quantity_index',
    description: "mean log(quantity / the product's mean quantity over all traders, geometric)",
    context: false,
    value: (s) => s.logQuantityIndex / s.items,
  },
  {
    name: 'distinct_categories',
    description: 'number of categories bought',
    context: false,
    value: (s) => s.categories,
  },
  {
    name: 'category_entropy',
    description: "Shannon entropy (bits) of the trader's category shares",
    context: false,
    value: (s) => s.categoryEntropy,
  },
  {
    name: 'top_category_share',
    description: "share of items in the trader's most bought category",
    context: false,
    value: (s) => s.topCategoryItems / s.items,
  },
  {
    name: 'repeat_rate',
    description: "share of the trader's own choices (items not bought as substitutes) flagged is_repeat",
    context: false,
    value: (s) => (s.chosen > 0 ? s.repeats / s.chosen : 0),
  },
  {
    name: 'product_diversity',
    description: 'distinct products / items: how much the trader explores',
    context: false,
    value: (s) => s.products / s.items,
  },
  {
    name: 'relative_price',
    description: 'mean log(unit price / geometric mean price of the category in that zone that day)',
    context: false,
    value: (s) => s.relativePrice / s.items,
  },
  {
    name: 'early_share',
    description: 'share of items bought before 09:00',
    context: false,
    value: (s) => s.early / s.items,
  },
  {
    name: 'evening_share',
    description: 'share of items bought from 16:00',
    context: false,
    value: (s) => s.evening / s.items,
  },
  {
    name: 'mean_hour',
    description: 'mean hour of day of purchases',
    context: false,
    value: (s) => s.hours / s.items,
  },
  {
    name: 'weekend_share',
    description: 'share of items bought on Saturday or Sunday',
    context: true,
    value: (s) => s.weekend / s.items,
  },
  {
    name: 'month_end_share',
    description: 'share of items bought on day 21 or later of the month',
    context: true,
    value: (s) => s.monthEnd / s.items,
  },
  {
    name: 'activity_trend',
    description:
      'log((items in the last third + 1) / (items in the first third + 1)) of the span from first purchase to the end of the run',
    context: true,
    value: (s) => Math.log((s.lastThird + 1) / (s.firstThird + 1)),
  },
  {
    name: 'zone_price_level',
    description: "mean log(price in the trader's zone / mean price across zones) of the products bought",
    context: true,
    value: (s) => s.zonePriceLevel / s.items,
  },
  {
    name: 'log_spend_per_week',
    description: 'log(USD spent per active week)',
    context: false,
    value: (s) => Math.log(Math.max(s.spend, 0.01) / s.weeks),
  },
] as const satisfies readonly FeatureDefinition[];

export type FeatureName = (typeof FEATURE_DEFINITIONS)[number]['name'];

/** [name, description] of every feature, in column order. */
export const FEATURES: readonly (readonly [FeatureName, string])[] = FEATURE_DEFINITIONS.map(
  (f) => [f.name, f.description] as const,
);
export const FEATURE_NAMES: FeatureName[] = FEATURE_DEFINITIONS.map((f) => f.name);

/**
 * Context features describe when in the week or month, where, and at what point of its life a
 * trader shops. In the model these apply to every persona alike (the market's cycles, the zone,
 * the lifecycle; only the weekend has a mild per-persona multiplier), so they are reported and
 * validated but not clustered by default: clustering on them would segment traders by place and
 * tenure rather than by behaviour. `--features all` clusters on everything; the README gives the
 * scores both ways.
 */
export const CONTEXT_FEATURES: readonly FeatureName[] = FEATURE_DEFINITIONS.filter((f) => f.context).map((f) => f.name);
export const BEHAVIOUR_FEATURES: readonly FeatureName[] = FEATURE_NAMES.filter((f) => !CONTEXT_FEATURES.includes(f));
