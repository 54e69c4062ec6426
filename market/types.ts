/**
 * The market's vocabulary: what a product, a category and a zone are.
 * Plain data shapes; the defaults live in catalogue.ts and zones.ts and a scenario may override them.
 */

/** Seasonal supply of a product: supply peaks (and price bottoms) in `peakSupplyMonth`. */
export interface SeasonSpec {
  /** Calendar month 1-12 in which supply is highest and the price lowest. */
  peakSupplyMonth: number;
  /** Half the peak-to-trough swing of log price (0 = no season; 0.3 = about +-30%). */
  amplitude: number;
}

export interface ProductSpec {
  /** Stable slug, unique, [a-z0-9_]+; written to transactions.csv as `product_id`'s name. */
  id: string;
  /** Human name, e.g. "Tomatoes". */
  name: string;
  /** One of the catalogue's category ids. */
  category: string;
  /** Selling unit, e.g. "kg", "bundle", "bucket", "10 kg bag", "litre", "each". */
  unit: string;
  /** Mean retail price in US dollars per unit at Mbare Musika (zone price level 1.0). */
  basePrice: number;
  /** Smallest quantity sold, in units; a multiple of 0.25 so quantities stay exact in binary. */
  step: number;
  /** Typical quantity a household buys in one visit, in units (a multiple of step). */
  householdQty: number;
  /** Typical quantity a bulk buyer (wholesaler) buys in one visit, in units. */
  bulkQty: number;
  /** Relative weight of the product when a trader explores its category (any positive number). */
  popularity: number;
  season: SeasonSpec;
  /** Where the base price comes from: World Food Programme retail data, or our assumption. */
  source: 'wfp' | 'assumption';
  /** Spoils at close if unsold (vendors bring it fresh each morning); otherwise it carries over. */
  perishable: boolean;
}

export interface CategorySpec {
  id: string;
  name: string;
  /** Relative weight of the category in an unspecialised shopper's basket. */
  popularity: number;
}

export interface ZoneSpec {
  /** Stable slug, e.g. "mbare". */
  id: string;
  /** Display name, e.g. "Mbare Musika". */
  name: string;
  /** What kind of place it is (wholesale market, CBD, high-density suburb, ...). */
  kind: string;
  /** Share of traders based in the zone; shares across zones sum to 1. */
  share: number;
  /** Multiplier on visit frequency. */
  activity: number;
  /** Multiplier on monthly budget. */
  budget: number;
  /** Multiplier on every product's price in the zone. */
  priceLevel: number;
  /** Multipliers on category weights for traders of this zone (missing = 1). */
  categoryTilt: Record<string, number>;
}

/** A uniform generator in [0, 1): the market's only view of randomness, handed in by the engine. */
export interface UniformSource {
  next(): number;
}

export interface Catalogue {
  categories: CategorySpec[];
  products: ProductSpec[];
}
