/**
 * The one interface every recommender implements, and the training data it is fitted on.
 *
 * A recommender is fitted once on a {@link TrainingData}, which holds only what was known before
 * the split: the training weeks' purchases, the prices of the last training day and the segments
 * found in the training weeks' features. The test weeks live elsewhere (split.ts's TestSets) and
 * only evaluate.ts sees them, so no recommender can read them.
 *
 * Every recommender ranks the same way ({@link rankProducts}): by its own score, ties and zero
 * scores broken by global popularity, then by product id. A recommender whose score covers fewer
 * than k products is thereby "filled up with popularity". Only products that someone bought in the
 * training weeks are ever recommended: a product nobody has bought yet has no evidence behind it,
 * and a catalogue entry that first sells in the test weeks must not leak in as filler.
 */

/** The training weeks of a run, as the recommenders see them. */
export interface TrainingData {
  /** Trader ids are 0..traders-1. */
  traders: number;
  /** Catalogue size; product ids are 0..products-1. */
  products: number;
  /** Category index of each product. */
  productCategory: Int32Array;
  categories: string[];
  zones: string[];
  /** Every purchase has tick < splitTick. */
  splitTick: number;
  /** The training purchases, one entry per item bought, in file order. */
  purchases: {
    length: number;
    trader: Int32Array;
    tick: Int32Array;
    product: Int32Array;
    zone: Int32Array;
    unitPrice: Float64Array;
    /** 1 when the item was flagged is_repeat (bought again from the trader's purchase memory). */
    isRepeat: Int32Array;
  };
  /** Items bought per trader and product, row-major traders x products. */
  counts: Float64Array;
  /** Zone index of each trader's last training purchase, -1 for none. */
  traderZone: Int32Array;
  /**
   * Unit price per training day, zone and product from prices.csv, row-major
   * splitDay x zones x products (NaN where missing): only days before the split.
   */
  dayPrice: Float64Array;
  /** The prices of the last training day (a view of dayPrice), row-major zones x products. */
  lastDayPrice: Float64Array;
  /** The last training day (splitDay - 1). */
  lastDay: number;
  /** Segments from the training weeks' features. */
  segments: Segments;
}

/** A k-means segmentation of the traders, from training-week features only. */
export interface Segments {
  k: number;
  /** Segment of each trader id, -1 for a trader with no training purchase. */
  label: Int32Array;
  /** Traders per segment. */
  sizes: number[];
}

export interface Recommender {
  /** Short id used in tables and JSON, e.g. "popularity". */
  readonly name: string;
  /** One sentence: what it ranks by. */
  readonly description: string;
  /** Learns from the training data; called once before any recommend(). */
  fit(train: TrainingData): void;
  /** Up to k distinct product ids for the trader, best first. */
  recommend(trader: number, k: number): number[];
  /** What the fit learned that a reader should see (written to recommend.json), if anything. */
  details?(): Record<string, unknown>;
}

/** Bad options of a recommendation run, worded for the user (the CLI turns it into exit code 2). */
export class RecommendOptionError extends RangeError {
  override name = 'RecommendOptionError';
}

/** Number of distinct traders who bought each product in the training weeks: global popularity. */
export function buyersPerProduct(train: TrainingData): Float64Array {
  const { traders, products, counts } = train;
  const out = new Float64Array(products);
  for (let t = 0; t < traders; t++) for (let p = 0; p < products; p++) if (counts[t * products + p] > 0) out[p]++;
  return out;
}

/**
 * The top k products by (score desc, tieBreak desc, id asc), among products with tieBreak > 0.
 * With tieBreak = global popularity (buyers per product), "eligible" means bought by someone in the
 * training weeks, and products the score leaves at 0 come in popularity order.
 */
export function rankProducts(score: ArrayLike<number>, tieBreak: ArrayLike<number>, k: number): number[] {
  const ids: number[] = [];
  for (let p = 0; p < tieBreak.length; p++) if (tieBreak[p] > 0) ids.push(p);
  ids.sort((a, b) => score[b] - score[a] || tieBreak[b] - tieBreak[a] || a - b);
  return ids.slice(0, k);
}
