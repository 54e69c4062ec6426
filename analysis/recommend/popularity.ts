/** The baseline: the products most traders bought in the training weeks, the same list for everyone. */
import { buyersPerProduct, rankProducts, type Recommender, type TrainingData } from './interface.ts';

export function popularityRecommender(): Recommender {
  let buyers: Float64Array = new Float64Array(0);
  let cached: number[] = [];
  let cachedK = -1;
  return {
    name: 'popularity',
    description: 'global popularity: products by the number of distinct traders who bought them in the training weeks',
    fit(train: TrainingData): void {
      buyers = buyersPerProduct(train);
      cachedK = -1;
    },
    recommend(_trader: number, k: number): number[] {
      if (k !== cachedK) {
        cached = rankProducts(buyers, buyers, k);
        cachedK = k;
      }
      return [...cached];
    },
  };
}
