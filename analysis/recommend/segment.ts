/**
 * Segment popularity: the products most traders of the trader's own segment (k-means on the
 * training weeks' features, segmentation.ts) bought, ties and the rest by global popularity.
 */
import { buyersPerProduct, rankProducts, type Recommender, type TrainingData } from './interface.ts';

export function segmentRecommender(): Recommender {
  let train: TrainingData | undefined;
  let buyers: Float64Array = new Float64Array(0);
  /** Distinct buyers per (segment, product), row-major segments x products. */
  let segBuyers = new Float64Array(0);
  return {
    name: 'segment',
    description:
      "segment popularity: products by the number of distinct traders of the trader's k-means segment who bought them, filled up with global popularity",
    fit(t: TrainingData): void {
      train = t;
      buyers = buyersPerProduct(t);
      const P = t.products;
      segBuyers = new Float64Array(t.segments.k * P);
      for (let tr = 0; tr < t.traders; tr++) {
        const s = t.segments.label[tr];
        if (s < 0) continue;
        for (let p = 0; p < P; p++) if (t.counts[tr * P + p] > 0) segBuyers[s * P + p]++;
      }
    },
    recommend(trader: number, k: number): number[] {
      const P = train!.products;
      const s = train!.segments.label[trader];
      return rankProducts(s < 0 ? buyers : segBuyers.subarray(s * P, (s + 1) * P), buyers, k);
    },
  };
}
